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

    /** Screening keeps the inputs that explain the outcome, and PRIM on them still finds the planted box. */
    @Test
    void screeningKeepsTheInformativeInputs() {
        PlantedBox data = new PlantedBox(3000, 11);
        double[] outcome = new double[data.x.rows()];
        for (int i = 0; i < outcome.length; i++) outcome[i] = data.y[i] ? 1 : 0.4 * data.x.value(i, 0);
        FeatureScoring.Result scores = Discovery.scores(data.x, outcome, new FeatureScoring.Options(30, 0.6, 5, 30, 0, 2));
        List<String> top = Discovery.screen(data.x, scores, 3);
        assertThat(top).containsExactlyInAnyOrder("x2", "x7", "x0");
        assertThat(Discovery.screen(data.x, scores, 99)).isEqualTo(data.x.names());
        assertThat(Discovery.screen(data.x, null, 2)).isEqualTo(data.x.names());
        assertThatThrownBy(() -> Discovery.screen(data.x, scores, 0)).hasMessageContaining("at least 1");
        Dataset screened = data.x.inputs(top);
        assertThat(screened.names()).isEqualTo(top);
        assertThat(screened.column(0)).isEqualTo(data.x.column(data.x.indexOf(top.get(0))));
        Discovery.Report r = Discovery.run(screened, outcome, "> 0.5", Discovery.Options.defaults());
        assertThat(r.inspection().limits()).extracting(PrimInspection.Limit::name).containsExactlyInAnyOrder("x2", "x7");
        assertThat(Discovery.boxWarnings(r.inspection())).isEmpty();
    }

    /** The warning rule: a limit above quasi-p 0.05 and more than 6 restricted inputs are each named. */
    @Test
    void boxWarningsNameInsignificantLimitsAndTooManyRestrictions() {
        Box b = new Box(new double[8], new double[8]);
        java.util.List<PrimInspection.Limit> limits = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            double p = i == 3 ? 0.2 : 0.001;
            limits.add(new PrimInspection.Limit("u" + i, i, 0, 1, true, false, p, p, Double.NaN));
        }
        limits.add(new PrimInspection.Limit("free", 8, 0, 1, false, false, Double.NaN, Double.NaN, Double.NaN));
        PrimInspection insp = new PrimInspection(new PrimBox(0, b, 10, 9, 0.5, 0.9, 0.1, false), limits);
        List<String> w = Discovery.boxWarnings(insp);
        assertThat(w).hasSize(2);
        assertThat(w.get(0)).startsWith("1 limit(s) not significant").contains("u3 (0.200)").doesNotContain("u0").doesNotContain("free");
        assertThat(w.get(1)).startsWith("8 restricted inputs (more than 6)");
        PrimInspection few = new PrimInspection(insp.box(), limits.subList(0, 3));
        assertThat(Discovery.boxWarnings(few)).isEmpty();
    }
}
