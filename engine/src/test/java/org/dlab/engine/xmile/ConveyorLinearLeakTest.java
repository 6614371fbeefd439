package org.dlab.engine.xmile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linear conveyor leakage (Stella's default), with values worked out by hand from isee's
 * "Steady-State Initialization of Conveyors" (blog.iseesystems.com): the leak over the whole belt
 * is the fraction f of what flowed in, exactly 1 - f of it reaches the outflow, and a belt of
 * n = T / DT slats fed a constant inflow I holds T * I - (n - 1) * f * I * DT / 2 and leaks f * I;
 * so each slat loses f / n of its entry amount in each of the n steps it rides, the last in the
 * step it leaves.
 */
class ConveyorLinearLeakTest {
    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    private Path file(String dt, String stop, String variables) throws IOException {
        String text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
                + "<header><vendor>test</vendor></header>\n"
                + "<sim_specs><start>0</start><stop>" + stop + "</stop><dt>" + dt + "</dt></sim_specs>\n"
                + "<model><variables>\n" + variables + "</variables></model>\n</xmile>\n";
        Path f = dir.resolve("m.stmx");
        Files.writeString(f, text);
        return f;
    }

    private SimResult run(String dt, String stop, String variables) throws IOException {
        return ModelLoader.load(file(dt, stop, variables)).newRun().simulate();
    }

    /** A conveyor of transit time 4 fed by {@code load}, leaking through {@code spill} (fraction {@code leak}). */
    private static String belt(String initial, String load, String leak) {
        return "<stock name=\"belt\"><eqn>" + initial + "</eqn><inflow>load</inflow><outflow>arrive</outflow><outflow>spill</outflow>"
                + "<conveyor><len>4</len></conveyor></stock>\n"
                + "<flow name=\"load\"><eqn>" + load + "</eqn></flow>\n"
                + "<flow name=\"arrive\"><eqn>12345</eqn></flow>\n"
                + "<flow name=\"spill\"><eqn>" + leak + "</eqn><non_negative/><leak/></flow>\n";
    }

    /** The stock is its start plus DT * (inflow - outflow - leak) summed over every step before. */
    private static void assertConserved(SimResult r, String dt, String... leaks) {
        double step = Double.parseDouble(dt);
        double[] times = r.times();
        double expected = r.valueAt("belt", times[0]);
        for (int i = 0; i < times.length; i++) {
            assertThat(r.valueAt("belt", times[i])).as("belt at %s", times[i]).isCloseTo(expected, within(1e-9));
            double net = r.valueAt("load", times[i]) - r.valueAt("arrive", times[i]);
            for (String l : leaks) net -= r.valueAt(l, times[i]);
            expected += step * net;
        }
    }

    /**
     * The brief's pulse: 10 enters during the step from t=1 (DT 1), transit time 4, fraction 0.2.
     * n = 4 slats, so the slat loses 10 * 0.2 / 4 = 0.5 in each of the steps t=2, 3, 4 and 5 and
     * leaves at t=5 with 10 - 4 * 0.5 = 8 = 10 * (1 - 0.2):
     * <pre>
     * t      0  1  2    3    4    5    6
     * belt   0  0  10   9.5  9    8.5  0
     * spill  0  0  0.5  0.5  0.5  0.5  0
     * arrive 0  0  0    0    0    8    0
     * </pre>
     */
    @Test
    void aPulseLosesItsFractionEvenlyOverTheBeltAndTheRestArrives() throws IOException {
        SimResult r = run("1", "7", belt("0", "IF TIME = 1 THEN 10 ELSE 0", "0.2"));
        double[] stock = {0, 0, 10, 9.5, 9, 8.5, 0, 0};
        double[] spill = {0, 0, 0.5, 0.5, 0.5, 0.5, 0, 0};
        double[] arrive = {0, 0, 0, 0, 0, 8, 0, 0};
        for (int t = 0; t <= 7; t++) {
            assertThat(r.valueAt("belt", t)).as("belt at %d", t).isCloseTo(stock[t], within(EPS));
            assertThat(r.valueAt("spill", t)).as("spill at %d", t).isCloseTo(spill[t], within(EPS));
            assertThat(r.valueAt("arrive", t)).as("arrive at %d", t).isCloseTo(arrive[t], within(EPS));
        }
        assertConserved(r, "1", "spill");
    }

    /**
     * DT 1/2: the same pulse (10 per time unit for one DT, 5 units) rides n = 8 slats and loses
     * 5 * 0.2 / 8 = 0.125 per step, a spill of 0.25 per time unit from t=1.5 to t=5; at t=5 it
     * leaves as 5 * 0.8 = 4 units, an outflow of 8 per time unit for that DT.
     */
    @Test
    void theSharesAreCountedInSlatsOfOneDt() throws IOException {
        SimResult r = run("0.5", "6", belt("0", "IF TIME = 1 THEN 10 ELSE 0", "0.2"));
        assertThat(r.valueAt("spill", 1)).isCloseTo(0, within(EPS));
        assertThat(r.valueAt("spill", 1.5)).isCloseTo(0.25, within(EPS));
        assertThat(r.valueAt("spill", 5)).isCloseTo(0.25, within(EPS));
        assertThat(r.valueAt("spill", 5.5)).isCloseTo(0, within(EPS));
        assertThat(r.valueAt("arrive", 4.5)).isCloseTo(0, within(EPS));
        assertThat(r.valueAt("arrive", 5)).isCloseTo(8, within(EPS));
        assertThat(r.valueAt("belt", 5)).isCloseTo(5 - 7 * 0.125, within(EPS));
        assertThat(r.valueAt("belt", 5.5)).isCloseTo(0, within(EPS));
        assertConserved(r, "0.5", "spill");
    }

    /**
     * The blog's steady state: inflow 5, T 4, DT 1, f 0.2 hold 4 * 5 - (4 - 1) * (0.2 * 5) * 1 / 2
     * = 18.5; started there, the conveyor leaks f * 5 = 1 and delivers 5 * (1 - 0.2) = 4 at every
     * step and stays at 18.5.
     */
    @Test
    void theDocumentedSteadyStateIsSteady() throws IOException {
        SimResult r = run("1", "10", belt("18.5", "5", "0.2"));
        for (int t = 0; t <= 10; t++) {
            assertThat(r.valueAt("belt", t)).as("belt at %d", t).isCloseTo(18.5, within(1e-9));
            assertThat(r.valueAt("spill", t)).as("spill at %d", t).isCloseTo(1, within(1e-9));
            assertThat(r.valueAt("arrive", t)).as("arrive at %d", t).isCloseTo(4, within(1e-9));
        }
    }

    /**
     * Without inflow the steady-state layout of 18.5 empties: slats of 5 that lost 0..3 shares of
     * 0.25 (5, 4.75, 4.5, 4.25); each step every slat loses 0.25 and the oldest leaves as 4:
     * <pre>
     * t      0     1     2     3     4
     * belt   18.5  13.5  8.75  4.25  0
     * spill  1     0.75  0.5   0.25  0
     * arrive 4     4     4     4     0
     * </pre>
     */
    @Test
    void theInitialLayoutLeaksAndLeavesAsTheSteadyStateDoes() throws IOException {
        SimResult r = run("1", "6", belt("18.5", "0", "0.2"));
        double[] stock = {18.5, 13.5, 8.75, 4.25, 0, 0};
        double[] spill = {1, 0.75, 0.5, 0.25, 0, 0};
        double[] arrive = {4, 4, 4, 4, 0, 0};
        for (int t = 0; t <= 5; t++) {
            assertThat(r.valueAt("belt", t)).as("belt at %d", t).isCloseTo(stock[t], within(EPS));
            assertThat(r.valueAt("spill", t)).as("spill at %d", t).isCloseTo(spill[t], within(EPS));
            assertThat(r.valueAt("arrive", t)).as("arrive at %d", t).isCloseTo(arrive[t], within(EPS));
        }
        assertConserved(r, "1", "spill");
    }

    /**
     * Two leak flows of 0.1 each: the belt loses 0.2 in all, as one flow of 0.2 would, each flow
     * taking 10 * 0.1 / 4 = 0.25 of the pulse per step; 8 arrives.
     */
    @Test
    void twoLeaksEachTakeTheirOwnFraction() throws IOException {
        String text = belt("0", "IF TIME = 1 THEN 10 ELSE 0", "0.1")
                .replace("<outflow>spill</outflow>", "<outflow>spill</outflow><outflow>drip</outflow>")
                + "<flow name=\"drip\"><eqn>0.1</eqn><leak/></flow>\n";
        SimResult r = run("1", "7", text);
        for (int t = 2; t <= 5; t++) {
            assertThat(r.valueAt("spill", t)).as("spill at %d", t).isCloseTo(0.25, within(EPS));
            assertThat(r.valueAt("drip", t)).as("drip at %d", t).isCloseTo(0.25, within(EPS));
        }
        assertThat(r.valueAt("arrive", 5)).isCloseTo(8, within(EPS));
        assertConserved(r, "1", "spill", "drip");
    }

    /**
     * A varying inflow over initial contents, DT 1/4, over three transit times: the stock stays
     * the sum of its flows at every step, and once the initial layout has left (t >= 4) what
     * arrives is exactly 1 - 0.3 of what entered one transit time before.
     */
    @Test
    void aVaryingInflowIsConservedAtEveryStep() throws IOException {
        SimResult r = run("0.25", "12", belt("3", "2 + SIN(TIME)", "0.3"));
        assertConserved(r, "0.25", "spill");
        for (double t = 4; t <= 12; t += 0.25) {
            assertThat(r.valueAt("arrive", t)).as("arrive at %s", t).isCloseTo(0.7 * r.valueAt("load", t - 4), within(1e-9));
        }
    }

    /** An arrayed conveyor: each element is its own belt (element 1: a pulse of 10, fraction 0.2; element 2: 20, fraction 0.5). */
    @Test
    void eachElementOfAnArrayedConveyorIsItsOwnBelt() throws IOException {
        String dims = "<dimensions><dim name=\"Region\"/></dimensions>";
        String text = belt("0", "IF TIME = 1 THEN 10 * Region ELSE 0", "IF Region = 1 THEN 0.2 ELSE 0.5")
                .replace("<eqn>", dims + "<eqn>");
        Path f = file("1", "7", text);
        Files.writeString(f, Files.readString(f).replace("<model>", "<dimensions><dim name=\"Region\" size=\"2\"/></dimensions>\n<model>"));
        SimResult r = ModelLoader.load(f).newRun().simulate();
        // element 1: 10 * 0.2 / 4 = 0.5 a step, 8 arrives; element 2: 20 * 0.5 / 4 = 2.5 a step, 10 arrives
        assertThat(r.valueAt("spill[1]", 3)).isCloseTo(0.5, within(EPS));
        assertThat(r.valueAt("spill[2]", 3)).isCloseTo(2.5, within(EPS));
        assertThat(r.valueAt("arrive[1]", 5)).isCloseTo(8, within(EPS));
        assertThat(r.valueAt("arrive[2]", 5)).isCloseTo(10, within(EPS));
        assertThat(r.valueAt("belt[2]", 5)).isCloseTo(20 - 3 * 2.5, within(EPS));
    }

    @Test
    void leakZonesLeakIntegersAndAgeProfilesStayRefused() throws IOException {
        Path zone = file("1", "6", belt("0", "1", "0.2").replace("<flow name=\"spill\">", "<flow name=\"spill\" leak_start=\"0.25\" leak_end=\"0.75\">"));
        assertThatThrownBy(() -> ModelLoader.load(zone)).isInstanceOf(ModelException.class)
                .hasMessageContaining("conveyor leak zones (leak_start=\"0.25\") are not supported yet")
                .satisfies(e -> assertThat(((ModelException) e).describe()).contains("m.stmx:"));
        Path whole = file("1", "6", belt("0", "1", "0.2").replace("<flow name=\"spill\">", "<flow name=\"spill\" leak_start=\"0\" leak_end=\"1\">"));
        assertThat(ModelLoader.load(whole).newRun().simulate().valueAt("spill", 1)).isCloseTo(0.05, within(EPS));
        Path integers = file("1", "6", belt("0", "1", "0.2").replace("<leak/>", "<leak/><leak_integers/>"));
        assertThatThrownBy(() -> ModelLoader.load(integers)).isInstanceOf(ModelException.class)
                .hasMessageContaining("conveyor <leak_integers/> is not supported yet");
        String profile = belt("ages[*]", "0", "0.2")
                + "<aux name=\"ages\"><dimensions><dim name=\"Age\"/></dimensions><element subscript=\"1\"><eqn>1</eqn></element>"
                + "<element subscript=\"2\"><eqn>2</eqn></element></aux>\n";
        Path f = file("1", "6", profile);
        Files.writeString(f, Files.readString(f).replace("<model>", "<dimensions><dim name=\"Age\" size=\"2\"/></dimensions>\n<model>"));
        assertThatThrownBy(() -> ModelLoader.load(f)).isInstanceOf(ModelException.class)
                .hasMessageContaining("an initial age profile (x[*]) on a conveyor with linear leakage is not supported yet");
    }
}
