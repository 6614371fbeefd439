package org.dlab.workbench.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.analysis.Calibration;
import org.dlab.workbench.study.YamlTree;
import org.dlab.workbench.study.YamlTree.Entry;
import org.dlab.workbench.study.YamlTree.Mapping;
import org.dlab.workbench.study.YamlTree.Node;
import org.dlab.workbench.study.YamlTree.Scalar;
import org.dlab.workbench.study.YamlTree.Sequence;

/**
 * A calibration file ({@code dlab calibrate MODEL --data FILE --params FILE.yaml}): which constants
 * to fit within which ranges, the fixed settings of the runs, which data columns go with which
 * model variables, how to read a data file that is not in the simple format, and the optimizer.
 *
 * <pre>
 * base: ../historical-2000.yaml    # optional: time and constants from another file of this form
 * time: {start: 2000, end: 2018, step: 0.0625, saveper: 1}
 * constants: {"New mechanisms switch": 0}
 * parameters:
 *   - {name: "ROK fatigue", low: 0, high: 0.5, initial: 0.116}
 * series:                          # optional with the simple data format (then: every data column)
 *   - {variable: "Defense spending[ROK]", column: "Korea, South", scale: 0.001, weight: 1}
 * data: {layout: wide, encoding: latin-1, from: 2000, to: 2018}   # optional
 * optimizer: {method: bobyqa, starts: 3, max_evaluations: 3000, level: 0.95}          # optional
 * </pre>
 */
public record CalibrationSpec(Path file, Map<String, Double> time, Map<String, Double> constants, List<Parameter> parameters, List<SeriesMap> series,
        DataFormat data, Calibration.Options optimizer) {
    /** Bounds on what a user sets. */
    public static final int MAX_PARAMETERS = 50;
    public static final int MAX_EVALUATIONS = 1_000_000;
    public static final int MAX_STARTS = 1000;

    public record Parameter(String name, double low, double high, double initial, Pos pos) {}

    /**
     * A data column (simple format) or row (wide format) matched to a model variable; observed
     * values are multiplied by {@code scale} (e.g. 0.001 for US$ m to US$ bn), squared errors by {@code weight}.
     */
    public record SeriesMap(String variable, String column, double scale, double weight, Pos pos) {}

    /**
     * @param wide rows are series (first cell the name) and the header holds the times, as SIPRI
     *     publishes; otherwise a {@code Time} column and one column per series
     * @param from, to the times kept (NaN: all)
     */
    public record DataFormat(boolean wide, String encoding, double from, double to) {
        public static final DataFormat SIMPLE = new DataFormat(false, "UTF-8", Double.NaN, Double.NaN);
    }

    public static CalibrationSpec parse(Path file) {
        String text = read(file);
        Node root = YamlTree.parse(text, file.toString());
        Map<String, Entry> top = mapping(root, "the calibration file", Set.of("base", "model", "description", "time", "constants", "parameters", "series", "data", "optimizer"));
        Map<String, Double> time = new LinkedHashMap<>();
        Map<String, Double> constants = new LinkedHashMap<>();
        if (top.containsKey("base")) {
            // the base contributes its time and constants only; this file's own entries win
            Path base = resolve(file, string(top.get("base").value(), "base"));
            if (!Files.isRegularFile(base)) throw new ModelException(top.get("base").value().pos(), "no such file: " + base);
            Node b = YamlTree.parse(read(base), base.toString());
            Map<String, Entry> bm = mapping(b, "the base file", null);
            if (bm.containsKey("time")) time.putAll(time(bm.get("time").value()));
            if (bm.containsKey("constants")) constants.putAll(numbers(bm.get("constants").value(), "constants"));
        }
        if (top.containsKey("time")) time.putAll(time(top.get("time").value()));
        if (top.containsKey("constants")) constants.putAll(numbers(top.get("constants").value(), "constants"));
        if (!top.containsKey("parameters")) throw new ModelException(root.pos(), "the calibration file needs 'parameters' (the constants to fit)");
        List<Parameter> params = new ArrayList<>();
        for (Node n : list(top.get("parameters").value(), "parameters")) params.add(parameter(n));
        if (params.isEmpty()) throw new ModelException(top.get("parameters").value().pos(), "no parameters to fit");
        if (params.size() > MAX_PARAMETERS) throw new ModelException(top.get("parameters").value().pos(), "at most " + MAX_PARAMETERS + " parameters");
        for (int i = 0; i < params.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (params.get(i).name().equals(params.get(j).name())) throw new ModelException(params.get(i).pos(), "parameter '" + params.get(i).name() + "' is listed twice");
            }
            if (constants.containsKey(params.get(i).name())) constants.remove(params.get(i).name());
        }
        List<SeriesMap> series = new ArrayList<>();
        if (top.containsKey("series")) for (Node n : list(top.get("series").value(), "series")) series.add(seriesMap(n));
        DataFormat data = top.containsKey("data") ? data(top.get("data").value()) : DataFormat.SIMPLE;
        if (data.wide() && series.isEmpty()) throw new ModelException(top.get("data").value().pos(), "a wide data file needs 'series' naming the rows to use");
        Calibration.Options opt = top.containsKey("optimizer") ? optimizer(top.get("optimizer").value()) : new Calibration.Options(Calibration.Method.BOBYQA, 5000, 3, 1, 0.95, false);
        return new CalibrationSpec(file, time, constants, params, series, data, opt);
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) throw new ModelException(new Pos(file.toString(), 0, 0), "no such calibration file");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException(new Pos(file.toString(), 0, 0), "cannot read: " + e.getMessage());
        }
    }

    static Path resolve(Path file, String rel) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of(rel) : dir.resolve(rel).normalize();
    }

    private static Map<String, Entry> mapping(Node n, String what, Set<String> allowed) {
        if (!(n instanceof Mapping m)) throw new ModelException(n.pos(), what + " must be a mapping (key: value)");
        if (allowed != null) {
            for (Entry e : m.entries().values()) {
                if (!allowed.contains(e.key())) {
                    throw new ModelException(e.keyPos(), "unknown key '" + e.key() + "' in " + what + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }
        return m.entries();
    }

    private static List<Node> list(Node n, String what) {
        if (!(n instanceof Sequence s)) throw new ModelException(n.pos(), what + " must be a list");
        return s.items();
    }

    private static String string(Node n, String what) {
        if (!(n instanceof Scalar s) || s.type() == YamlTree.ScalarType.NULL) throw new ModelException(n.pos(), what + " must be text");
        return s.text();
    }

    private static double number(Node n, String what) {
        if (!(n instanceof Scalar s) || !s.isNumber()) throw new ModelException(n.pos(), what + " must be a number");
        double v = Double.parseDouble(s.text());
        if (!Double.isFinite(v)) throw new ModelException(n.pos(), what + " must be finite");
        return v;
    }

    private static Map<String, Double> numbers(Node n, String what) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Entry e : mapping(n, what, null).values()) out.put(e.key(), number(e.value(), e.key()));
        return out;
    }

    private static final Map<String, String> TIME_KEYS = Map.of("start", "INITIAL TIME", "end", "FINAL TIME", "step", "TIME STEP", "saveper", "SAVEPER");

    private static Map<String, Double> time(Node n) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Entry e : mapping(n, "time", TIME_KEYS.keySet()).values()) {
            double v = number(e.value(), e.key());
            if ((e.key().equals("step") || e.key().equals("saveper")) && !(v > 0)) throw new ModelException(e.value().pos(), e.key() + " must be positive");
            out.put(TIME_KEYS.get(e.key()), v);
        }
        return out;
    }

    private static Parameter parameter(Node n) {
        Map<String, Entry> m = mapping(n, "a parameter", Set.of("name", "low", "high", "initial", "description"));
        if (!m.containsKey("name") || !m.containsKey("low") || !m.containsKey("high")) throw new ModelException(n.pos(), "a parameter needs name, low and high");
        String name = string(m.get("name").value(), "name");
        double low = number(m.get("low").value(), "low");
        double high = number(m.get("high").value(), "high");
        if (!(low < high)) throw new ModelException(m.get("high").value().pos(), "high must be above low");
        double initial = m.containsKey("initial") ? number(m.get("initial").value(), "initial") : (low + high) / 2;
        if (initial < low || initial > high) throw new ModelException(m.get("initial").value().pos(), "initial must be within low and high");
        return new Parameter(name, low, high, initial, m.get("name").value().pos());
    }

    private static SeriesMap seriesMap(Node n) {
        Map<String, Entry> m = mapping(n, "a series", Set.of("variable", "column", "row", "scale", "weight"));
        if (!m.containsKey("variable")) throw new ModelException(n.pos(), "a series needs 'variable' (the model variable)");
        String variable = string(m.get("variable").value(), "variable");
        if (m.containsKey("column") && m.containsKey("row")) throw new ModelException(n.pos(), "give column or row, not both");
        String column = m.containsKey("column") ? string(m.get("column").value(), "column") : m.containsKey("row") ? string(m.get("row").value(), "row") : variable;
        double scale = m.containsKey("scale") ? number(m.get("scale").value(), "scale") : 1;
        double weight = m.containsKey("weight") ? number(m.get("weight").value(), "weight") : 1;
        if (!(weight >= 0)) throw new ModelException(m.get("weight").value().pos(), "weight must be 0 or more");
        return new SeriesMap(variable, column, scale, weight, m.get("variable").value().pos());
    }

    private static DataFormat data(Node n) {
        Map<String, Entry> m = mapping(n, "data", Set.of("layout", "encoding", "from", "to"));
        boolean wide = false;
        if (m.containsKey("layout")) {
            String l = string(m.get("layout").value(), "layout").toLowerCase(Locale.ROOT);
            if (!l.equals("wide") && !l.equals("simple")) throw new ModelException(m.get("layout").value().pos(), "layout must be simple or wide");
            wide = l.equals("wide");
        }
        String enc = m.containsKey("encoding") ? string(m.get("encoding").value(), "encoding") : "UTF-8";
        // Python's spelling, common in data notes, is not one of Java's aliases
        if (enc.equalsIgnoreCase("latin-1")) enc = "ISO-8859-1";
        try {
            java.nio.charset.Charset.forName(enc);
        } catch (RuntimeException e) {
            throw new ModelException(m.get("encoding").value().pos(), "unknown encoding '" + enc + "'");
        }
        double from = m.containsKey("from") ? number(m.get("from").value(), "from") : Double.NaN;
        double to = m.containsKey("to") ? number(m.get("to").value(), "to") : Double.NaN;
        return new DataFormat(wide, enc, from, to);
    }

    private static Calibration.Options optimizer(Node n) {
        Map<String, Entry> m = mapping(n, "optimizer", Set.of("method", "starts", "max_evaluations", "level", "seed", "inverse_variance_weights"));
        Calibration.Method method = Calibration.Method.BOBYQA;
        if (m.containsKey("method")) method = method(string(m.get("method").value(), "method"), m.get("method").value().pos());
        int starts = m.containsKey("starts") ? (int) bounded(m.get("starts").value(), "starts", 1, MAX_STARTS) : 3;
        int evals = m.containsKey("max_evaluations") ? (int) bounded(m.get("max_evaluations").value(), "max_evaluations", 10, MAX_EVALUATIONS) : 5000;
        double level = m.containsKey("level") ? number(m.get("level").value(), "level") : 0.95;
        if (!(level > 0 && level < 1)) throw new ModelException(m.get("level").value().pos(), "level must be between 0 and 1, e.g. 0.95");
        long seed = m.containsKey("seed") ? (long) number(m.get("seed").value(), "seed") : 1;
        boolean inv = m.containsKey("inverse_variance_weights") && string(m.get("inverse_variance_weights").value(), "inverse_variance_weights").equals("true");
        return new Calibration.Options(method, evals, starts, seed, level, inv);
    }

    /** bobyqa or nelder-mead; a bad name is a ModelException at {@code at}. */
    public static Calibration.Method method(String text, Pos at) {
        switch (text.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "bobyqa": return Calibration.Method.BOBYQA;
            case "nelder-mead": case "simplex": return Calibration.Method.NELDER_MEAD;
            default: throw new ModelException(at, "method must be bobyqa or nelder-mead, not '" + text + "'");
        }
    }

    private static double bounded(Node n, String what, double lo, double hi) {
        double v = number(n, what);
        if (v != Math.rint(v) || v < lo || v > hi) throw new ModelException(n.pos(), what + " must be a whole number from " + (long) lo + " to " + (long) hi);
        return v;
    }
}
