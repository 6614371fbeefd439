package org.dlab.engine.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;

/**
 * Time series given to a model from outside (Vensim's data variables, {@code dlab run --data}):
 * tab- or comma-separated files with a Time column and one column per variable, as Vensim and
 * {@code dlab run} write them (or the same transposed, names down the first column), or Vensim's
 * {@code .dat} format ({@link VensimDatFile}). A blank cell is a missing value.
 */
public final class DataFiles {
    /** One series: times and values, blanks as NaN. */
    public record Series(double[] times, double[] values) {}

    private static final long MAX_BYTES = 256L << 20;
    private final Map<String, Series> series = new HashMap<>();

    public static final DataFiles NONE = new DataFiles();

    private DataFiles() {}

    public static DataFiles read(List<Path> files) {
        DataFiles d = new DataFiles();
        for (Path f : files) d.load(f);
        return d;
    }

    /** The series of a variable element by its output name ({@code Name[e1,e2]}), or null. */
    public Series get(String name) {
        return series.get(key(name));
    }

    static String key(String name) {
        return Names.key(name.replaceAll("\\s*([\\[\\],])\\s*", "$1"));
    }

    private void load(Path f) {
        Pos at = new Pos(f.toString(), 0, 0);
        List<List<String>> rows = new ArrayList<>();
        try {
            if (Files.size(f) > MAX_BYTES) throw new ModelException(at, "data file is larger than " + (MAX_BYTES >> 20) + " MB");
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            if (f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".dat")) {
                for (var e : VensimDatFile.parse(f, text).entrySet()) series.put(key(e.getKey()), e.getValue());
                return;
            }
            for (String line : text.split("\r\n|\r|\n")) {
                if (line.isBlank()) continue;
                char sep = line.indexOf('\t') >= 0 ? '\t' : ',';
                rows.add(splitLine(line, sep));
            }
        } catch (IOException e) {
            throw new ModelException(at, "cannot read data file: " + e.getMessage());
        }
        if (rows.isEmpty()) throw new ModelException(at, "data file is empty");
        boolean columns = rows.get(0).get(0).trim().equalsIgnoreCase("time");
        if (!columns && !(rows.size() > 0 && rows.get(0).get(0).trim().equalsIgnoreCase("time"))) {
            throw new ModelException(new Pos(f.toString(), 1, 1), "data file must start with a Time column or row");
        }
        List<List<String>> grid = columns ? rows : transpose(rows);
        List<String> header = grid.get(0);
        double[] times = new double[grid.size() - 1];
        for (int r = 1; r < grid.size(); r++) {
            times[r - 1] = number(grid.get(r), 0, f, r + 1);
            if (Double.isNaN(times[r - 1])) throw new ModelException(new Pos(f.toString(), r + 1, 1), "time is missing");
        }
        for (int c = 1; c < header.size(); c++) {
            double[] v = new double[times.length];
            for (int r = 1; r < grid.size(); r++) v[r - 1] = number(grid.get(r), c, f, r + 1);
            series.put(key(header.get(c).trim().replaceAll("^\"|\"$", "")), new Series(times, v));
        }
    }

    /** One line of delimited text; double quotes protect delimiters, "" is a quote. */
    public static List<String> splitLine(String line, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                b.append('"');
                i++;
            } else if (c == '"') {
                q = !q;
            } else if (c == sep && !q) {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    private static List<List<String>> transpose(List<List<String>> rows) {
        int width = 0;
        for (List<String> r : rows) width = Math.max(width, r.size());
        List<List<String>> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<String> col = new ArrayList<>();
            for (List<String> r : rows) col.add(c < r.size() ? r.get(c) : "");
            out.add(col);
        }
        return out;
    }

    private static double number(List<String> row, int c, Path f, int line) {
        String s = c < row.size() ? row.get(c).trim() : "";
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ModelException(new Pos(f.toString(), line, c + 1), "expected a number, found '" + s + "'");
        }
    }
}
