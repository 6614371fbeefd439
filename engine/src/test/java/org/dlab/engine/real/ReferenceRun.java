package org.dlab.engine.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run exported from Vensim: variable name to values at the export's times. Reads the wide CSV
 * decoded from a .vdf (a Time column, one column per variable, quotes inside names doubled) and
 * Vensim's transposed tab export (a "Time (unit)" row, then one row per variable named
 * {@code "name unit" : run} or {@code name : run}).
 */
record ReferenceRun(double[] times, Map<String, double[]> series) {

    static ReferenceRun csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> names = csvCells(lines.get(0));
        int rows = lines.size() - 1;
        double[] times = new double[rows];
        List<double[]> cols = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) cols.add(new double[rows]);
        for (int r = 0; r < rows; r++) {
            List<String> cells = csvCells(lines.get(r + 1));
            for (int c = 0; c < names.size(); c++) cols.get(c)[r] = number(c < cells.size() ? cells.get(c) : "");
            times[r] = cols.get(0)[r];
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int c = 1; c < names.size(); c++) series.put(names.get(c), cols.get(c));
        return new ReferenceRun(times, series);
    }

    /** Vensim's tab export with time across; several files of one run merge. */
    static ReferenceRun transposedTab(List<Path> files) throws IOException {
        double[] times = null;
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            String[] head = lines.get(0).split("\t", -1);
            times = new double[head.length - 1];
            for (int i = 1; i < head.length; i++) times[i - 1] = number(head[i]);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                double[] v = new double[times.length];
                for (int i = 0; i < v.length; i++) v[i] = i + 1 < cells.length ? number(cells[i + 1]) : Double.NaN;
                series.put(tabName(cells[0]), v);
            }
        }
        return new ReferenceRun(times, series);
    }

    /** {@code "Deaths 1/y"[region] : run} or {@code Name[a,b] : run}: the name with its subscripts, unit dropped. */
    static String tabName(String cell) {
        int colon = cell.lastIndexOf(" : ");
        String n = colon < 0 ? cell : cell.substring(0, colon);
        return n.trim();
    }

    private static double number(String s) {
        s = s.trim();
        if (s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static List<String> csvCells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
