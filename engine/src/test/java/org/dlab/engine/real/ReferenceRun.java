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
 * {@code "name unit" : run} or {@code name : run}). {@code rounding} holds, per variable of a tab
 * export, half a unit in the last digit each value was printed with (the export keeps 6
 * significant digits); a CSV decoded from the binary run has none.
 */
record ReferenceRun(double[] times, Map<String, double[]> series, Map<String, double[]> rounding) {

    /**
     * Half a unit in the last digit the export kept. It prints 6 significant digits and drops
     * trailing zeros ("0.045" is 0.0450000), so the kept digit is the 6th significant one unless
     * fewer were printed in front of the point: "2170" 5e-3, "0.0102051" 5e-8, "3.42989E-4" 5e-10,
     * "0.045" 5e-8, "1234567" 0.5.
     */
    static double halfUnitInLastDigit(String printed) {
        double printedHalf = halfUnitInLastPrintedDigit(printed);
        if (printedHalf == 0) return 0;
        double v = Math.abs(Double.parseDouble(printed.trim()));
        if (v == 0) return 0;
        double sixthDigitHalf = 0.5 * Math.pow(10, Math.floor(Math.log10(v)) - 5);
        return Math.min(printedHalf, sixthDigitHalf);
    }

    private static double halfUnitInLastPrintedDigit(String printed) {
        String s = printed.trim();
        if (!s.matches("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?")) return 0;
        int e = Math.max(s.indexOf('e'), s.indexOf('E'));
        int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1).replace("+", ""));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        int decimals = dot < 0 ? 0 : mantissa.length() - dot - 1;
        return 0.5 * Math.pow(10, exponent - decimals);
    }

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
        return new ReferenceRun(times, series, Map.of());
    }

    /** Vensim's tab export with time across; several files of one run merge. */
    static ReferenceRun transposedTab(List<Path> files) throws IOException {
        double[] times = null;
        Map<String, double[]> series = new LinkedHashMap<>();
        Map<String, double[]> rounding = new LinkedHashMap<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
            String[] head = lines.get(0).split("\t", -1);
            times = new double[head.length - 1];
            for (int i = 1; i < head.length; i++) times[i - 1] = number(head[i]);
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split("\t", -1);
                double[] v = new double[times.length];
                double[] half = new double[times.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = i + 1 < cells.length ? number(cells[i + 1]) : Double.NaN;
                    if (!Double.isNaN(v[i])) half[i] = halfUnitInLastDigit(cells[i + 1]);
                }
                series.put(tabName(cells[0]), v);
                rounding.put(tabName(cells[0]), half);
            }
        }
        return new ReferenceRun(times, series, rounding);
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
