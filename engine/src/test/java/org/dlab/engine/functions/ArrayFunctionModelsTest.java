package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole small models for the array functions no sd-test-models case covers. */
class ArrayFunctionModelsTest {
    @TempDir
    Path dir;

    private SimResult run(String equations) throws IOException {
        Path f = dir.resolve("m.mdl");
        Files.writeString(f, "{UTF-8}\n" + equations
                + "INITIAL TIME = 3 ~~|\nFINAL TIME = 5 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = TIME STEP ~~|\n");
        return ModelLoader.load(f).newRun().simulate();
    }

    @Test
    void elmMapOffsetsAlongTheVariableAndGivesNaOutside() throws IOException {
        SimResult r = run("stage: (s1-s3) ~~|\nx[stage] = 10, 20, 30 ~~|\n"
                + "prev[stage] = VECTOR ELM MAP(x[stage], -1) ~~|\n"
                + "mapped[stage] = VECTOR ELM MAP(x[s1], stage - 1) ~~|\n");
        assertThat(r.valueAt("prev[s1]", 3)).isNaN();
        assertThat(r.valueAt("prev[s3]", 3)).isEqualTo(20);
        assertThat(r.valueAt("mapped[s2]", 3)).isEqualTo(20);
        assertThat(r.valueAt("mapped[s3]", 3)).isEqualTo(30);
    }

    @Test
    void elmMapMovesRowMajorThroughAllSubscripts() throws IOException {
        // Vensim's help: v2[a,b] = VECTOR ELM MAP(v[a1,b1], (a-1)*ELMCOUNT(b) + (b-1)) is v[a,b]
        SimResult r = run("a: a1, a2 ~~|\nb: b1, b2, b3 ~~|\nv[a,b] = 1, 2, 3; 4, 5, 6; ~~|\n"
                + "v2[a,b] = VECTOR ELM MAP(v[a1,b1], (a-1)*ELMCOUNT(b) + (b-1)) ~~|\n");
        assertThat(r.valueAt("v2[a2,b1]", 3)).isEqualTo(4);
        assertThat(r.valueAt("v2[a2,b3]", 3)).isEqualTo(6);
    }

    @Test
    void vectorSelectBroadcastsSubscriptsTheArgumentsDoNotShare() throws IOException {
        // weighted sum over both: (1 + 2) * (10 + 20 + 30) = 180
        SimResult r = run("a: a1, a2 ~~|\nb: b1, b2, b3 ~~|\nsel[a] = 1, 2 ~~|\nx[b] = 10, 20, 30 ~~|\n"
                + "s = VECTOR SELECT(sel[a!], x[b!], -1, 0, 0) ~~|\n");
        assertThat(r.valueAt("s", 3)).isEqualTo(180);
    }

    @Test
    void getTimeValueOfCurrentAndInitialTime() throws IOException {
        SimResult r = run("now = GET TIME VALUE(0, 1, 0) ~~|\nstart = GET TIME VALUE(1, 2, 0) ~~|\n");
        assertThat(r.valueAt("now", 4)).isEqualTo(5);
        assertThat(r.valueAt("start", 5)).isEqualTo(5);
    }

    @Test
    void getTimeValueCalendarMeasuresNeedACalendarTimeUnit() {
        // this model's time has no units, so it cannot be read as a date (GetTimeValueTest has the dates)
        assertThatThrownBy(() -> run("m = GET TIME VALUE(0, 0, 3) ~~|\n"))
                .isInstanceOf(ModelException.class).hasMessageContaining("reads time as a date").hasMessageContaining("not given");
    }
}
