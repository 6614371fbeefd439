package org.dlab.engine.run;

import java.util.SplittableRandom;

/**
 * A run's state beyond the slot array: pipeline states and the seeded random generator. The
 * RANDOM functions draw from it, so a run with the same seed repeats exactly.
 */
public final class RunState {
    public final PipelineState[] states;
    /** Each pipeline's input of this step: all are read before any moves (one may feed another). */
    public final double[] stateInputs;
    private SplittableRandom random;

    RunState(int pipelines, long seed) {
        states = new PipelineState[pipelines];
        stateInputs = new double[pipelines];
        DelayFixed.Budget budget = new DelayFixed.Budget();
        for (int i = 0; i < pipelines; i++) states[i] = new DelayFixed(budget);
        random = new SplittableRandom(seed);
    }

    /** Feeds every pipeline its input of this step, after all inputs were computed. */
    public void pushInputs() {
        for (int i = 0; i < states.length; i++) states[i].push(stateInputs[i]);
    }

    void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Draws a truncated distribution may take before it settles for the nearest bound. */
    static final int MAX_DRAWS = 10_000;

    /**
     * Vensim truncates each RANDOM distribution to [min, max] after stretching and shifting: a
     * draw outside is drawn again (so the shape inside is kept, not piled on the bounds); when
     * none of {@link #MAX_DRAWS} falls inside, the last is moved to the nearest bound.
     */
    private static double truncated(java.util.function.DoubleSupplier draw, double min, double max) {
        double v = Double.NaN;
        for (int i = 0; i < MAX_DRAWS; i++) {
            v = draw.getAsDouble();
            if (v >= min && v <= max) return v;
        }
        return Math.max(min, Math.min(max, v));
    }

    public double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    private double gaussian() {
        // Marsaglia polar method: exact, no tables, reproducible across JVMs
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    public double normal(double min, double max, double mean, double sd) {
        return truncated(() -> mean + sd * gaussian(), min, max);
    }

    public double exponential(double min, double max, double shift, double stretch) {
        return truncated(() -> shift + stretch * -Math.log(1 - random.nextDouble()), min, max);
    }

    public double poisson(double min, double max, double shift, double stretch, double mean) {
        return truncated(() -> shift + stretch * poissonDraw(mean), min, max);
    }

    private double poissonDraw(double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l && k < 1_000_000);
        return k - 1;
    }

    public double gamma(double min, double max, double shift, double stretch, double k) {
        return truncated(() -> shift + stretch * gammaDraw(k), min, max);
    }

    private double gammaDraw(double k) {
        if (k < 1) return gammaDraw(k + 1) * Math.pow(random.nextDouble(), 1 / k);
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = gaussian();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    public double lognormal(double min, double max, double shift, double stretch, double mean, double sd) {
        return truncated(() -> shift + stretch * Math.exp(mean + sd * gaussian()), min, max);
    }

    /** A triangle from start to end with its peak at peak, truncated to [min, max]. */
    public double triangular(double min, double max, double start, double peak, double end) {
        return truncated(() -> {
            double u = random.nextDouble();
            double f = (peak - start) / (end - start);
            return u < f ? start + Math.sqrt(u * (end - start) * (peak - start)) : end - Math.sqrt((1 - u) * (end - start) * (end - peak));
        }, min, max);
    }

    public double beta(double min, double max, double shift, double stretch, double a, double b) {
        return truncated(() -> {
            double x = gammaDraw(a);
            double y = gammaDraw(b);
            return shift + stretch * x / (x + y);
        }, min, max);
    }

    public double binomial(double min, double max, double shift, double stretch, double p, double n) {
        return truncated(() -> {
            int k = 0;
            for (int i = 0; i < (int) n; i++) if (random.nextDouble() < p) k++;
            return shift + stretch * k;
        }, min, max);
    }

    public double negativeBinomial(double min, double max, double shift, double stretch, double k, double p) {
        return truncated(() -> {
            int failures = 0;
            int successes = 0;
            while (successes < (int) k && failures < 10_000_000) {
                if (random.nextDouble() < p) successes++;
                else failures++;
            }
            return shift + stretch * failures;
        }, min, max);
    }

    /** Vensim's Weibull of shape k has mean 1 before stretching: the unit-scale draw over Gamma(1 + 1/k). */
    public double weibull(double min, double max, double shift, double stretch, double k) {
        double scale = Math.exp(-Functions.gammaLn(1 + 1 / k));
        return truncated(() -> shift + stretch * scale * Math.pow(-Math.log(1 - random.nextDouble()), 1 / k), min, max);
    }
}
