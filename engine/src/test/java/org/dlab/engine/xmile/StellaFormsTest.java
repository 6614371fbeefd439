package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stella's equation forms beyond XMILE 1.0 that FRIDA uses, each with hand-computed values. */
class StellaFormsTest {
    @TempDir
    Path dir;

    private static final String DIMS = "<dimensions><dim name=\"Run\" size=\"3\"/><dim name=\"Age\" size=\"4\"/></dimensions>\n";

    private SimResult run(String stop, String extra, String variables) throws IOException {
        String text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
                + "<header><vendor>test</vendor></header>\n"
                + "<sim_specs><start>0</start><stop>" + stop + "</stop><dt>1</dt></sim_specs>\n"
                + DIMS + extra
                + "<model><variables>\n" + variables + "</variables></model>\n</xmile>\n";
        Path f = dir.resolve("m.stmx");
        Files.writeString(f, text);
        return ModelLoader.load(f).newRun().simulate();
    }

    /** x[Age-1] is the previous element, 0 before the first; x[i[Run]] the element at a computed position. */
    @Test
    void computedSubscriptsPickElementsByPosition() throws IOException {
        SimResult r = run("2", "", "<aux name=\"x\"><dimensions><dim name=\"Age\"/></dimensions><eqn>Age * 10</eqn></aux>\n"
                + "<aux name=\"prev\"><dimensions><dim name=\"Age\"/></dimensions><eqn>x[Age - 1]</eqn></aux>\n"
                + "<aux name=\"pick\"><dimensions><dim name=\"Run\"/></dimensions><eqn>Run + 1</eqn></aux>\n"
                + "<aux name=\"grid\"><dimensions><dim name=\"Run\"/><dim name=\"Age\"/></dimensions><eqn>Run * 100 + Age</eqn></aux>\n"
                + "<aux name=\"chosen\"><dimensions><dim name=\"Run\"/></dimensions><eqn>x[pick[Run]]</eqn></aux>\n"
                + "<aux name=\"diag\"><dimensions><dim name=\"Run\"/></dimensions><eqn>grid[Run, pick[Run]]</eqn></aux>\n"
                + "<aux name=\"left\"><dimensions><dim name=\"Run\"/><dim name=\"Age\"/></dimensions><eqn>grid[Run, Age - 1]</eqn></aux>\n");
        assertThat(r.valueAt("prev[1]", 0)).isEqualTo(0);
        assertThat(r.valueAt("prev[2]", 0)).isEqualTo(10);
        assertThat(r.valueAt("prev[4]", 0)).isEqualTo(30);
        // pick = 2, 3, 4: x at those positions
        assertThat(r.valueAt("chosen[1]", 0)).isEqualTo(20);
        assertThat(r.valueAt("chosen[3]", 0)).isEqualTo(40);
        assertThat(r.valueAt("diag[2]", 0)).isEqualTo(203);
        assertThat(r.valueAt("diag[3]", 0)).isEqualTo(304);
        // the element before the first of a row is 0, not the previous row's last
        assertThat(r.valueAt("left[2,1]", 0)).isEqualTo(0);
        assertThat(r.valueAt("left[2,3]", 0)).isEqualTo(202);
    }

    /** PREVIOUS(SELF, 1) doubles each step: 1, 2, 4; a // b is 0 where b is 0. */
    @Test
    void selfSafeDivisionAndAnOpenCommentAtTheEnd() throws IOException {
        SimResult r = run("2", "", "<aux name=\"grow\"><eqn>2 * PREVIOUS(SELF, 0.5)</eqn></aux>\n"
                + "<aux name=\"zero\"><eqn>0</eqn></aux>\n"
                + "<aux name=\"safe\"><eqn>7 // zero</eqn></aux><aux name=\"half\"><eqn>7 // 2 {+ RAMP(1)</eqn></aux>\n");
        assertThat(r.valueAt("grow", 0)).isEqualTo(1);
        assertThat(r.valueAt("grow", 1)).isEqualTo(2);
        assertThat(r.valueAt("grow", 2)).isEqualTo(4);
        assertThat(r.valueAt("safe", 0)).isEqualTo(0);
        assertThat(r.valueAt("half", 0)).isEqualTo(3.5);
    }

    /** A stop time naming a variable; a macro whose output is named with spaces and whose last parameter has a default. */
    @Test
    void stopVariableAndMacroDefaults() throws IOException {
        String macro = "<macro name=\"SCALE\"><eqn>scaled value</eqn><parm>input</parm><parm default=\"3\">factor</parm>\n"
                + "<variables><aux name=\"scaled value\"><eqn>input * factor</eqn></aux>\n"
                + "<aux name=\"input\" access=\"input\"><eqn>5</eqn></aux><aux name=\"factor\" access=\"input\"><eqn>0</eqn></aux></variables></macro>\n";
        SimResult r = run("Simulation_End", macro, "<aux name=\"Simulation End\"><eqn>3</eqn></aux>\n"
                + "<aux name=\"a\"><eqn>SCALE(2)</eqn></aux><aux name=\"b\"><eqn>SCALE(2, 4)</eqn></aux>\n");
        assertThat(r.valueAt("FINAL TIME", 0)).isEqualTo(3);
        assertThat(r.valueAt("a", 3)).isCloseTo(6, within(1e-12));
        assertThat(r.valueAt("b", 0)).isCloseTo(8, within(1e-12));
    }
}
