package org.dlab.engine.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * Vensim's {@code .dat} data format (Vensim Help, ".dat format"): a variable name on a line of its
 * own, optionally subscripted ({@code Name[e1,e2]}) and followed by a comment after a slash, then
 * lines of "time value", each optionally followed by a comment. A name may appear again: its points
 * join one series. Time bases ({@code Name <BASE>}) are refused, not ignored, since they would move
 * every point.
 */
final class VensimDatFile {
    private VensimDatFile() {}

    /** The series of the file by the variable name as written, times increasing. */
    static Map<String, DataFiles.Series> parse(Path file, String text) {
        Map<String, TreeMap<Double, Double>> points = new LinkedHashMap<>();
        Map<String, Integer> nameLine = new LinkedHashMap<>();
        TreeMap<Double, Double> current = null;
        String currentName = null;
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.isEmpty()) continue;
            int col = line.indexOf(t.charAt(0)) + 1;
            String[] words = t.split("[\\s,]+");
            if (isNumber(words[0])) {
                if (current == null) throw new ModelException(new Pos(file.toString(), i + 1, col), "a data point before any variable name");
                if (words.length < 2) throw new ModelException(new Pos(file.toString(), i + 1, col), "expected a time and a value, found only '" + words[0] + "'");
                double time = Double.parseDouble(words[0]);
                double value = value(words[1], file, i + 1, line.indexOf(words[1], col - 1 + words[0].length()) + 1);
                if (current.put(time, value) != null) {
                    throw new ModelException(new Pos(file.toString(), i + 1, col), "'" + currentName + "' has two values at time " + words[0]);
                }
            } else {
                String name = t;
                int slash = name.indexOf('/');
                if (slash >= 0) name = name.substring(0, slash).strip();
                int base = name.indexOf('<');
                if (base >= 0) {
                    throw new ModelException(new Pos(file.toString(), i + 1, line.indexOf('<') + 1),
                            "time bases ('" + name.substring(base).strip() + "') are not supported; give the series in model time");
                }
                if (name.isEmpty()) throw new ModelException(new Pos(file.toString(), i + 1, col), "a variable name is missing before the '/' comment");
                currentName = name;
                current = points.computeIfAbsent(name, k -> new TreeMap<>());
                nameLine.putIfAbsent(name, i + 1);
            }
        }
        if (points.isEmpty()) throw new ModelException(new Pos(file.toString(), 0, 0), "data file is empty");
        Map<String, DataFiles.Series> out = new LinkedHashMap<>();
        for (var e : points.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new ModelException(new Pos(file.toString(), nameLine.get(e.getKey()), 1), "'" + e.getKey() + "' has no data points");
            }
            List<Double> ts = new ArrayList<>(e.getValue().keySet());
            double[] times = new double[ts.size()];
            double[] values = new double[ts.size()];
            int k = 0;
            for (var p : e.getValue().entrySet()) {
                times[k] = p.getKey();
                values[k++] = p.getValue();
            }
            out.put(e.getKey(), new DataFiles.Series(times, values));
        }
        return out;
    }

    private static boolean isNumber(String w) {
        try {
            Double.parseDouble(w);
            return !w.endsWith("d") && !w.endsWith("D") && !w.endsWith("f") && !w.endsWith("F"); // Java suffixes are not numbers here
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A value; Vensim's :NA: (and NA) is a missing point. */
    private static double value(String w, Path file, int line, int col) {
        if (w.equalsIgnoreCase(":NA:") || w.equalsIgnoreCase("NA")) return Double.NaN;
        if (!isNumber(w)) throw new ModelException(new Pos(file.toString(), line, col), "expected a number, found '" + w + "'");
        return Double.parseDouble(w);
    }
}
