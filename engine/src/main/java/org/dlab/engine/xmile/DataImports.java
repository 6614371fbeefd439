package org.dlab.engine.xmile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.engine.ModelException;
import org.dlab.engine.xmile.XmileSymbols.Var;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * Stella's {@code <data><import resource="r../Data/x.csv" isee:timevarying="true"/>}: a CSV
 * whose first column is the time and whose other columns are named by variable
 * ({@code Module.name}, through the module's instance name); each named variable takes the
 * column as its value over time, read linearly between rows and held beyond them (as a
 * graphical function of TIME). Imports that are not time-varying ({@code frequency="on_demand"})
 * were written into the model's own equations when the modeller ran them, and are not read.
 */
final class DataImports {
    /** Bounds on what a data file may make us hold. */
    static final long MAX_BYTES = 64L << 20;
    static final int MAX_CELLS = 5_000_000;

    private DataImports() {}

    static void read(Element root, Path self, ModuleFiles files, XmileSymbols sym) {
        Element data = root.child("data");
        if (data == null) return;
        for (Element imp : data.all("import")) {
            String varying = imp.attr("isee:timevarying") != null ? imp.attr("isee:timevarying") : imp.attr("timevarying");
            if (!"true".equalsIgnoreCase(String.valueOf(varying).trim())) continue;
            String ref = imp.attr("resource") != null ? imp.attr("resource") : imp.attr("url");
            if (ref == null || ref.isBlank()) throw new ModelException(imp.pos, "<import> without a resource");
            Path file = files.resolve(imp, self, ref.trim(), true);
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new ModelException(imp.pos, "data import '" + ref + "': only CSV files are read");
            }
            apply(imp, ref, table(imp, ref, file), sym);
        }
    }

    private static List<List<String>> table(Element imp, String ref, Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) throw new ModelException(imp.pos, "data import '" + ref + "' is over " + (MAX_BYTES >> 20) + " MB");
            text = XmileParser.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelException(imp.pos, "cannot read data import '" + ref + "': " + e.getMessage());
        }
        List<List<String>> rows = new ArrayList<>();
        long cells = 0;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) continue;
            List<String> row = cells(line);
            cells += row.size();
            if (cells > MAX_CELLS) throw new ModelException(imp.pos, "data import '" + ref + "' has over " + MAX_CELLS + " cells");
            rows.add(row);
        }
        if (rows.size() < 2) throw new ModelException(imp.pos, "data import '" + ref + "' has no data rows");
        return rows;
    }

    /** One CSV line: commas separate, double quotes enclose (a doubled quote is one quote). */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    b.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(b.toString().trim());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString().trim());
        return out;
    }

    private static void apply(Element imp, String ref, List<List<String>> rows, XmileSymbols sym) {
        List<String> header = rows.get(0);
        int n = rows.size() - 1;
        double[] times = new double[n];
        for (int r = 0; r < n; r++) times[r] = number(imp, ref, rows.get(r + 1), 0);
        for (int r = 1; r < n; r++) {
            if (times[r] <= times[r - 1]) throw new ModelException(imp.pos, "data import '" + ref + "': times must increase (row " + (r + 2) + ")");
        }
        for (int col = 1; col < header.size(); col++) {
            String name = XmileSymbols.displayName(header.get(col));
            Var v = sym.var(name);
            if (v == null) v = sym.varInModule(name);
            if (v == null) throw new ModelException(imp.pos, "data import '" + ref + "': column '" + name + "' names no variable of the model");
            double[] ys = new double[n];
            for (int r = 0; r < n; r++) ys[r] = number(imp, ref, rows.get(r + 1), col);
            v.series = new double[][] {times, ys};
        }
    }

    private static double number(Element imp, String ref, List<String> row, int col) {
        String s = col < row.size() ? row.get(col) : "";
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ModelException(imp.pos, "data import '" + ref + "': '" + s + "' is not a number");
        }
    }
}
