package org.dlab.engine.run;

/**
 * A lookup table as generated code uses it: the points plus the segment found last time. In a
 * run x mostly moves a little each step, so checking that segment and its neighbour first
 * replaces a binary search per call. The hint is shared by the threads running the model; a
 * stale or racing hint only costs a search (int writes are atomic), never a wrong answer.
 */
public final class LookupTable {
    private final double[] xs;
    private final double[] ys;
    private int hint;

    public LookupTable(double[] xs, double[] ys) {
        this.xs = xs;
        this.ys = ys;
    }

    /** The segment lo with xs[lo] <= x < xs[lo + 1], for xs[0] < x < xs[n - 1]. */
    private int segment(double x) {
        int n = xs.length;
        int h = hint;
        if (h < n - 1 && xs[h] <= x) {
            if (x < xs[h + 1]) return h;
            if (h + 2 < n && x < xs[h + 2] && xs[h + 1] <= x) {
                hint = h + 1;
                return h + 1;
            }
        }
        int lo = Functions.segment(xs, x);
        hint = lo;
        return lo;
    }

    /** Linear interpolation, held constant beyond the ends (Vensim's lookup). */
    public double interpolate(double x) {
        int n = xs.length;
        if (n == 0) return Double.NaN;
        if (x <= xs[0]) return ys[0];
        if (x >= xs[n - 1]) return ys[n - 1];
        int lo = segment(x);
        double x0 = xs[lo];
        double x1 = xs[lo + 1];
        return x1 == x0 ? ys[lo + 1] : ys[lo] + (ys[lo + 1] - ys[lo]) * (x - x0) / (x1 - x0);
    }

    /** Linear interpolation, extended linearly beyond the ends. */
    public double extrapolate(double x) {
        int n = xs.length;
        if (n >= 2 && (x < xs[0] || x > xs[n - 1])) return Functions.lookupExtrapolate(xs, ys, x);
        return interpolate(x);
    }

    public double backward(double x) {
        return Functions.lookupBackward(xs, ys, x);
    }

    public double forward(double x) {
        return Functions.lookupForward(xs, ys, x);
    }

    public double raw(double x) {
        return Functions.lookupRaw(xs, ys, x);
    }
}
