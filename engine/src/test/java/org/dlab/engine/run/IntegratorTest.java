package org.dlab.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * On y' = -y each fixed-step method multiplies y by its stability polynomial every step, so the
 * discrete solution is known exactly: Euler (1 - h)^n, Heun (1 - h + h^2/2)^n, classical RK4
 * (1 - h + h^2/2 - h^3/6 + h^4/24)^n. Also: time is t0 + n dt, not a running sum.
 */
class IntegratorTest {
    private static final double H = 0.1;

    private static double[] run(IntegrationMethod m) {
        String text = "{UTF-8}\ny = INTEG(-y, 1) ~ ~ |\nINITIAL TIME = 0 ~ ~ |\nFINAL TIME = 10 ~ ~ |\nTIME STEP = 0.1 ~ ~ |\nSAVEPER = TIME STEP ~ ~ |\n";
        Model model = ModelLoader.compile(VensimParser.parse("decay.mdl", text, Path.of(".")));
        return model.newRun().method(m).simulate().series("y");
    }

    private static void assertPowers(double[] y, double factor) {
        for (int n = 0; n < y.length; n++) assertThat(y[n]).isCloseTo(Math.pow(factor, n), within(1e-13));
    }

    @Test
    void eulerRk2AndRk4FollowTheirStabilityPolynomials() {
        assertPowers(run(IntegrationMethod.EULER), 1 - H);
        assertPowers(run(IntegrationMethod.RK2), 1 - H + H * H / 2);
        assertPowers(run(IntegrationMethod.RK4), 1 - H + H * H / 2 - H * H * H / 6 + H * H * H * H / 24);
    }

    @Test
    void rk4IsFourthOrderAccurate() {
        double[] y = run(IntegrationMethod.RK4);
        assertThat(y[y.length - 1]).isCloseTo(Math.exp(-10), within(1e-9));
    }

    @Test
    void timeIsInitialTimePlusStepsTimesDt() {
        String text = "{UTF-8}\nx = Time ~ ~ |\nINITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1000 ~ ~ |\nTIME STEP = 0.1 ~ ~ |\nSAVEPER = TIME STEP ~ ~ |\n";
        double[] t = ModelLoader.compile(VensimParser.parse("t.mdl", text, Path.of("."))).newRun().simulate().times();
        assertThat(t).hasSize(10001);
        for (int n = 0; n < t.length; n++) assertThat(t[n]).isEqualTo(0 + n * 0.1);
    }
}
