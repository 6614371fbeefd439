package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    @Test
    void conditions() {
        assertThat(Discovery.condition("> 0.2").test(0.3)).isTrue();
        assertThat(Discovery.condition(">0.2").test(0.2)).isFalse();
        assertThat(Discovery.condition(">= 0.2").test(0.2)).isTrue();
        assertThat(Discovery.condition("< -1e3").test(-2000)).isTrue();
        assertThat(Discovery.condition("!= 0").test(Double.NaN)).isFalse();
        assertThat(Discovery.condition("<= 5").test(Double.NaN)).isFalse();
        assertThatThrownBy(() -> Discovery.condition("0.2")).hasMessageContaining("starts with one of");
        assertThatThrownBy(() -> Discovery.condition("> abc")).hasMessageContaining("expected a number");
    }

    @Test
    void oneCallFindsThePlantedScenario() {
        PlantedBox data = new PlantedBox(3000, 11);
        // a numeric outcome that exceeds 0.5 exactly in the planted box, and grows with x0 elsewhere
        double[] outcome = new double[data.x.rows()];
        for (int i = 0; i < outcome.length; i++) outcome[i] = data.y[i] ? 1 : 0.4 * data.x.value(i, 0);
        outcome[5] = Double.NaN; // a failed run
        Discovery.Report r = Discovery.run(data.x, outcome, "> 0.5",
                new Discovery.Options(Prim.Options.defaults(), 0.9, 3, Cart.Options.defaults(), new FeatureScoring.Options(30, 0.6, 5, 30, 0, 2), 1));
        assertThat(r.box().restricted()).containsExactlyInAnyOrder(PlantedBox.A, PlantedBox.B);
        assertThat(r.inspection().limits()).extracting(PrimInspection.Limit::name).containsExactlyInAnyOrder("x2", "x7");
        assertThat(r.stability().share("x2")).isEqualTo(1.0);
        assertThat(r.tree().positiveLeaves().get(0).box().restrictedInputs()).containsExactlyInAnyOrder(PlantedBox.A, PlantedBox.B);
        List<String> top = r.scores().ranked().stream().limit(3).map(FeatureScoring.Score::name).toList();
        assertThat(top).containsExactlyInAnyOrder("x2", "x7", "x0");
        assertThat(r.cases()).isEqualTo(Dataset.count(data.y) - (data.y[5] ? 1 : 0));
    }
}
