package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.dlab.workbench.sample.MorrisSampler;

/**
 * Morris elementary-effects screening (Morris 1991, Technometrics 33(2)) with the mu* measure of
 * Campolongo, Cariboni and Saltelli (2007, Environ. Model. Softw. 22(10)): per input the mean
 * of the elementary effects (mu), the mean of their absolute values (mu*), and their standard
 * deviation (sigma), with percentile-bootstrap intervals over the elementary effects.
 *
 * <p>Input: the design's points in the unit cube ({@link MorrisSampler}: trajectories of D + 1
 * consecutive rows, one input changing between neighbours) and the outputs at those points. The
 * moving input and its step are read from the points themselves, so any one-at-a-time trajectory
 * design works. Elementary effects are per unit of the unit-cube coordinate (as SALib), so
 * inputs with different ranges compare on their sampled range.
 *
 * <p>Cost: O(T D) to compute the effects, O(T D R) for R bootstrap resamples.
 */
public final class MorrisAnalysis {
    private MorrisAnalysis() {}

    public record Options(int resamples, double level, long seed) {
        public static Options defaults() {
            return new Options(1000, 0.95, 1L);
        }
    }

    /** One input's screening measures. */
    public record Measure(String name, Estimate mu, Estimate muStar, Estimate sigma, int effects) {}

    public record Result(List<Measure> measures) {
        public Result {
            measures = List.copyOf(measures);
        }

        /** Inputs by decreasing mu*: the Morris ranking of importance. */
        public List<Measure> ranked() {
            List<Measure> r = new ArrayList<>(measures);
            r.sort(Comparator.comparingDouble((Measure m) -> m.muStar().value()).reversed());
            return List.copyOf(r);
        }

        public Measure of(String name) {
            for (Measure m : measures) if (m.name().equals(name)) return m;
            throw new IllegalArgumentException("no input " + name);
        }
    }

    /**
     * Measures from trajectories: {@code points[row][input]} in the unit cube, {@code y[row]},
     * rows grouped in trajectories of D + 1.
     */
    public static Result analyze(List<String> names, double[][] points, double[] y, Options options) {
        int d = names.size();
        int per = d + 1;
        if (points.length != y.length) throw new IllegalArgumentException(points.length + " points but " + y.length + " outputs");
        if (points.length % per != 0) throw new IllegalArgumentException(points.length + " rows are not whole trajectories of " + per);
        int t = points.length / per;
        double[][] ee = new double[d][t];
        int[] count = new int[d];
        for (int k = 0; k < t; k++) {
            for (int s = 1; s < per; s++) {
                double[] p0 = points[k * per + s - 1];
                double[] p1 = points[k * per + s];
                int moved = -1;
                for (int i = 0; i < d; i++) {
                    if (p1[i] != p0[i]) {
                        if (moved >= 0) throw new IllegalArgumentException("rows " + (k * per + s - 1) + " and " + (k * per + s) + " differ in more than one input");
                        moved = i;
                    }
                }
                if (moved < 0) throw new IllegalArgumentException("rows " + (k * per + s - 1) + " and " + (k * per + s) + " are equal");
                double dy = y[k * per + s] - y[k * per + s - 1];
                ee[moved][count[moved]++] = dy / (p1[moved] - p0[moved]);
            }
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        List<Measure> out = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            double[] e = java.util.Arrays.copyOf(ee[i], count[i]);
            if (e.length == 0) throw new IllegalArgumentException("input " + names.get(i) + " never moves in the design");
            double[] point = measures(e, null);
            int r = options.resamples();
            double[][] reps = new double[3][r];
            int[] sample = new int[e.length];
            for (int k = 0; k < r; k++) {
                for (int j = 0; j < e.length; j++) sample[j] = rnd.nextInt(e.length);
                double[] v = measures(e, sample);
                for (int m = 0; m < 3; m++) reps[m][k] = v[m];
            }
            out.add(new Measure(names.get(i),
                    interval(point[0], reps[0], options.level(), r),
                    interval(point[1], reps[1], options.level(), r),
                    interval(point[2], reps[2], options.level(), r),
                    e.length));
        }
        return new Result(out);
    }

    private static Estimate interval(double v, double[] reps, double level, int r) {
        return r == 0 ? new Estimate(v, v, v) : Stats.interval(v, reps, level);
    }

    /** [mu, mu*, sigma] of the effects, over {@code sample} indexes if given. */
    private static double[] measures(double[] e, int[] sample) {
        int n = sample == null ? e.length : sample.length;
        double s = 0;
        double sa = 0;
        for (int j = 0; j < n; j++) {
            double v = e[sample == null ? j : sample[j]];
            s += v;
            sa += Math.abs(v);
        }
        double mu = s / n;
        double ss = 0;
        for (int j = 0; j < n; j++) {
            double v = e[sample == null ? j : sample[j]] - mu;
            ss += v * v;
        }
        double sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        return new double[] {mu, sa / n, sigma};
    }
}
