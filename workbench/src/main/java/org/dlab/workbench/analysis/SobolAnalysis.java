package org.dlab.workbench.analysis;

import java.util.List;
import java.util.SplittableRandom;
import org.dlab.workbench.sample.SaltelliSampler;

/**
 * Variance-based global sensitivity: Sobol first-, second- and total-order indices from the
 * outputs of a Saltelli design ({@link SaltelliSampler}: per base point the rows A, AB_1..AB_D,
 * BA_1..BA_D, B).
 *
 * <ul>
 *   <li>First order: S_i = mean(f(B) (f(AB_i) - f(A))) / V (Saltelli et al. 2010, Comput. Phys.
 *       Commun. 181, Table 2 (b)).
 *   <li>Total order: S_Ti = mean((f(A) - f(AB_i))^2) / 2V (Jansen 1999; Saltelli et al. 2010,
 *       Table 2 (f)).
 *   <li>Second order: S_ij = mean(f(BA_i) f(AB_j) - f(A) f(B)) / V - S_i - S_j (Saltelli 2002,
 *       Comput. Phys. Commun. 145, eq. for V_ij; the form SALib uses).
 * </ul>
 * V is the variance of f over the rows of A and B. Outputs are centred first (estimators are
 * shift-invariant in expectation, but centring removes the c·mean(AB - A) noise term a large
 * offset would add). Confidence intervals are percentile bootstraps over the base points
 * (Efron and Tibshirani 1993, ch. 13), seeded.
 *
 * <p>Cost: O(N D) for first and total order, O(N D²) for second order, times (1 + resamples).
 */
public final class SobolAnalysis {
    private SobolAnalysis() {}

    /** Bootstrap settings; {@code resamples = 0} gives intervals equal to the point estimate. */
    public record Options(int resamples, double level, long seed, boolean secondOrder) {
        public Options {
            if (resamples < 0) throw new IllegalArgumentException("resamples must be >= 0");
            if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1)");
        }

        public static Options defaults() {
            return new Options(100, 0.95, 1L, true);
        }
    }

    /** Indices per input; {@code second[i][j]} for i < j (null when not asked or D < 2). */
    public record Result(List<String> names, Estimate[] first, Estimate[] total, Estimate[][] second, int baseSamples, double variance) {
        public Result {
            names = List.copyOf(names);
            first = first.clone();
            total = total.clone();
            second = second == null ? null : deepClone(second);
        }

        @Override
        public Estimate[] first() {
            return first.clone();
        }

        @Override
        public Estimate[] total() {
            return total.clone();
        }

        @Override
        public Estimate[][] second() {
            return second == null ? null : deepClone(second);
        }

        public Estimate first(String name) {
            return first[names.indexOf(name)];
        }

        public Estimate total(String name) {
            return total[names.indexOf(name)];
        }

        private static Estimate[][] deepClone(Estimate[][] a) {
            Estimate[][] c = new Estimate[a.length][];
            for (int i = 0; i < a.length; i++) c[i] = a[i] == null ? null : a[i].clone();
            return c;
        }
    }

    /**
     * Indices from the outputs {@code y} of a Saltelli design with {@code names.size()} inputs,
     * in the design's row order ({@code y.length} must be N (2D + 2)).
     */
    public static Result analyze(List<String> names, double[] y, Options options) {
        int d = names.size();
        if (d < 1) throw new IllegalArgumentException("no inputs");
        int block = 2 * d + 2;
        if (y.length % block != 0) throw new IllegalArgumentException(y.length + " outputs are not a whole number of Saltelli blocks of " + block);
        int n = y.length / block;
        if (n < 2) throw new IllegalArgumentException("need at least 2 base points");
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException("output " + i + " is not finite: " + y[i]);
        }
        // unpack into A, B, AB[i], BA[i] (centred); O(N D) memory, fine for the designs people run
        double mu = 0;
        for (int j = 0; j < n; j++) mu += y[j * block] + y[j * block + block - 1];
        mu /= 2.0 * n;
        double[] a = new double[n];
        double[] b = new double[n];
        double[][] ab = new double[d][n];
        double[][] ba = new double[d][n];
        for (int j = 0; j < n; j++) {
            int o = j * block;
            a[j] = y[o] - mu;
            for (int i = 0; i < d; i++) {
                ab[i][j] = y[o + 1 + i] - mu;
                ba[i][j] = y[o + 1 + d + i] - mu;
            }
            b[j] = y[o + block - 1] - mu;
        }
        boolean second = options.secondOrder() && d >= 2;
        int[] all = new int[n];
        for (int j = 0; j < n; j++) all[j] = j;
        double[] point = indices(all, a, b, ab, ba, second);
        int r = options.resamples();
        int stride = point.length;
        double[][] reps = new double[stride][r];
        SplittableRandom rnd = new SplittableRandom(options.seed());
        int[] sample = new int[n];
        for (int k = 0; k < r; k++) {
            for (int j = 0; j < n; j++) sample[j] = rnd.nextInt(n);
            double[] v = indices(sample, a, b, ab, ba, second);
            for (int s = 0; s < stride; s++) reps[s][k] = v[s];
        }
        Estimate[] first = new Estimate[d];
        Estimate[] total = new Estimate[d];
        for (int i = 0; i < d; i++) {
            first[i] = estimate(point[i], reps[i], options.level(), r);
            total[i] = estimate(point[d + i], reps[d + i], options.level(), r);
        }
        Estimate[][] s2 = null;
        if (second) {
            s2 = new Estimate[d][d];
            int s = 2 * d;
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++, s++) s2[i][j] = estimate(point[s], reps[s], options.level(), r);
            }
        }
        return new Result(names, first, total, s2, n, point[point.length - 1]);
    }

    private static Estimate estimate(double value, double[] reps, double level, int r) {
        return r == 0 ? new Estimate(value, value, value) : Stats.interval(value, reps, level);
    }

    /**
     * [S_1..S_D, ST_1..ST_D, S_ij for i < j (if second), V] over the base points listed in
     * {@code rows} (repeats allowed: a bootstrap resample).
     */
    private static double[] indices(int[] rows, double[] a, double[] b, double[][] ab, double[][] ba, boolean second) {
        int d = ab.length;
        int n = rows.length;
        int pairs = second ? d * (d - 1) / 2 : 0;
        double[] out = new double[2 * d + pairs + 1];
        // variance over A and B together, two-pass
        double m = 0;
        for (int r : rows) m += a[r] + b[r];
        m /= 2.0 * n;
        double v = 0;
        for (int r : rows) v += (a[r] - m) * (a[r] - m) + (b[r] - m) * (b[r] - m);
        v /= 2.0 * n - 1;
        for (int i = 0; i < d; i++) {
            double[] abi = ab[i];
            double s1 = 0;
            double st = 0;
            for (int r : rows) {
                double diff = abi[r] - a[r];
                s1 += b[r] * diff;
                st += diff * diff;
            }
            out[i] = s1 / n / v;
            out[d + i] = st / (2.0 * n) / v;
        }
        if (second) {
            int s = 2 * d;
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++, s++) {
                    double[] bai = ba[i];
                    double[] abj = ab[j];
                    double vij = 0;
                    for (int r : rows) vij += bai[r] * abj[r] - a[r] * b[r];
                    out[s] = vij / n / v - out[i] - out[j];
                }
            }
        }
        out[out.length - 1] = v;
        return out;
    }
}
