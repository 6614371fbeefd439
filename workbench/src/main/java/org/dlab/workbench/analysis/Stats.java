package org.dlab.workbench.analysis;

import java.util.Arrays;

/** Small numeric helpers shared by the analyses. */
final class Stats {
    private Stats() {}

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    /** Sample variance (n - 1 denominator), by the two-pass algorithm for accuracy. */
    static double variance(double[] a) {
        if (a.length < 2) return 0;
        double m = mean(a);
        double s = 0;
        for (double v : a) s += (v - m) * (v - m);
        return s / (a.length - 1);
    }

    /**
     * The q-quantile (q in [0, 1]) by linear interpolation between order statistics (Hyndman and
     * Fan 1996, definition 7: the default of R and numpy). Sorts a copy: O(n log n).
     */
    static double quantile(double[] values, double q) {
        double[] s = Arrays.copyOf(values, values.length);
        Arrays.sort(s);
        return quantileSorted(s, q);
    }

    static double quantileSorted(double[] s, double q) {
        if (s.length == 0) return Double.NaN;
        double h = (s.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }

    /** A percentile bootstrap interval at the given level around a point estimate (Efron and Tibshirani 1993, ch. 13.3). */
    static Estimate interval(double value, double[] replicates, double level) {
        double[] s = Arrays.copyOf(replicates, replicates.length);
        Arrays.sort(s);
        double tail = (1 - level) / 2;
        return new Estimate(value, quantileSorted(s, tail), quantileSorted(s, 1 - tail));
    }
}
