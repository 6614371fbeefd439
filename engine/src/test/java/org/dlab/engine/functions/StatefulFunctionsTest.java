package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/** Stateful functions against closed-form results of their defining difference equations. */
class StatefulFunctionsTest {

    private static SimResult run(String equations, double finalTime, double dt) {
        String text = "{UTF-8}\n" + equations + "\nINITIAL TIME = 0 ~ ~ |\nFINAL TIME = " + finalTime
                + " ~ ~ |\nTIME STEP = " + dt + " ~ ~ |\nSAVEPER = TIME STEP ~ ~ |\n";
        return ModelLoader.compile(VensimParser.parse("t.mdl", text, Path.of("."))).newRun().simulate();
    }

    @Test
    void npvOfAConstantStreamIsTheDiscountedSum() {
        // with Euler, df_n = (1 / (1 + r dt))^n and NPV_n = dt * c * sum_{k=0..n} df_k
        double c = 10;
        double r = 0.1;
        double dt = 0.5;
        SimResult res = run("v = NPV(" + c + ", " + r + ", 0, 1) ~ ~ |", 10, dt);
        double[] v = res.series("v");
        for (int n = 0; n < v.length; n++) {
            double sum = 0;
            for (int k = 0; k <= n; k++) sum += Math.pow(1 / (1 + r * dt), k);
            assertThat(v[n]).as("t=%s", res.time(n)).isCloseTo(dt * c * sum, within(1e-9));
        }
    }

    @Test
    void smoothOfAStepApproachesItGeometrically() {
        // Euler on S' = (1 - S)/T from 0: S_n = 1 - (1 - dt/T)^n once the step is on
        SimResult res = run("x = STEP(1, 0) ~ ~ |\ns = SMOOTHI(x, 4, 0) ~ ~ |", 10, 1);
        double[] s = res.series("s");
        for (int n = 0; n < s.length; n++) assertThat(s[n]).isCloseTo(1 - Math.pow(0.75, n), within(1e-12));
    }

    @Test
    void delayFixedShiftsItsInputByTheDelay() {
        SimResult res = run("x = Time * Time ~ ~ |\nd = DELAY FIXED(x, 3, -1) ~ ~ |", 10, 1);
        double[] d = res.series("d");
        for (int n = 0; n < d.length; n++) assertThat(d[n]).isEqualTo(n < 3 ? -1 : (n - 3) * (n - 3));
    }

    @Test
    void sampleIfTrueHoldsTheLastSampledValue() {
        SimResult res = run("x = Time ~ ~ |\ns = SAMPLE IF TRUE(MODULO(Time, 3) = 0, x, -5) ~ ~ |", 9, 1);
        assertThat(res.series("s")).containsExactly(0, 0, 0, 3, 3, 3, 6, 6, 6, 9);
    }
}
