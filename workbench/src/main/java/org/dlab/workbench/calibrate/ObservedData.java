package org.dlab.workbench.calibrate;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.data.DataFiles;
import org.dlab.engine.ir.Pos;

/**
 * Observed series for a calibration, read from a CSV or tab-separated file in one of two layouts:
 * <ul>
 *   <li>simple: a {@code Time} column, one column per series (its header a model variable, or the
 *       {@code column} a calibration file's series names), optional {@code weight:NAME} columns with
 *       a weight per point; blank cells are gaps;
 *   <li>wide: one row per series, its first cell the name, the header row holding the times (the
 *       way SIPRI publishes its tables); cells such as {@code xxx} or {@code . .} are gaps too.
 * </ul>
 */
public final class ObservedData {
    private ObservedData() {}

    /** One series: times ascending, values scaled, weights per point (the series weight times any weight column). */
    public record Series(String variable, String column, double[] times, double[] values, double[] weights) {
        public int points() {
            int n = 0;
            for (double v : values) if (!Double.isNaN(v)) n++;
            return n;
        }
    }

    private static final Set<String> GAPS = Set.of("", "xxx", ". .", "..", "...", "na", "nan", "n/a", "-");

    public static List<Series> read(Path file, CalibrationSpec spec) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, Charset.forName(spec.data().encoding()));
        } catch (IOException | RuntimeException e) {
            throw new ModelException(new Pos(file.toString(), 0, 0), "cannot read the data file: " + e.getMessage());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        if (lines.size() < 2) throw new ModelException(new Pos(file.toString(), 1, 1), "the data file needs a header row and at least one row of data");
        char sep = lines.get(0).indexOf('\t') >= 0 ? '\t' : ',';
        List<List<String>> rows = new ArrayList<>();
        for (String l : lines) rows.add(DataFiles.splitLine(l, sep));
        List<Series> out = spec.data().wide() ? wide(file, rows, spec) : simple(file, rows, spec);
        for (Series s : out) if (s.points() == 0) throw new ModelException(new Pos(file.toString(), 1, 1), "no observed values for '" + s.column() + "' in the time range kept");
        return out;
    }

    private static List<Series> simple(Path file, List<List<String>> rows, CalibrationSpec spec) {
        List<String> header = rows.get(0);
        int timeCol = -1;
        for (int i = 0; i < header.size(); i++) if (header.get(i).strip().equalsIgnoreCase("time")) timeCol = i;
        if (timeCol < 0) throw new ModelException(new Pos(file.toString(), 1, 1), "no Time column in the header (the simple format: Time, then one column per series)");
        List<CalibrationSpec.SeriesMap> maps = new ArrayList<>(spec.series());
        if (maps.isEmpty()) {
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i).strip();
                if (i != timeCol && !h.isEmpty() && !h.toLowerCase(Locale.ROOT).startsWith("weight:")) maps.add(new CalibrationSpec.SeriesMap(h, h, 1, 1, Pos.NONE));
            }
        }
        List<double[]> times = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            if (rows.get(r).stream().allMatch(String::isBlank)) continue;
            double t = cell(file, rows.get(r), timeCol, r);
            if (Double.isNaN(t)) throw new ModelException(new Pos(file.toString(), r + 1, 1), "a row without a time");
            if (!keep(t, spec.data())) continue;
            times.add(new double[] {t});
            lineOf.add(r);
        }
        List<Series> out = new ArrayList<>();
        for (CalibrationSpec.SeriesMap m : maps) {
            int col = index(header, m.column());
            if (col < 0) throw new ModelException(m.pos() == Pos.NONE ? new Pos(file.toString(), 1, 1) : m.pos(), "no column '" + m.column() + "' in " + file);
            int wcol = index(header, "weight:" + m.column());
            double[] ts = new double[times.size()];
            double[] vs = new double[times.size()];
            double[] ws = new double[times.size()];
            for (int k = 0; k < ts.length; k++) {
                int r = lineOf.get(k);
                ts[k] = times.get(k)[0];
                vs[k] = cell(file, rows.get(r), col, r) * m.scale();
                double w = wcol < 0 ? 1 : cell(file, rows.get(r), wcol, r);
                ws[k] = m.weight() * (Double.isNaN(w) ? 1 : w);
            }
            out.add(new Series(m.variable(), m.column(), ts, vs, ws));
        }
        return out;
    }

    private static List<Series> wide(Path file, List<List<String>> rows, CalibrationSpec spec) {
        List<String> header = rows.get(0);
        List<Integer> cols = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int i = 1; i < header.size(); i++) {
            double t = cell(file, header, i, 0);
            if (Double.isNaN(t) || !keep(t, spec.data())) continue;
            cols.add(i);
            times.add(t);
        }
        List<Series> out = new ArrayList<>();
        for (CalibrationSpec.SeriesMap m : spec.series()) {
            int row = -1;
            for (int r = 1; r < rows.size(); r++) if (!rows.get(r).isEmpty() && rows.get(r).get(0).strip().equals(m.column())) row = r;
            if (row < 0) throw new ModelException(m.pos(), "no row '" + m.column() + "' in " + file);
            double[] ts = times.stream().mapToDouble(Double::doubleValue).toArray();
            double[] vs = new double[ts.length];
            double[] ws = new double[ts.length];
            for (int k = 0; k < ts.length; k++) {
                vs[k] = cell(file, rows.get(row), cols.get(k), row) * m.scale();
                ws[k] = m.weight();
            }
            out.add(new Series(m.variable(), m.column(), ts, vs, ws));
        }
        return out;
    }

    private static boolean keep(double t, CalibrationSpec.DataFormat f) {
        return (Double.isNaN(f.from()) || t >= f.from()) && (Double.isNaN(f.to()) || t <= f.to());
    }

    private static int index(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) if (header.get(i).strip().equals(name.strip())) return i;
        return -1;
    }

    /** The number in a cell, NaN for a gap; anything else is an error at its line and column. */
    private static double cell(Path file, List<String> row, int col, int r) {
        if (col >= row.size()) return Double.NaN;
        String v = row.get(col).strip();
        if (GAPS.contains(v.toLowerCase(Locale.ROOT))) return Double.NaN;
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ModelException(new Pos(file.toString(), r + 1, col + 1), "'" + v + "' is not a number");
    }
}
