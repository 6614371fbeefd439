package org.dlab.workbench.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.workbench.store.ParetoTables;
import org.dlab.workbench.store.StoreException;

/**
 * A Pareto set as parallel coordinates (Inselberg 1985, The Visual Computer 1; the usual view of
 * many-objective trade-offs, Kasprzyk et al. 2013): one vertical axis per objective, then per
 * searched lever, each scaled to the set's own range and oriented so that better is at the bottom
 * (levers: low at the bottom); one line per member, coloured by the first objective so a reader can
 * follow the best members of it across the other axes.
 */
public final class ParallelCoordinates {
    private static final Color AXIS = new Color(0x333333);
    private static final Color GOOD = new Color(0x0072B2);
    private static final Color BAD = new Color(0xE69F00);

    private ParallelCoordinates() {}

    /**
     * One axis: a name, the members' values, whether larger is better (then it is drawn flipped),
     * and its range: NaN to scale to the values (objectives), or the lever's full range.
     */
    public record Axis(String name, double[] values, boolean largerIsBetter, double low, double high) {}

    /** Reads the search in {@code db} and writes its Pareto set to {@code out} (.svg or .png). */
    public static void write(Path db, Path out, int width, int height) {
        write(axes(ParetoTables.read(db)), title(db), out, width, height);
    }

    /** The stored objectives (scaled to the set), then the searched levers (over their full range). */
    public static List<Axis> axes(ParetoTables.Stored s) {
        List<Axis> axes = new ArrayList<>();
        for (int j = 0; j < s.objectives().size(); j++) {
            double[] v = column(s.objectiveValues(), j);
            boolean max = j < s.definitions().size() && s.definitions().get(j).direction().equals("maximize");
            axes.add(new Axis(s.objectives().get(j), v, max, Double.NaN, Double.NaN));
        }
        for (int j = 0; j < s.levers().size(); j++) {
            ParetoTables.LeverDef d = j < s.leverDefs().size() ? s.leverDefs().get(j) : null;
            if (d != null && d.searched()) axes.add(new Axis(s.levers().get(j), column(s.leverValues(), j), false, d.low(), d.high()));
        }
        return axes;
    }

    private static String title(Path db) {
        return "Pareto set of " + (db.getFileName() == null ? db.toString() : db.getFileName().toString()) + ": objectives (better down), then levers (low down)";
    }

    private static double[] column(double[][] rows, int j) {
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) v[i] = rows[i][j];
        return v;
    }

    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (!Double.isFinite(x)) continue;
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new double[] {lo, hi};
    }

    /** Writes the chart (a temporary file moved into place). */
    public static void write(List<Axis> axes, String title, Path out, int width, int height) {
        if (width < Plotter.MIN_SIZE || height < Plotter.MIN_SIZE || width > Plotter.MAX_SIZE || height > Plotter.MAX_SIZE) {
            throw new IllegalArgumentException("width and height must be between " + Plotter.MIN_SIZE + " and " + Plotter.MAX_SIZE);
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean svg = name.endsWith(".svg");
        if (!svg && !name.endsWith(".png")) throw new StoreException(out.toString(), "the output must end in .svg or .png");
        ChartFile.write(out, svg, width, height, canvas -> draw(canvas, axes, title, width, height));
    }

    static void draw(Canvas c, List<Axis> axes, String title, int width, int height) {
        double left = Math.min(60, width * 0.08);
        double right = width - Math.min(60, width * 0.08);
        double top = Math.min(70, height * 0.18);
        // rotated axis names hang below the plot: room for the longest (about 0.55 em a character)
        int longest = 0;
        for (Axis a : axes) longest = Math.max(longest, a.name().length());
        double bottom = height - Math.min(height * 0.45, 30 + 5.6 * longest);
        c.text(width / 2.0, 22, title, 14, Canvas.Anchor.MIDDLE, false, true);
        int k = axes.size();
        if (k == 0) return;
        int n = axes.get(0).values().length;
        double[] xs = new double[k];
        double[][] lim = new double[k][];
        for (int a = 0; a < k; a++) {
            xs[a] = k == 1 ? (left + right) / 2 : left + a * (right - left) / (k - 1);
            Axis ax = axes.get(a);
            lim[a] = Double.isNaN(ax.low()) ? range(ax.values()) : new double[] {ax.low(), ax.high()};
            if (!(lim[a][1] > lim[a][0])) lim[a] = new double[] {lim[a][0] - 0.5, lim[a][0] + 0.5};
        }
        // lines first, axes over them so the scale stays legible
        double[] first = axes.get(0).values();
        double[] fr = lim[0];
        for (int i = 0; i < n; i++) {
            double[] px = new double[k];
            double[] py = new double[k];
            int m = 0;
            for (int a = 0; a < k; a++) {
                double v = axes.get(a).values()[i];
                if (!Double.isFinite(v)) continue;
                px[m] = xs[a];
                py[m] = top + (bottom - top) * position(v, lim[a], axes.get(a).largerIsBetter());
                m++;
            }
            double t = Double.isFinite(first[i]) ? position(first[i], fr, axes.get(0).largerIsBetter()) : 0.5;
            c.path("member", java.util.Arrays.copyOf(px, m), java.util.Arrays.copyOf(py, m), null, 0, mix(GOOD, BAD, 1 - t), 1.2);
        }
        for (int a = 0; a < k; a++) {
            Axis ax = axes.get(a);
            c.line(xs[a], top, xs[a], bottom, AXIS, 1);
            boolean flip = ax.largerIsBetter();
            // better at the bottom: for a maximized axis the largest value is drawn there
            c.text(xs[a], top - 6, number(flip ? lim[a][0] : lim[a][1]), 10, Canvas.Anchor.MIDDLE, false, false);
            c.text(xs[a], bottom + 14, number(flip ? lim[a][1] : lim[a][0]), 10, Canvas.Anchor.MIDDLE, false, false);
            c.text(xs[a] + 4, bottom + 22, ax.name(), 10, Canvas.Anchor.END, true, false);
        }
    }

    /** 0 at the top of the axis, 1 at the bottom (the better end for objectives). */
    private static double position(double v, double[] lim, boolean largerIsBetter) {
        double u = (v - lim[0]) / (lim[1] - lim[0]);
        return largerIsBetter ? u : 1 - u;
    }

    private static Color mix(Color a, Color b, double t) {
        double u = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * u), (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * u),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * u));
    }

    private static String number(double v) {
        if (v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return String.format(Locale.ROOT, "%.3g", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
