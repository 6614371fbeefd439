package org.dlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.data.FileAccess;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits checked where the run resolves its settings, and no silent stop or silent resampling. */
class RunLimitsTest {
    static Model model(String eqs) {
        return ModelLoader.compile(VensimParser.parse("m.mdl", eqs, Path.of("target", "no-such-dir")));
    }

    static String control(String finalTime, String dt, String saveper) {
        return "INITIAL TIME = 0 ~~|\nFINAL TIME = " + finalTime + " ~~|\nTIME STEP = " + dt + " ~~|\nSAVEPER = " + saveper + " ~~|\n";
    }

    @Test
    void delayFixedLongerThanTheRunStaysAtItsInitialValue() {
        // was NegativeArraySizeException: round(1e12 / dt) overflowed an int
        Model m = model(control("10", "1", "1") + "d = DELAY FIXED(Time, 1e12, 7) ~~|\n");
        SimResult r = m.newRun().simulate();
        double[] d = r.series("d");
        assertThat(d).hasSize(11).containsOnly(7.0);
    }

    @Test
    void delayFixedStillDelaysByItsSteps() {
        // DELAY FIXED(Time, 3, -1): -1 for t < 3, then Time - 3 (Vensim's pipeline of 3 steps)
        Model m = model(control("6", "1", "1") + "d = DELAY FIXED(Time, 3, -1) ~~|\n");
        assertThat(m.newRun().simulate().series("d")).containsExactly(-1, -1, -1, 0, 1, 2, 3);
    }

    @Test
    void manyLongDelayPipelinesHitTheBudgetNotTheHeap() {
        // 200 elements x 1e6 steps would be 1.6 GB of pipelines; the budget stops it at 32M values
        Model m = model(control("1e6", "1", "1e6") + "k: (k1-k200) ~~|\nd[k] = DELAY FIXED(Time, 1e9, 0) ~~|\n");
        assertThatThrownBy(() -> m.newRun().simulate()).isInstanceOf(ModelException.class).hasMessageContaining("DELAY FIXED pipelines");
    }

    @Test
    void aShrinkingTimeStepIsAnErrorNotASilentStop() {
        // was: stopped at t~25 with every row before it and no word
        Model m = model("INITIAL TIME = 0 ~~|\nFINAL TIME = 100 ~~|\nTIME STEP = IF THEN ELSE(Time > 5, 1e-7, 1) ~~|\nSAVEPER = 1 ~~|\nx = Time ~~|\n");
        Run run = m.newRun().limits(1000, 1000);
        assertThatThrownBy(run::simulate).isInstanceOf(ModelException.class).hasMessageContaining("before FINAL TIME");
    }

    @Test
    void saveperNotAMultipleOfTimeStepIsReportedWithTheRealPeriod() {
        Model m = model(control("10", "0.3", "1") + "x = Time ~~|\n");
        Run run = m.newRun();
        SimResult r = run.simulate();
        // every round(1 / 0.3) = 3 steps: 0, 0.9, ..., 9.9
        assertThat(r.times()[1]).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.series("SAVEPER")[0]).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(run.saveWarning()).contains("not a multiple of TIME STEP").contains("every 3 steps");
        Run exact = model(control("10", "0.25", "1") + "x = Time ~~|\n").newRun();
        exact.simulate();
        assertThat(exact.saveWarning()).isNull();
    }

    @Test
    void limitsApplyToTheResolvedSettings() {
        // FINAL TIME computed from a constant: the cap holds whatever the constant is set to
        Model m = model("INITIAL TIME = 0 ~~|\nh = 10 ~~|\nFINAL TIME = h ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\nx = Time ~~|\n");
        Run run = m.newRun().limits(1000, 100);
        run.set("h", 50);
        assertThat(run.simulate().times()).hasSize(51);
        run.set("h", 500);
        assertThatThrownBy(run::simulate).isInstanceOf(ModelException.class).hasMessageContaining("rows");
        run.set("h", 5000);
        assertThatThrownBy(run::simulate).isInstanceOf(ModelException.class).hasMessageContaining("steps");
    }

    @Test
    void modelsReadOnlyFilesInTheirOwnFolder(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("model"));
        Path outside = Files.createDirectories(dir.resolve("secret"));
        Files.writeString(outside.resolve("s.csv"), "a,42\n");
        Files.writeString(home.resolve("in.csv"), "a,5\n");
        Files.createSymbolicLink(home.resolve("link.csv"), outside.resolve("s.csv"));
        Path mdl = home.resolve("m.mdl");
        String inside = control("1", "1", "1") + "c = GET DIRECT CONSTANTS('in.csv', ',', 'B1') ~~|\n";
        Files.writeString(mdl, inside);
        assertThat(ModelLoader.load(mdl).newRun().simulate().series("c")[0]).isEqualTo(5);
        for (String name : new String[] {"../secret/s.csv", outside.resolve("s.csv").toString(), "link.csv"}) {
            Files.writeString(mdl, control("1", "1", "1") + "c = GET DIRECT CONSTANTS('" + name + "', ',', 'B1') ~~|\n");
            assertThatThrownBy(() -> ModelLoader.load(mdl).newRun().simulate()).isInstanceOf(ModelException.class)
                    .hasMessageContaining("outside the model's folder").hasMessageNotContaining(home.toString());
        }
        try {
            FileAccess.allow(outside);
            assertThat(ModelLoader.load(mdl).newRun().simulate().series("c")[0]).isEqualTo(42);
        } finally {
            FileAccess.reset();
        }
    }
}
