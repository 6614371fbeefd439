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
                + "<aux name=\"back\"><dimensions><dim name=\"Run\"/></dimensions><eqn>4 - Run</eqn></aux>\n"
                + "<aux name=\"two\"><dimensions><dim name=\"Run\"/></dimensions><eqn>grid[back[Run], pick[Run]]</eqn></aux>\n"
                + "<aux name=\"sel\"><eqn>3</eqn></aux><aux name=\"bySel\"><eqn>x[sel]</eqn></aux>\n"
                + "<aux name=\"left\"><dimensions><dim name=\"Run\"/><dim name=\"Age\"/></dimensions><eqn>grid[Run, Age - 1]</eqn></aux>\n");
        assertThat(r.valueAt("prev[1]", 0)).isEqualTo(0);
        // two computed positions (read through VECTOR ELM MAP rather than comparisons): grid[3,2], grid[2,3], grid[1,4]
        assertThat(r.valueAt("two[1]", 0)).isEqualTo(302);
        assertThat(r.valueAt("two[2]", 0)).isEqualTo(203);
        assertThat(r.valueAt("two[3]", 0)).isEqualTo(104);
        // a variable written as a subscript is a computed position too
        assertThat(r.valueAt("bySel", 0)).isEqualTo(30);
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

    /** DERIVN of t^2 (DT 1): first order 2t - 1, second order 2 (each 0 where no earlier value exists). */
    @Test
    void derivnIsRepeatedBackwardDifferences() throws IOException {
        SimResult r = run("4", "", "<aux name=\"sq\"><eqn>TIME^2</eqn></aux>\n"
                + "<aux name=\"d1\"><eqn>DERIVN(sq, 1)</eqn></aux><aux name=\"d2\"><eqn>DERIVN(sq, 2)</eqn></aux>\n");
        assertThat(r.valueAt("d1", 0)).isEqualTo(0);
        assertThat(r.valueAt("d1", 1)).isEqualTo(1);
        assertThat(r.valueAt("d1", 3)).isEqualTo(5);
        assertThat(r.valueAt("d2", 0)).isEqualTo(0);
        assertThat(r.valueAt("d2", 1)).isEqualTo(1);
        assertThat(r.valueAt("d2", 3)).isEqualTo(2);
    }

    /** INTERPOLATE over [10, 20, 40]: fraction 0 is the first element, 1 the last, linear between, held outside. */
    @Test
    void interpolateRunsAlongTheLastDimension() throws IOException {
        String arr = "<aux name=\"arr\"><dimensions><dim name=\"Age\"/></dimensions>"
                + "<element subscript=\"1\"><eqn>10</eqn></element><element subscript=\"2\"><eqn>20</eqn></element>"
                + "<element subscript=\"3\"><eqn>40</eqn></element><element subscript=\"4\"><eqn>80</eqn></element></aux>\n";
        SimResult r = run("1", "", arr
                + "<aux name=\"a\"><eqn>INTERPOLATE(arr[*], 0)</eqn></aux><aux name=\"b\"><eqn>INTERPOLATE(arr[*], 0.5)</eqn></aux>\n"
                + "<aux name=\"c\"><eqn>INTERPOLATE(arr[*], 0.25)</eqn></aux><aux name=\"d\"><eqn>INTERPOLATE(arr[*], 1.5)</eqn></aux>\n"
                + "<aux name=\"e\"><eqn>INTERPOLATE(arr[*], -1)</eqn></aux>\n");
        // positions 0..3: 0.5 is position 1.5 (between 20 and 40), 0.25 is 0.75 (between 10 and 20)
        assertThat(r.valueAt("a", 0)).isEqualTo(10);
        assertThat(r.valueAt("b", 0)).isCloseTo(30, within(1e-12));
        assertThat(r.valueAt("c", 0)).isCloseTo(17.5, within(1e-12));
        assertThat(r.valueAt("d", 0)).isEqualTo(80);
        assertThat(r.valueAt("e", 0)).isEqualTo(10);
    }

    /** ALLOCATE 7 among requests of 5 and 5 with priorities 1 and 2, narrow rectangular curves: 2 and 5. */
    @Test
    void allocateServesTheHigherPriorityFirst() throws IOException {
        SimResult r = run("1", "", "<aux name=\"req\"><dimensions><dim name=\"Run\"/></dimensions><eqn>5</eqn></aux>\n"
                + "<aux name=\"prio\"><dimensions><dim name=\"Run\"/></dimensions><eqn>Run</eqn></aux>\n"
                + "<aux name=\"got\"><dimensions><dim name=\"Run\"/></dimensions><eqn>ALLOCATE(12, Run, req[*], prio[*], 0.01)</eqn></aux>\n");
        // priorities 1, 2, 3: 12 serves the two highest fully and leaves 2 for the lowest
        assertThat(r.valueAt("got[3]", 0)).isCloseTo(5, within(1e-6));
        assertThat(r.valueAt("got[2]", 0)).isCloseTo(5, within(1e-6));
        assertThat(r.valueAt("got[1]", 0)).isCloseTo(2, within(1e-6));
    }

    /** An array reading its own earlier elements behind IF Age = 1 is no loop: 1, 0.5, 0.25, 0.125 and 2, 4, 6, 8. */
    @Test
    void anArrayMayReadItsOwnElementsBehindConditionsOnTheElement() throws IOException {
        SimResult r = run("1", "", "<aux name=\"halve\"><dimensions><dim name=\"Age\"/></dimensions>"
                + "<eqn>IF Age = 1 THEN 1 ELSE SELF[Age - 1] * 0.5</eqn></aux>\n"
                + "<aux name=\"scaled\"><dimensions><dim name=\"Age\"/></dimensions>"
                + "<eqn>IF Age &gt; 1 AND Age &lt;= 4 THEN scaled[1] * Age ELSE 2</eqn></aux>\n");
        assertThat(r.valueAt("halve[1]", 0)).isEqualTo(1);
        assertThat(r.valueAt("halve[4]", 0)).isEqualTo(0.125);
        assertThat(r.valueAt("scaled[1]", 0)).isEqualTo(2);
        assertThat(r.valueAt("scaled[3]", 0)).isEqualTo(6);
    }

    /** Causal-loop-diagram variables NAN(causes...) are NaN and depend on nothing, so their loop is no loop. */
    @Test
    void nanWithCausesIsNaN() throws IOException {
        SimResult r = run("1", "", "<aux name=\"a\"><eqn>NAN(b, 1)</eqn></aux><aux name=\"b\"><eqn>NAN(a)</eqn></aux>\n");
        assertThat(r.valueAt("a", 0)).isNaN();
        assertThat(r.valueAt("b", 1)).isNaN();
    }
}
