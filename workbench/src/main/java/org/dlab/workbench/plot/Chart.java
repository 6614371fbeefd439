package org.dlab.workbench.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.workbench.report.StoreStats;

/**
 * The layout of a plot, drawn onto a {@link Canvas}: title, legend row of the policies, the plot
 * area with axes, ticks and labels, then the data (fan bands and medians, or histograms).
 */
final class Chart {
    private static final Color AXIS = new Color(0x333333);
    private static final Color GRID = new Color(0xe4e4e4);

    private final Canvas c;
    private final int width;
    private final int height;
    private final double left;
    private final double right;
    private final double top;
    private final double bottom;
    private double x0;
    private double x1;
    private double y0;
    private double y1;
    /** Every policy of the store in the study's order: a policy's colour is its place here ({@link Palette}). */
    private final List<String> order;

    Chart(Canvas c, int width, int height, List<String> order) {
        this.c = c;
        this.order = List.copyOf(order);
        this.width = width;
        this.height = height;
        // margins shrink with small canvases so a thumbnail still has a plot area
        left = Math.min(72, width * 0.18);
        right = width - Math.min(20, width * 0.05);
        top = Math.min(64, height * 0.2);
        bottom = height - Math.min(48, height * 0.15);
    }

    /** A chart's figures, read from the store before any drawing, drawn once per canvas. */
    record Data(List<String> order, java.util.function.Consumer<Chart> drawing) {
        void draw(Chart chart) {
            drawing.accept(chart);
        }
    }

    private Color colour(String policy) {
        return Palette.colour(Math.max(0, order.indexOf(policy)));
    }

    private double sx(double x) {
        return left + (x - x0) / (x1 - x0) * (right - left);
    }

    private double sy(double y) {
        return bottom - (y - y0) / (y1 - y0) * (bottom - top);
    }

    /** Per policy: the 5–95% band, the 25–75% band, then the median line over them. */
    void fan(StoreStats.Fan fan, String title, String yLabel) {
        double tlo = Double.POSITIVE_INFINITY;
        double thi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] cols : fan.byPolicy().values()) {
            for (int t = 0; t < cols[0].length; t++) {
                if (!finiteRow(cols, t)) continue;
                tlo = Math.min(tlo, cols[0][t]);
                thi = Math.max(thi, cols[0][t]);
                for (int i = 1; i < cols.length; i++) {
                    lo = Math.min(lo, cols[i][t]);
                    hi = Math.max(hi, cols[i][t]);
                }
            }
        }
        frame(tlo, thi, lo, hi, title, "time", yLabel, fan.byPolicy().keySet());
        for (java.util.Map.Entry<String, double[][]> entry : fan.byPolicy().entrySet()) {
            double[][] cols = entry.getValue();
            Color col = colour(entry.getKey());
            List<Integer> keep = new ArrayList<>();
            for (int t = 0; t < cols[0].length; t++) if (finiteRow(cols, t)) keep.add(t);
            band(cols, keep, 1, 5, col, 0.15);
            band(cols, keep, 2, 4, col, 0.30);
            double[] xs = new double[keep.size()];
            double[] ys = new double[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                xs[k] = sx(cols[0][keep.get(k)]);
                ys[k] = sy(cols[3][keep.get(k)]);
            }
            c.path("median", xs, ys, null, 0, col, 2);
        }
    }

    private static boolean finiteRow(double[][] cols, int t) {
        for (double[] col : cols) if (!Double.isFinite(col[t])) return false;
        return true;
    }

    /** The region between two quantile columns: along the lower one, back along the upper one. */
    private void band(double[][] cols, List<Integer> keep, int lower, int upper, Color col, double opacity) {
        int n = keep.size();
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        for (int k = 0; k < n; k++) {
            int t = keep.get(k);
            xs[k] = sx(cols[0][t]);
            ys[k] = sy(cols[lower][t]);
            int back = keep.get(n - 1 - k);
            xs[n + k] = sx(cols[0][back]);
            ys[n + k] = sy(cols[upper][back]);
        }
        c.path("band", xs, ys, col, opacity, null, 0);
    }

    /**
     * Per policy, the share of its futures in each bin as a filled step outline: shares, not
     * counts, so policies with different numbers of valid runs compare.
     */
    void distribution(StoreStats.Histogram h, String title, String xLabel) {
        double[] e = h.edges();
        double hi = 0;
        List<double[]> shares = new ArrayList<>();
        List<String> names = new ArrayList<>(h.counts().keySet());
        for (long[] counts : h.counts().values()) {
            long total = 0;
            for (long n : counts) total += n;
            double[] s = new double[counts.length];
            for (int i = 0; i < counts.length; i++) s[i] = total == 0 ? 0 : (double) counts[i] / total;
            for (double v : s) hi = Math.max(hi, v);
            shares.add(s);
        }
        frame(e[0], e[e.length - 1], 0, hi, title, xLabel, "share of futures", h.counts().keySet());
        int p = 0;
        for (double[] s : shares) {
            Color col = colour(names.get(p));
            double[] xs = new double[2 * s.length + 2];
            double[] ys = new double[2 * s.length + 2];
            xs[0] = sx(e[0]);
            ys[0] = sy(0);
            for (int i = 0; i < s.length; i++) {
                xs[1 + 2 * i] = sx(e[i]);
                ys[1 + 2 * i] = sy(s[i]);
                xs[2 + 2 * i] = sx(e[i + 1]);
                ys[2 + 2 * i] = sy(s[i]);
            }
            xs[xs.length - 1] = sx(e[e.length - 1]);
            ys[ys.length - 1] = sy(0);
            c.path("histogram", xs, ys, col, 0.25, col, 1.5);
            p++;
        }
    }

    /** Fixes the scales (widening an empty or flat range) and draws everything but the data. */
    private void frame(double xlo, double xhi, double ylo, double yhi, String title, String xLabel, String yLabel, Iterable<String> policies) {
        double[] xr = range(xlo, xhi);
        double[] yr = range(ylo, yhi);
        double[] xt = ticks(xr[0], xr[1], Math.max(2, (int) ((right - left) / 90)));
        double[] yt = ticks(yr[0], yr[1], Math.max(2, (int) ((bottom - top) / 60)));
        // the axes end on the outer ticks, so no datum sits beyond the last label
        x0 = Math.min(xr[0], xt[0]);
        x1 = Math.max(xr[1], xt[xt.length - 1]);
        y0 = Math.min(yr[0], yt[0]);
        y1 = Math.max(yr[1], yt[yt.length - 1]);
        double step = xt.length > 1 ? xt[1] - xt[0] : 1;
        for (double t : xt) {
            c.line(sx(t), top, sx(t), bottom, GRID, 1);
            c.line(sx(t), bottom, sx(t), bottom + 5, AXIS, 1);
            c.text(sx(t), bottom + 18, label(t, step), 11, Canvas.Anchor.MIDDLE, false, false);
        }
        double ystep = yt.length > 1 ? yt[1] - yt[0] : 1;
        for (double t : yt) {
            c.line(left, sy(t), right, sy(t), GRID, 1);
            c.line(left - 5, sy(t), left, sy(t), AXIS, 1);
            c.text(left - 8, sy(t) + 4, label(t, ystep), 11, Canvas.Anchor.END, false, false);
        }
        c.line(left, bottom, right, bottom, AXIS, 1);
        c.line(left, top, left, bottom, AXIS, 1);
        c.text((left + right) / 2, height - 8, xLabel, 12, Canvas.Anchor.MIDDLE, false, false);
        c.text(14, (top + bottom) / 2, yLabel, 12, Canvas.Anchor.MIDDLE, true, false);
        c.text(width / 2.0, 22, title, 15, Canvas.Anchor.MIDDLE, false, true);
        double x = left;
        for (String p : policies) {
            c.rect(x, 36, 14, 10, colour(p));
            c.text(x + 19, 45, p, 12, Canvas.Anchor.START, false, false);
            x += 19 + 7.5 * p.length() + 18;
        }
    }

    private static double[] range(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) return new double[] {0, 1};
        if (hi > lo) return new double[] {lo, hi};
        double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
        return new double[] {lo - pad, hi + pad};
    }

    /** Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi] with about {@code n} intervals. */
    static double[] ticks(double lo, double hi, int n) {
        double raw = (hi - lo) / n;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        double start = Math.floor(lo / step) * step;
        double end = Math.ceil(hi / step) * step;
        int count = (int) Math.round((end - start) / step) + 1;
        double[] t = new double[count];
        for (int i = 0; i < count; i++) t[i] = start + i * step;
        return t;
    }

    /** As many decimals as the tick step needs; scientific notation for very large or small values. */
    static String label(double v, double step) {
        if (Math.abs(v) < step * 1e-9) v = 0;
        double a = Math.max(Math.abs(v), step);
        if (a >= 1e6 || step < 1e-4) return String.format(Locale.ROOT, "%.3g", v);
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
