package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * DELAY N with a changing delay time, against what Vensim's reference documents
 * (vensim.com/documentation, DELAY N): the output depends on the delay time of the previous
 * time step, the delay conserves what enters it (with no input the total output is the initial
 * value times the delay time at the initial time), and the order drops until order x TIME STEP
 * fits in the delay time.
 */
class DelayNTest {

    private static SimResult run(String equations, String control) {
        String text = "{UTF-8}\n" + equations + control;
        return ModelLoader.compile(VensimParser.parse("d.mdl", text, Path.of("."))).newRun().simulate();
    }

    @Test
    void aChangedDelayTimeReachesTheOutputOneStepLate() {
        // order 3, TIME STEP 1, input 3, initial value 2: each stage starts with 2 x 3 / 3 = 2.
        // Stage k drains at stage x 3 / delay time; the last stage at the output's rate.
        //  t=0: out 2 x 3/3 = 2; stages 2+3-2 = 3, 2+2-2 = 2, 2+2-2 = 2
        //  t=1: out 2;            stages 3+3-3 = 3, 2+3-2 = 3, 2+2-2 = 2
        //  t=2: delay 3 -> 6, the output still uses last step's 3: out 2 x 3/3 = 2;
        //       inner drains 3 x 3/6 = 1.5: stages 3+3-1.5 = 4.5, 3+1.5-1.5 = 3, 2+1.5-2 = 1.5
        //  t=3: out 1.5 x 3/6 = 0.75; stages 4.5+3-2.25 = 5.25, 3+2.25-1.5 = 3.75, 1.5+1.5-0.75 = 2.25
        //  t=4: out 2.25 x 3/6 = 1.125
        SimResult r = run("d = DELAY N(3, 3 + STEP(3, 2), 2, 3) ~ ~ |\n",
                "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 4 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        double[] want = {2, 2, 2, 0.75, 1.125};
        double[] got = r.series("d");
        for (int i = 0; i < want.length; i++) assertThat(got[i]).as("t=%d", i).isCloseTo(want[i], within(1e-12));
    }

    @Test
    void withNoInputTheTotalOutputIsTheInitialContentsWhateverTheDelayTimeDoes() {
        // initial value 1, delay time 4 at the initial time: 4 units in transit, all of which
        // leave however the delay time moves afterwards (4 -> 6 at t=3 -> 4.5 at t=10)
        SimResult r = run("d = DELAY N(0, 4 + STEP(2, 3) - STEP(1.5, 10), 1, 4) ~ ~ |\n"
                        + "total = INTEG(d, 0) ~ ~ |\n",
                "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 400 ~ ~ |\nTIME STEP = 0.25 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        assertThat(r.last("total")).isCloseTo(4, within(1e-9));
    }

    @Test
    void aDiscreteDelayUnderRungeKuttaMovesOncePerStepAsUnderEuler() {
        // documented: DELAY N's output is constant within a step even with Runge-Kutta, unlike DELAY3
        String eqs = "in = 1 + SIN(Time) ~ ~ |\nd = DELAY N(in, 2 + Time / 4, 1, 3) ~ ~ |\nd3 = DELAY3(in, 2 + Time / 4) ~ ~ |\n";
        String control = "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 10 ~ ~ |\nTIME STEP = 0.5 ~ ~ |\nSAVEPER = 0.5 ~ ~ |\n";
        org.dlab.engine.run.Model m = ModelLoader.compile(VensimParser.parse("d.mdl", "{UTF-8}\n" + eqs + control, Path.of(".")));
        SimResult euler = m.newRun().method(org.dlab.engine.ir.IntegrationMethod.EULER).simulate();
        SimResult rk4 = m.newRun().method(org.dlab.engine.ir.IntegrationMethod.RK4).simulate();
        assertThat(rk4.series("d")).containsExactly(euler.series("d"));
        assertThat(Math.abs(rk4.last("d3") - euler.last("d3"))).isGreaterThan(1e-4);
    }

    @Test
    void theOrderDropsUntilItFitsTheDelayTime() {
        // delay time 2, TIME STEP 1: order 5 becomes 2
        SimResult r = run("a = DELAY N(STEP(1, 1), 2, 0, 5) ~ ~ |\nb = DELAY N(STEP(1, 1), 2, 0, 2) ~ ~ |\n",
                "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 8 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        assertThat(r.series("a")).containsExactly(r.series("b"));
        // order 2, stage time 1 and TIME STEP 1: what enters at t=1 is in stage 2 at t=3 and leaves whole
        assertThat(r.series("a")[2]).isEqualTo(0.0);
        assertThat(r.series("a")[3]).isCloseTo(1.0, within(1e-12));
    }
}
