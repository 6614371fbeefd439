package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * RANDOM PINK NOISE against its documented properties (mean, standard deviation, first-order
 * autocorrelation over the correlation time) and GAMMA LN against exact values of ln Gamma.
 */
class PinkNoiseAndGammaLnTest {

    private static SimResult run(String equations, String control) {
        String text = "{UTF-8}\n" + equations + control;
        return ModelLoader.compile(VensimParser.parse("f.mdl", text, Path.of("."))).newRun().simulate();
    }

    @Test
    void pinkNoiseWithoutDeviationIsItsMean() {
        // Earth4All's sales noise has deviation 0 in both published scenarios: Vensim gives the mean
        SimResult r = run("p = RANDOM PINK NOISE(1.5, 0, 2, 7) ~ ~ |\n",
                "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 10 ~ ~ |\nTIME STEP = 0.25 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        for (double v : r.series("p")) assertThat(v).isEqualTo(1.5);
    }

    @Test
    void pinkNoiseHasTheGivenDeviationAndCorrelationTime() {
        SimResult r = run("q = RANDOM PINK NOISE(3, 0.5, 1, 1) ~ ~ |\n",
                "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 4000 ~ ~ |\nTIME STEP = 0.05 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        double[] q = r.series("q");
        int n = q.length;
        double mean = 0;
        for (double v : q) mean += v;
        mean /= n;
        double var = 0;
        double lag1 = 0;
        for (int i = 0; i < n; i++) {
            var += (q[i] - mean) * (q[i] - mean);
            if (i > 0) lag1 += (q[i] - mean) * (q[i - 1] - mean);
        }
        // ~2,000 independent stretches of length 2 tau: sampling error ~2-3% of each figure
        assertThat(mean).isCloseTo(3, within(0.05));
        assertThat(Math.sqrt(var / n)).isCloseTo(0.5, within(0.05));
        // a first-order smooth of white noise: correlation after 1 time unit is (1 - dt/tau)^(1/dt) = 0.95^20 = 0.358
        assertThat(lag1 / var).isCloseTo(Math.pow(0.95, 20), within(0.06));
    }

    @Test
    void gammaLnMatchesExactValues() {
        SimResult r = run("a = GAMMA LN(1) ~ ~ |\nb = GAMMA LN(5) ~ ~ |\nc = GAMMA LN(0.5) ~ ~ |\nd = GAMMA LN(100.5) ~ ~ |\n",
                "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 1 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        assertThat(r.last("a")).isCloseTo(0, within(1e-13));
        assertThat(r.last("b")).isCloseTo(Math.log(24), within(1e-12)); // Gamma(5) = 4!
        assertThat(r.last("c")).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12)); // Gamma(1/2) = sqrt(pi)
        // Stirling's series to 1/(1260 x^5) is exact to ~1e-16 at x = 100.5
        double x = 100.5;
        double stirling = (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x)
                + 1 / (1260 * Math.pow(x, 5));
        assertThat(r.last("d")).isCloseTo(stirling, within(1e-10));
    }
}
