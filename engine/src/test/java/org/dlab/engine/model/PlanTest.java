package org.dlab.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/** The plan is the planner's whole answer: the analysed model is left as it was, and the settable rule is the plan's. */
class PlanTest {
    private static final String MODEL = "{UTF-8}\n"
            + "rate = 0.1 ~ ~ |\n"
            + "doubled = 2 * rate ~ ~ |\n"
            + "growth = stock * rate + STEP(1, 3) ~ ~ |\n"
            + "stock = INTEG(growth, 10) ~ ~ |\n"
            + "smoothed = SMOOTH(stock, 2) ~ ~ |\n"
            + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 5 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";

    private static AnalyzedModel analyzed() {
        return ModelLoader.analyze(VensimParser.parse("p.mdl", MODEL, Path.of(".")));
    }

    private static ScalarVar named(AnalyzedModel m, String name) {
        return m.vars().stream().filter(v -> v.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void planningLeavesTheAnalysisAsItWas() {
        AnalyzedModel m = analyzed();
        Map<ScalarVar, Node[]> before = new IdentityHashMap<>();
        for (ScalarVar v : m.vars()) before.put(v, new Node[] {v.initial, v.expr, v.rate});
        Plan first = Planner.plan(m);
        Plan second = Planner.plan(m);
        for (ScalarVar v : m.vars()) {
            assertThat(new Node[] {v.initial, v.expr, v.rate}).as(v.name).containsExactly(before.get(v));
            assertThat(second.info(v)).as(v.name).isEqualTo(first.info(v));
        }
        // a constant keeps its equation; the plan knows it is computed once
        ScalarVar doubled = named(m, "doubled");
        assertThat(doubled.expr).isNotNull();
        assertThat(first.stepExpr(doubled)).isNull();
        assertThat(first.stepOrder()).doesNotContain(doubled).contains(named(m, "growth"));
    }

    @Test
    void slotsPutStocksFirstAndAreDistinct() {
        AnalyzedModel m = analyzed();
        Plan p = Planner.plan(m);
        boolean[] used = new boolean[p.slotCount()];
        for (ScalarVar v : m.vars()) {
            int s = p.slot(v);
            assertThat(used[s]).as("slot " + s + " twice").isFalse();
            used[s] = true;
        }
        for (int i = 0; i < p.stocks().size(); i++) assertThat(p.slot(p.stocks().get(i))).isEqualTo(i);
        // the stock and SMOOTH's hidden stock
        assertThat(p.stocks()).hasSize(2);
    }

    @Test
    void onlyWhatIsComputedEachStepCannotBeSet() {
        AnalyzedModel m = analyzed();
        Plan p = Planner.plan(m);
        assertThat(p.settable(named(m, "rate"))).isTrue();
        assertThat(p.settable(named(m, "doubled"))).isTrue();
        assertThat(p.settable(named(m, "stock"))).isTrue();
        assertThat(p.settable(named(m, "growth"))).isFalse();
        assertThat(p.settable(named(m, "smoothed"))).isFalse();

        Model model = ModelLoader.compile(VensimParser.parse("p.mdl", MODEL, Path.of(".")));
        assertThat(model.newRun().set("rate", 0.2).simulate().series("doubled")[0]).isEqualTo(0.4);
        assertThatThrownBy(() -> model.newRun().set("growth", 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("computed every step");
    }
}
