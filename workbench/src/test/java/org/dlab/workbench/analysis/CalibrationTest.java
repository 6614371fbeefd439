package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    static final double R = 0.25;
    static final double K = 1000;
    static final double P0 = 10;
    static final double SIGMA = 15;
    static final int YEARS = 41;

    static double[] logistic(double r, double k, double p0) {
        double[] y = new double[YEARS];
        for (int t = 0; t < YEARS; t++) y[t] = k / (1 + (k - p0) / p0 * Math.exp(-r * t));
        return y;
    }

    static double[] observed(long seed) {
        Random rnd = new Random(seed);
        double[] y = logistic(R, K, P0);
        for (int t = 0; t < YEARS; t++) y[t] += SIGMA * rnd.nextGaussian();
        return y;
    }

    private static final List<Calibration.Parameter> PARAMS = List.of(new Calibration.Parameter("r", 0.01, 1, 0.5),
            new Calibration.Parameter("K", 100, 5000, 2000), new Calibration.Parameter("P0", 1, 100, 30));
    private static final Calibration.Model MODEL = q -> new double[][] {logistic(q[0], q[1], q[2])};

    @Test
    void recoversLogisticGrowthParametersWithBounds() {
        double[] obs = observed(17);
        for (Calibration.Method m : Calibration.Method.values()) {
            Calibration.Fit fit = Calibration.fit(PARAMS, MODEL, List.of(new Calibration.Series("population", obs, null)),
                    new Calibration.Options(m, 5000, 3, 5, 0.95, false));
            System.out.printf("%s: %d evaluations, payoff %.1f, residual sd %.2f (true %.0f)%n", m, fit.evaluations(), fit.payoff(),
                    Math.sqrt(fit.residualVariance()), SIGMA);
            double[] truth = {R, K, P0};
            for (int i = 0; i < 3; i++) {
                System.out.printf("  %s = %.4f ± %.4f, 95%% [%.4f, %.4f] (true %.4f)%n", fit.names().get(i), fit.estimate()[i], fit.standardError()[i],
                        fit.lower()[i], fit.upper()[i], truth[i]);
                assertThat(Math.abs(fit.estimate()[i] - truth[i])).as(fit.names().get(i)).isLessThan(3 * fit.standardError()[i]);
                assertThat(fit.lower()[i]).isLessThan(truth[i]);
                assertThat(fit.upper()[i]).isGreaterThan(truth[i]);
            }
            assertThat(Math.sqrt(fit.residualVariance())).isCloseTo(SIGMA, within(0.25 * SIGMA));
            assertThat(fit.standardError("r")).isLessThan(0.05);
        }
    }

    @Test
    void boundsShrinkWithMoreDataAndInverseVarianceWeightsGiveTheSameScale() {
        double[] obs = observed(3);
        double[] w = new double[YEARS];
        java.util.Arrays.fill(w, 1 / (SIGMA * SIGMA));
        Calibration.Fit relative = Calibration.fit(PARAMS, MODEL, List.of(new Calibration.Series("p", obs, null)), Calibration.Options.defaults());
        Calibration.Fit absolute = Calibration.fit(PARAMS, MODEL, List.of(new Calibration.Series("p", obs, w)),
                new Calibration.Options(Calibration.Method.BOBYQA, 5000, 1, 1, 0.95, true));
        // same optimum; standard errors agree to the ratio of the residual sd to the known sigma
        assertThat(absolute.estimate("K")).isCloseTo(relative.estimate("K"), within(1e-3 * K));
        double ratio = absolute.standardError("K") / relative.standardError("K");
        assertThat(ratio).isCloseTo(SIGMA / Math.sqrt(relative.residualVariance()), within(0.05));
        // one parameter goes through Brent's method
        Calibration.Fit one = Calibration.fit(List.of(new Calibration.Parameter("K", 100, 5000, 2000)), q -> new double[][] {logistic(R, q[0], P0)},
                List.of(new Calibration.Series("p", obs, null)), Calibration.Options.defaults());
        assertThat(one.estimate("K")).isCloseTo(K, within(3 * one.standardError("K")));
        assertThat(one.standardError("K")).isLessThan(relative.standardError("K"));
    }
}
