package org.dlab.engine.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A canonical output table of the test-models suite (output.csv or output.tab), read the way
 * the team's scorer (shared/tools/score.py) and PySD read it: rows without a time dropped,
 * a column blank after its first row (how Vensim writes constants) filled with its first value.
 */
record CanonicalTable(List<String> names, double[] times, double[][] columns) {

    static CanonicalTable read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        if (text.indexOf('\uFFFD') >= 0) text = new String(raw, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\r\n|\r|\n")) if (!l.isBlank()) lines.add(l);
        boolean tab = file.toString().toLowerCase().endsWith(".tab") || lines.get(0).contains("\t") && !lines.get(0).contains(",");
        List<String> header = split(lines.get(0), tab ? '\t' : ',');
        int ti = -1;
        for (int i = 0; i < header.size(); i++) if (header.get(i).trim().equalsIgnoreCase("time")) { ti = i; break; }
        if (ti < 0) throw new IOException(file + ": no Time column");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) if (i != ti) names.add(header.get(i).trim());
        List<double[]> rows = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        for (int r = 1; r < lines.size(); r++) {
            List<String> cells = split(lines.get(r), tab ? '\t' : ',');
            double t = number(ti < cells.size() ? cells.get(ti) : "");
            if (Double.isNaN(t)) continue;
            times.add(t);
            double[] row = new double[names.size()];
            int k = 0;
            for (int i = 0; i < header.size(); i++) {
                if (i == ti) continue;
                row[k++] = number(i < cells.size() ? cells.get(i) : "");
            }
            rows.add(row);
        }
        double[][] cols = new double[names.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) for (int c = 0; c < names.size(); c++) cols[c][r] = rows.get(r)[c];
        for (double[] c : cols) {
            boolean blank = c.length > 1;
            for (int r = 1; r < c.length && blank; r++) blank = Double.isNaN(c[r]);
            if (blank) java.util.Arrays.fill(c, 1, c.length, c[0]);
        }
        double[] t = new double[times.size()];
        for (int i = 0; i < t.length; i++) t[i] = times.get(i);
        return new CanonicalTable(names, t, cols);
    }

    static double number(String s) {
        String x = s.trim();
        if (x.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(x);
        } catch (NumberFormatException e) {
            switch (x.toLowerCase()) {
                case "true": return 1;
                case "false": return 0;
                case "inf": case "+inf": case "infinity": return Double.POSITIVE_INFINITY;
                case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
                default: return Double.NaN;
            }
        }
    }

    static List<String> split(String line, char sep) {
        return org.dlab.engine.data.DataFiles.splitLine(line, sep);
    }

    /** The scorer's column key: case-insensitive, spaces and underscores alike, no quotes. */
    static String key(String name) {
        String s = name.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        s = s.toLowerCase().replaceAll("\\s*([\\[\\],])\\s*", "$1").replaceAll("[\\s_]+", "_");
        return s.replaceAll("^_+|_+$", "");
    }
}
