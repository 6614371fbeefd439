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

    private static double clip(double v, double min, double max) {
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
        return clip(mean + sd * gaussian(), min, max);
    }

    public double exponential(double min, double max, double shift, double stretch) {
        return clip(shift + stretch * -Math.log(1 - random.nextDouble()), min, max);
    }

    public double poisson(double min, double max, double shift, double stretch, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l && k < 1_000_000);
        return clip(shift + stretch * (k - 1), min, max);
    }

    public double gamma(double min, double max, double shift, double stretch, double k) {
        return clip(shift + stretch * gammaDraw(k), min, max);
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
        return clip(shift + stretch * Math.exp(mean + sd * gaussian()), min, max);
    }

    public double triangular(double min, double max, double mode) {
        double u = random.nextDouble();
        double f = (mode - min) / (max - min);
        return u < f ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
    }

    public double beta(double min, double max, double shift, double stretch, double a, double b) {
        double x = gammaDraw(a);
        double y = gammaDraw(b);
        return clip(shift + stretch * x / (x + y), min, max);
    }

    public double binomial(double min, double max, double shift, double stretch, double p, double n) {
        int k = 0;
        for (int i = 0; i < (int) n; i++) if (random.nextDouble() < p) k++;
        return clip(shift + stretch * k, min, max);
    }

    public double negativeBinomial(double min, double max, double shift, double stretch, double k, double p) {
        int failures = 0;
        int successes = 0;
        while (successes < (int) k && failures < 10_000_000) {
            if (random.nextDouble() < p) successes++;
            else failures++;
        }
        return clip(shift + stretch * failures, min, max);
    }

    public double weibull(double min, double max, double shift, double stretch, double k) {
        return clip(shift + stretch * Math.pow(-Math.log(1 - random.nextDouble()), 1 / k), min, max);
    }
}
