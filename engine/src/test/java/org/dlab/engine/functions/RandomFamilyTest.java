package org.dlab.engine.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;

/**
 * Vensim's RANDOM family in Vensim's argument order (its RANDOM Number Functions page): 20,001
 * draws of each (one per step, the run's fixed seed) against the distribution's analytic mean
 * and variance. The mean must lie within 5 standard errors, the variance within 10%: a swapped
 * argument, a missing truncation or a wrong scale moves them far further.
 */
class RandomFamilyTest {
    private static final int STEPS = 20_000;
    private static final String BIG = "1e30";

    private static SimResult run(String equations) {
        String text = "{UTF-8}\n" + equations + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = " + STEPS + " ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";
        return ModelLoader.compile(VensimParser.parse("r.mdl", text, Path.of("."))).newRun().simulate();
    }

    private static void assertMoments(SimResult r, String name, double mean, double variance) {
        double[] xs = r.series(name);
        double m = 0;
        for (double x : xs) m += x;
        m /= xs.length;
        double v = 0;
        for (double x : xs) v += (x - m) * (x - m);
        v /= xs.length - 1;
        assertThat(m).as(name + " mean").isCloseTo(mean, org.assertj.core.api.Assertions.within(5 * Math.sqrt(variance / xs.length)));
        assertThat(v).as(name + " variance").isCloseTo(variance, org.assertj.core.api.Assertions.within(0.1 * variance));
    }

    @Test
    void eachFunctionHasItsDistributionsMeanAndVariance() {
        SimResult r = run(String.join("", new String[] {
            "u = RANDOM UNIFORM(2, 5, 0) ~ ~ |\n",
            "n = RANDOM NORMAL(-" + BIG + ", " + BIG + ", 3, 2, 0) ~ ~ |\n",
            "e = RANDOM EXPONENTIAL(0, " + BIG + ", 1, 2, 0) ~ ~ |\n",
            "p = RANDOM POISSON(0, " + BIG + ", 4, 1, 1, 0) ~ ~ |\n",
            "g = RANDOM GAMMA(0, " + BIG + ", 3, 0, 2, 0) ~ ~ |\n",
            "w = RANDOM WEIBULL(0, " + BIG + ", 2, 0, 1, 0) ~ ~ |\n",
            "b = RANDOM BETA(0, " + BIG + ", 2, 3, 0, 1, 0) ~ ~ |\n",
            "bi = RANDOM BINOMIAL(0, " + BIG + ", 0.3, 10, 0, 1, 0) ~ ~ |\n",
            "nb = RANDOM NEGATIVE BINOMIAL(0, " + BIG + ", 0.4, 3, 0, 1, 0) ~ ~ |\n",
            "t = RANDOM TRIANGULAR(0, 10, 1, 2, 8, 0) ~ ~ |\n"}));
        assertMoments(r, "u", 3.5, 9 / 12.0);
        assertMoments(r, "n", 3, 4);
        // shift 1 after stretching the unit exponential by 2
        assertMoments(r, "e", 3, 4);
        // Poisson of mean 4 shifted by 1
        assertMoments(r, "p", 5, 4);
        // order 3 stretched by 2: mean 3 * 2, variance 3 * 2^2
        assertMoments(r, "g", 6, 12);
        // shape 2 with mean 1 (Vensim's): variance Gamma(2) / Gamma(1.5)^2 - 1 = 4/pi - 1
        assertMoments(r, "w", 1, 4 / Math.PI - 1);
        // alpha 2, beta 3: mean 2/5, variance 6 / (25 * 6)
        assertMoments(r, "b", 0.4, 0.04);
        assertMoments(r, "bi", 3, 2.1);
        // failures before the 3rd success at probability 0.4: mean 3 * 0.6 / 0.4, variance 3 * 0.6 / 0.16
        assertMoments(r, "nb", 4.5, 11.25);
        // start 1, peak 2, end 8: mean 11/3, variance (1 + 4 + 64 - 2 - 8 - 16) / 18
        assertMoments(r, "t", 11 / 3.0, 43 / 18.0);
    }

    @Test
    void truncationDrawsAgainRatherThanPilingOnTheBounds() {
        // a standard normal truncated to [0, inf) is the half-normal: mean sqrt(2/pi), variance 1 - 2/pi
        // (moving draws to the bound instead would give mean 0.40 and half the draws exactly 0)
        SimResult r = run("h = RANDOM NORMAL(0, " + BIG + ", 0, 1, 0) ~ ~ |\nc = RANDOM UNIFORM(0, 10, 0) ~ ~ |\n"
                + "tt = RANDOM TRIANGULAR(1.5, 10, 1, 2, 8, 0) ~ ~ |\n");
        assertMoments(r, "h", Math.sqrt(2 / Math.PI), 1 - 2 / Math.PI);
        long zeros = java.util.Arrays.stream(r.series("h")).filter(x -> x == 0).count();
        assertThat(zeros).isLessThan(5);
        for (double x : r.series("tt")) assertThat(x).isBetween(1.5, 10.0);
    }

    @Test
    void randomLookupDrawsFromTheLookupAsADensity() {
        // a triangle on [0, 2] peaking at 1: mean 1, variance 1/6; stretched by 2 and shifted by 1: mean 3, variance 4/6.
        // truncated to [0, 3] it keeps the rising half, density 2y on [0, 1]: mean 1 + 2 * 2/3, variance 4 * 1/18.
        // a flat lookup is uniform on its span: mean 0.5, variance 1/12 on [0, 1]
        SimResult r = run("tri((0,0),(1,1),(2,0)) ~ ~ |\nflat((0,3),(1,3)) ~ ~ |\n"
                + "a = RANDOM LOOKUP(tri, -" + BIG + ", " + BIG + ", 1, 2, 0) ~ ~ |\n"
                + "half = RANDOM LOOKUP(tri, 0, 3, 1, 2, 0) ~ ~ |\n"
                + "f = RANDOM LOOKUP(flat, 0, 1, 0, 1, 0) ~ ~ |\n");
        assertMoments(r, "a", 3, 4 / 6.0);
        assertMoments(r, "half", 1 + 4 / 3.0, 4 / 18.0);
        assertMoments(r, "f", 0.5, 1 / 12.0);
        for (double x : r.series("half")) assertThat(x).isBetween(1.0, 3.0);
    }
}
