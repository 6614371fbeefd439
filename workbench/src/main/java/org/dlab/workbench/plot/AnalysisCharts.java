package org.dlab.workbench.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dlab.workbench.store.OutputFile;

/**
 * Charts of analysis results as SVG text, for {@code dlab discover --plots}, {@code dlab
 * sensitivity --plots} and the HTML report (which inlines them): the PRIM trade-off curve, a
 * box's limits, a pairs scatter of its restricted inputs, bars with confidence intervals and the
 * Morris mu*-sigma plane. Inputs are plain arrays, so the command line (fresh results) and the
 * report (results read back from a store) draw the same figure.
 */
public final class AnalysisCharts {
    private static final Color AXIS = new Color(0x333333);
    private static final Color GRID = new Color(0xe4e4e4);
    private static final Color MUTED = new Color(0xb0b0b0);
    /** Points drawn per class in a pairs panel: enough to see the shape, small enough for a report. */
    static final int MAX_POINTS = 800;

    private AnalysisCharts() {}

    /** One restricted input of a box: its limits and the data's extent, to draw the limits on the sampled range. */
    public record Limit(String name, double lower, double upper, double dataLow, double dataHigh, double quasiP) {}

    /** Writes SVG text to a file (temporary file moved into place). */
    public static void write(Path file, String svg) {
        OutputFile.replace(file, "the plot", svg);
    }

    /** A file name from a free-text name (outcome names hold spaces, slashes, brackets). */
    public static String fileName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "outcome" : s;
    }

    /**
     * The PRIM peeling trajectory: density against coverage, each box labelled with its number of
     * restricted inputs now and then, the chosen box ringed.
     */
    public static String tradeOff(String title, double[] coverage, double[] density, int[] restricted, int chosen) {
        int w = 640;
        int h = 440;
        SvgCanvas c = new SvgCanvas(w, h);
        Frame f = new Frame(c, w, h, 64, 56);
        f.axes(0, 1, 0, 1, title, "coverage", "density");
        double[] xs = new double[coverage.length];
        double[] ys = new double[coverage.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = f.sx(coverage[i]);
            ys[i] = f.sy(density[i]);
        }
        c.path("trajectory", xs, ys, null, 0, Palette.colour(0), 1.5);
        int every = Math.max(1, coverage.length / 12);
        for (int i = 0; i < xs.length; i++) {
            c.rect(xs[i] - 2, ys[i] - 2, 4, 4, Palette.colour(0));
            if (i % every == 0 || i == xs.length - 1) c.text(xs[i] + 5, ys[i] - 5, Integer.toString(restricted[i]), 9, Canvas.Anchor.START, false, false);
        }
        if (chosen >= 0 && chosen < xs.length) {
            double[][] ring = circle(xs[chosen], ys[chosen], 7);
            c.path("chosen", ring[0], ring[1], null, 0, Palette.colour(1), 2);
            c.text(xs[chosen] - 9, ys[chosen] + 16, "chosen box " + chosen, 11, Canvas.Anchor.END, false, true);
        }
        c.text(f.right, 40, "point labels: number of restricted inputs", 10, Canvas.Anchor.END, false, false);
        return c.finish();
    }

    private static double[][] circle(double x, double y, double r) {
        int k = 24;
        double[] xs = new double[k + 1];
        double[] ys = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            xs[i] = x + r * Math.cos(2 * Math.PI * i / k);
            ys[i] = y + r * Math.sin(2 * Math.PI * i / k);
        }
        return new double[][] {xs, ys};
    }

    /**
     * A box's limits: per restricted input, a bar over the part of its sampled range the box
     * keeps (0 = the lowest sampled value, 1 = the highest), with the limits written beside it.
     */
    public static String boxLimits(String title, List<Limit> limits) {
        int rowH = 26;
        int w = 760;
        int left = labelWidth(limits.stream().map(Limit::name).toList());
        int h = 96 + rowH * Math.max(1, limits.size());
        SvgCanvas c = new SvgCanvas(w, h);
        Frame f = new Frame(c, w, h, left, 200);
        f.top = 44;
        f.bottom = h - 44;
        f.xAxis(0, 1, title, "share of the sampled range kept by the box");
        for (int i = 0; i < limits.size(); i++) {
            Limit l = limits.get(i);
            double y = f.top + rowH * i + rowH / 2.0;
            double span = l.dataHigh() - l.dataLow();
            double lo = span > 0 ? clamp((l.lower() - l.dataLow()) / span) : 0;
            double hi = span > 0 ? clamp((l.upper() - l.dataLow()) / span) : 1;
            c.rect(f.sx(0), y - 7, f.sx(1) - f.sx(0), 14, new Color(0xeeeeee));
            c.rect(f.sx(lo), y - 7, Math.max(1, f.sx(hi) - f.sx(lo)), 14, Palette.colour(0));
            c.text(left - 8, y + 4, l.name(), 11, Canvas.Anchor.END, false, false);
            String range = "[" + num(l.lower()) + ", " + num(l.upper()) + "]" + (Double.isNaN(l.quasiP()) ? "" : "  qp " + String.format(Locale.ROOT, "%.2g", l.quasiP()));
            c.text(f.sx(1) + 8, y + 4, range, 10, Canvas.Anchor.START, false, false);
        }
        if (limits.isEmpty()) c.text(w / 2.0, f.top + rowH / 2.0 + 4, "no input restricted", 12, Canvas.Anchor.MIDDLE, false, false);
        return c.finish();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /**
     * A pairs scatter of the box's restricted inputs (at most four): every pair of inputs in one
     * panel, cases of interest in colour, the rest grey, the box's limits as a rectangle; the
     * diagonal names the input. Points are thinned evenly to {@link #MAX_POINTS} per class.
     *
     * @param columns {@code columns[k][row]} of the k-th input drawn
     */
    public static String pairs(String title, List<String> names, double[][] columns, boolean[] cases, double[] lower, double[] upper) {
        int k = names.size();
        int panel = k <= 2 ? 300 : 220;
        int w = Math.max(360, panel * Math.max(1, k) + 40);
        int h = w + 30;
        SvgCanvas c = new SvgCanvas(w, h);
        c.text(w / 2.0, 22, title, 14, Canvas.Anchor.MIDDLE, false, true);
        int[] pos = thin(cases, true);
        int[] neg = thin(cases, false);
        for (int row = 0; row < k; row++) {
            for (int col = 0; col < k; col++) {
                double ox = 20 + col * panel;
                double oy = 40 + row * panel;
                Frame f = new Frame(c, panel, panel, 0, 0);
                f.left = ox + 34;
                f.right = ox + panel - 8;
                f.top = oy + 8;
                f.bottom = oy + panel - 30;
                double[] xr = range(columns[col]);
                double[] yr = range(columns[row]);
                f.x0 = xr[0];
                f.x1 = xr[1];
                f.y0 = yr[0];
                f.y1 = yr[1];
                c.path("panel", new double[] {f.left, f.right, f.right, f.left, f.left}, new double[] {f.top, f.top, f.bottom, f.bottom, f.top}, null, 0, MUTED, 1);
                if (row == col) {
                    c.text((f.left + f.right) / 2, (f.top + f.bottom) / 2, names.get(row), 11, Canvas.Anchor.MIDDLE, false, true);
                    c.text(f.left, f.bottom + 14, num(xr[0]), 9, Canvas.Anchor.START, false, false);
                    c.text(f.right, f.bottom + 14, num(xr[1]), 9, Canvas.Anchor.END, false, false);
                    continue;
                }
                dots(c, f, columns[col], columns[row], neg, 2, MUTED);
                dots(c, f, columns[col], columns[row], pos, 3, Palette.colour(1));
                double bx0 = f.sx(Math.max(lower[col], xr[0]));
                double bx1 = f.sx(Math.min(upper[col], xr[1]));
                double by0 = f.sy(Math.max(lower[row], yr[0]));
                double by1 = f.sy(Math.min(upper[row], yr[1]));
                c.path("box", new double[] {bx0, bx1, bx1, bx0, bx0}, new double[] {by0, by0, by1, by1, by0}, null, 0, Palette.colour(0), 2);
            }
        }
        c.rect(20, h - 18, 10, 10, Palette.colour(1));
        c.text(34, h - 9, "cases of interest", 11, Canvas.Anchor.START, false, false);
        c.rect(160, h - 18, 10, 10, MUTED);
        c.text(174, h - 9, "other futures", 11, Canvas.Anchor.START, false, false);
        c.rect(280, h - 16, 14, 3, Palette.colour(0));
        c.text(298, h - 9, "box limits", 11, Canvas.Anchor.START, false, false);
        return c.finish();
    }

    private static void dots(SvgCanvas c, Frame f, double[] x, double[] y, int[] rows, double size, Color colour) {
        double[] xs = new double[rows.length];
        double[] ys = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            xs[k] = f.sx(x[rows[k]]);
            ys[k] = f.sy(y[rows[k]]);
        }
        c.dots("points", xs, ys, rows.length, size, colour);
    }

    /** Rows of one class, every m-th so at most {@link #MAX_POINTS} remain. */
    private static int[] thin(boolean[] cases, boolean which) {
        int n = 0;
        for (boolean b : cases) if (b == which) n++;
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int[] out = new int[(n + step - 1) / step];
        int seen = 0;
        int w = 0;
        for (int i = 0; i < cases.length && w < out.length; i++) {
            if (cases[i] != which) continue;
            if (seen++ % step == 0) out[w++] = i;
        }
        return java.util.Arrays.copyOf(out, w);
    }

    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (!(hi > lo)) return new double[] {lo - 0.5, lo + 0.5};
        double pad = (hi - lo) * 0.03;
        return new double[] {lo - pad, hi + pad};
    }

    /**
     * Horizontal bars per name, one per series, each with its interval as a whisker (e.g. Sobol
     * S1 and ST with bootstrap intervals, or mean regret with its 10th-90th percentile range).
     * NaN intervals draw no whisker.
     *
     * @param value {@code value[series][name]}, likewise {@code low} and {@code high}
     */
    public static String intervalBars(String title, String xLabel, List<String> names, List<String> series, double[][] value, double[][] low,
            double[][] high) {
        int s = series.size();
        int rowH = 8 + 12 * s;
        int w = 760;
        int left = labelWidth(names);
        int h = 110 + rowH * Math.max(1, names.size());
        SvgCanvas c = new SvgCanvas(w, h);
        Frame f = new Frame(c, w, h, left, 30);
        f.top = 56;
        f.bottom = h - 44;
        double lo = 0;
        double hi = 0;
        for (int k = 0; k < s; k++) {
            for (int i = 0; i < names.size(); i++) {
                for (double v : new double[] {value[k][i], low[k][i], high[k][i]}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        f.xAxis(lo, hi > lo ? hi : lo + 1, title, xLabel);
        for (int i = 0; i < names.size(); i++) {
            double y0 = f.top + rowH * i + 4;
            c.text(left - 8, y0 + rowH / 2.0, names.get(i), 11, Canvas.Anchor.END, false, false);
            for (int k = 0; k < s; k++) {
                double y = y0 + 12 * k;
                double v = value[k][i];
                if (Double.isFinite(v)) {
                    double a = f.sx(Math.min(0, v));
                    double b = f.sx(Math.max(0, v));
                    c.rect(a, y, Math.max(1, b - a), 9, Palette.colour(k));
                }
                if (Double.isFinite(low[k][i]) && Double.isFinite(high[k][i])) {
                    double ym = y + 4.5;
                    c.line(f.sx(low[k][i]), ym, f.sx(high[k][i]), ym, AXIS, 1.2);
                    c.line(f.sx(low[k][i]), ym - 4, f.sx(low[k][i]), ym + 4, AXIS, 1.2);
                    c.line(f.sx(high[k][i]), ym - 4, f.sx(high[k][i]), ym + 4, AXIS, 1.2);
                }
            }
        }
        double x = left;
        for (int k = 0; k < s; k++) {
            c.rect(x, 36, 14, 10, Palette.colour(k));
            c.text(x + 19, 45, series.get(k), 12, Canvas.Anchor.START, false, false);
            x += 19 + 7.5 * series.get(k).length() + 18;
        }
        return c.finish();
    }

    /**
     * The Morris plane: sigma against mu* per input, mu*'s interval as a horizontal whisker; the
     * inputs with the largest mu* are named. Points near the line sigma = mu* act non-linearly or
     * through interactions; points far below it act linearly.
     */
    public static String morris(String title, List<String> names, double[] muStar, double[] muStarLow, double[] muStarHigh, double[] sigma) {
        int w = 700;
        int h = 500;
        SvgCanvas c = new SvgCanvas(w, h);
        Frame f = new Frame(c, w, h, 72, 24);
        double xhi = 0;
        double yhi = 0;
        for (int i = 0; i < names.size(); i++) {
            xhi = Math.max(xhi, Double.isFinite(muStarHigh[i]) ? muStarHigh[i] : muStar[i]);
            yhi = Math.max(yhi, sigma[i]);
        }
        f.axes(0, xhi > 0 ? xhi : 1, 0, yhi > 0 ? yhi : 1, title, "mu* (mean absolute elementary effect)", "sigma");
        // the diagonal sigma = mu*, clipped to the plot
        double d = Math.min(f.x1, f.y1);
        c.path("diagonal", new double[] {f.sx(0), f.sx(d)}, new double[] {f.sy(0), f.sy(d)}, null, 0, MUTED, 1);
        Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(muStar[b], muStar[a]));
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            double x = f.sx(muStar[i]);
            double y = f.sy(sigma[i]);
            if (Double.isFinite(muStarLow[i]) && Double.isFinite(muStarHigh[i])) c.line(f.sx(muStarLow[i]), y, f.sx(muStarHigh[i]), y, MUTED, 1);
            c.rect(x - 3, y - 3, 6, 6, Palette.colour(0));
            if (r < 10) c.text(x + 6, y - 5, names.get(i), 10, Canvas.Anchor.START, false, false);
        }
        return c.finish();
    }

    private static int labelWidth(List<String> names) {
        int longest = 8;
        for (String n : names) longest = Math.max(longest, n.length());
        return (int) Math.min(320, 16 + 6.2 * longest);
    }

    static String num(double v) {
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        if (v == Double.POSITIVE_INFINITY) return "inf";
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Scales and axes of one plot area; the fields are set by the chart that owns it. */
    private static final class Frame {
        final SvgCanvas c;
        final int width;
        final int height;
        double left;
        double right;
        double top;
        double bottom;
        double x0;
        double x1;
        double y0;
        double y1;

        Frame(SvgCanvas c, int width, int height, double left, double rightMargin) {
            this.c = c;
            this.width = width;
            this.height = height;
            this.left = left;
            this.right = width - rightMargin;
            this.top = 48;
            this.bottom = height - 48;
        }

        double sx(double x) {
            return left + (x - x0) / (x1 - x0) * (right - left);
        }

        double sy(double y) {
            return bottom - (y - y0) / (y1 - y0) * (bottom - top);
        }

        /** An x axis at the bottom with grid lines up to the top, and the title. */
        void xAxis(double lo, double hi, String title, String xLabel) {
            double[] xt = Chart.ticks(lo, hi, Math.max(2, (int) ((right - left) / 90)));
            x0 = Math.min(lo, xt[0]);
            x1 = Math.max(hi, xt[xt.length - 1]);
            double step = xt.length > 1 ? xt[1] - xt[0] : 1;
            for (double t : xt) {
                c.line(sx(t), top, sx(t), bottom, GRID, 1);
                c.line(sx(t), bottom, sx(t), bottom + 5, AXIS, 1);
                c.text(sx(t), bottom + 18, Chart.label(t, step), 11, Canvas.Anchor.MIDDLE, false, false);
            }
            c.line(left, bottom, right, bottom, AXIS, 1);
            c.text((left + right) / 2, height - 8, xLabel, 12, Canvas.Anchor.MIDDLE, false, false);
            c.text(width / 2.0, 22, title, 14, Canvas.Anchor.MIDDLE, false, true);
        }

        /** Both axes with grids, labels and the title. */
        void axes(double xlo, double xhi, double ylo, double yhi, String title, String xLabel, String yLabel) {
            xAxis(xlo, xhi, title, xLabel);
            double[] yt = Chart.ticks(ylo, yhi, Math.max(2, (int) ((bottom - top) / 60)));
            y0 = Math.min(ylo, yt[0]);
            y1 = Math.max(yhi, yt[yt.length - 1]);
            double step = yt.length > 1 ? yt[1] - yt[0] : 1;
            for (double t : yt) {
                c.line(left, sy(t), right, sy(t), GRID, 1);
                c.line(left - 5, sy(t), left, sy(t), AXIS, 1);
                c.text(left - 8, sy(t) + 4, Chart.label(t, step), 11, Canvas.Anchor.END, false, false);
            }
            c.line(left, top, left, bottom, AXIS, 1);
            c.text(14, (top + bottom) / 2, yLabel, 12, Canvas.Anchor.MIDDLE, true, false);
        }
    }
}
