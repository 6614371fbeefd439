package org.dlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.run.InfluenceDiagram;
import org.dlab.engine.run.Model;

/**
 * A model's structure for the Model page: every equation as written (with its units,
 * documentation, {comments} and group), the causal-loop diagram the engine derives, and the
 * SVG figures kept beside the model file. Built once per target, then shared.
 */
public final class ModelStructure {
    /** Diagram figures beside a model larger than this are not offered. */
    private static final long MAX_FIGURE_BYTES = 4 << 20;
    private static final int MAX_FIGURES = 20;
    private static final int MAX_EQUATION_CHARS = 4000;
    private static final Pattern GROUP = Pattern.compile("\\*{5,}[ \\t]*\\r?\\n[ \\t]*\\.([^\\r\\n]*)\\r?\\n[ \\t]*\\*{5,}~([^|]*)\\|");
    private static final Pattern COMMENT = Pattern.compile("\\{([^}]*)\\}");

    public record EquationInfo(String name, String kind, String units, String doc, String equation, List<String> comments, String group, int line,
            List<String> variables) {}

    record Group(String name, String doc) {}

    record Structure(String id, String kind, String file, int stocks, List<Group> groups, List<EquationInfo> equations) {}

    record Node(String name, boolean stock) {}

    record Diagram(String id, List<Node> nodes, List<InfluenceDiagram.Edge> edges, List<InfluenceDiagram.Loop> loops, List<String> figures) {}

    private final Structure structure;
    private final Diagram diagram;
    private final Map<String, Path> figures;

    ModelStructure(Target t, Path modelFile) {
        Model m = t.model;
        Read r = read(m, modelFile);
        List<EquationInfo> eqs = r.equations();
        int stocks = (int) eqs.stream().filter(x -> x.kind().equals("stock")).count();
        structure = new Structure(t.id, t.kind, modelFile.getFileName().toString(), stocks, r.groups(), eqs);

        InfluenceDiagram d = InfluenceDiagram.of(m, 20).withoutSinks();
        List<Node> nodes = new ArrayList<>();
        for (String n : d.nodes()) {
            ScalarVar v = m.variable(n);
            nodes.add(new Node(n, v != null && v.kind == ScalarVar.Kind.STOCK));
        }
        figures = figures(modelFile.getParent());
        diagram = new Diagram(t.id, nodes, d.edges(), d.loops(8, 200), List.copyOf(figures.keySet()));
    }

    /** The groups (Vensim view headers) and equations of a model file, each with its definition as written. */
    private record Read(List<Group> groups, List<EquationInfo> equations) {}

    /**
     * The model's equations as the simulator shows them (name, kind, units, documentation, the
     * definition as written, the group it sits in); the published site writes the same into its data.
     */
    public static List<EquationInfo> equationsOf(Model m, Path modelFile) {
        return read(m, modelFile).equations();
    }

    private static Read read(Model m, Path modelFile) {
        String text = readText(modelFile);
        boolean vensim = modelFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mdl");
        int[] lineStarts = lineStarts(text);
        // groups in file order, so an equation belongs to the last header above it
        List<Integer> groupAt = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        if (vensim) {
            Matcher g = GROUP.matcher(text);
            while (g.find()) {
                groupAt.add(g.start());
                groups.add(new Group(g.group(1).trim(), g.group(2).replaceAll("\\s+", " ").trim()));
            }
        }
        Map<String, List<String>> elements = new HashMap<>();
        for (String v : m.variableNames()) {
            int b = v.indexOf('[');
            elements.computeIfAbsent(Names.key(b < 0 ? v : v.substring(0, b)), k -> new ArrayList<>()).add(v);
        }
        List<EquationInfo> eqs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Equation e : m.plan().model().source().equations()) {
            int line = e.pos().line();
            int offset = line > 0 && line <= lineStarts.length ? lineStarts[line - 1] + Math.max(0, e.pos().column() - 1) : -1;
            String source = offset < 0 || offset >= text.length() ? "" : vensim ? definition(text, offset) : xmileDefinition(text, offset);
            List<String> comments = new ArrayList<>();
            Matcher c = COMMENT.matcher(source);
            while (c.find()) comments.add(c.group(1).trim());
            String group = null;
            for (int i = 0; i < groupAt.size() && groupAt.get(i) < offset; i++) group = groups.get(i).name();
            List<String> vars = new ArrayList<>();
            for (String v : elements.getOrDefault(Names.key(e.name()), List.of())) if (m.slotOf(v) >= 0) vars.add(v);
            String key = Names.key(e.name());
            // subscripted variables are often written as several equations: one entry per equation, the variables on the first
            if (seen.containsKey(key)) vars = List.of();
            seen.merge(key, 1, Integer::sum);
            eqs.add(new EquationInfo(e.name(), kind(e, m), e.units(), e.doc(), source, comments, group, line, vars));
        }
        return new Read(groups, eqs);
    }

    Structure structure() {
        return structure;
    }

    Diagram diagram() {
        return diagram;
    }

    /** An SVG figure by name; names come from the listing made at start, never from the request as a path. */
    byte[] figure(String name) {
        Path p = figures.get(name);
        if (p == null) throw new ApiException(404, "name", "no figure '" + name + "'; this model has: " + String.join(", ", figures.keySet()));
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ApiException(404, "name", "figure '" + name + "' cannot be read");
        }
    }

    private static Map<String, Path> figures(Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (dir == null) return out;
        List<Path> svgs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.svg")) {
            for (Path p : ds) svgs.add(p);
        } catch (IOException e) {
            return out;
        }
        svgs.sort(null);
        for (Path p : svgs) {
            try {
                // a link pointing elsewhere is not the model's figure
                if (out.size() < MAX_FIGURES && Files.isRegularFile(p) && p.toRealPath().getParent().equals(dir.toRealPath())
                        && Files.size(p) <= MAX_FIGURE_BYTES) {
                    out.put(p.getFileName().toString(), p);
                }
            } catch (IOException ignored) {
                // unreadable: not offered
            }
        }
        return out;
    }

    private static String kind(Equation e, Model m) {
        Equation.Definition d = e.definition();
        if (d instanceof Equation.Stock) return "stock";
        if (d instanceof Equation.Lookup) return "lookup";
        if (d instanceof Equation.Data) return "data";
        if (d instanceof Equation.ConstantList || d instanceof Equation.Unchangeable) return "constant";
        if (d instanceof Equation.Formula f && isNumber(f.expr())) return "constant";
        ScalarVar v = m.variable(e.name());
        if (v == null) {
            for (String n : m.variableNames()) {
                if (n.startsWith(e.name() + "[")) {
                    v = m.variable(n);
                    break;
                }
            }
        }
        // computed once at the start (INITIAL, or an expression of constants only)
        if (v != null && (v.kind == ScalarVar.Kind.INITIAL || v.kind == ScalarVar.Kind.AUX && !m.plan().info(v).computedEachStep())) return "initial";
        return "auxiliary";
    }

    private static boolean isNumber(Expr e) {
        if (e instanceof Expr.Num) return true;
        return e instanceof Expr.Unary u && isNumber(u.operand());
    }

    private static final Pattern XMILE_PART = Pattern.compile("<(eqn|inflow|outflow)>([^<]*)</\\1>");

    /**
     * An XMILE variable's definition as written: its equation, and a stock's flows, from the
     * element starting at {@code start} to its end tag (bounded; entities decoded).
     */
    static String xmileDefinition(String text, int start) {
        int gt = text.indexOf('>', start);
        if (gt < 0 || text.charAt(start) != '<') return "";
        String tag = text.substring(start + 1, gt).split("[\\s/>]", 2)[0];
        int end = text.indexOf("</" + tag + ">", gt);
        if (end < 0 || end - start > 64 * MAX_EQUATION_CHARS) return "";
        Matcher m = XMILE_PART.matcher(text.substring(gt + 1, end));
        StringBuilder eqn = new StringBuilder();
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String v = m.group(2).strip().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
            if (m.group(1).equals("inflow")) in.add(v);
            else if (m.group(1).equals("outflow")) out.add(v);
            else if (eqn.isEmpty()) eqn.append(v);
        }
        String s = eqn.toString();
        if (!in.isEmpty() || !out.isEmpty()) {
            // a stock: its net flow as Vensim would write it, then its initial value
            StringBuilder rate = new StringBuilder();
            for (String f : in) rate.append(rate.isEmpty() ? "" : " + ").append(f);
            for (String f : out) rate.append(rate.isEmpty() ? "-" : " - ").append(f);
            s = "INTEG(" + rate + ", " + s + ")";
        }
        return s.length() > MAX_EQUATION_CHARS ? s.substring(0, MAX_EQUATION_CHARS) + "…" : s;
    }

    /** The definition as written: from the name to the first '~' outside quotes. */
    static String definition(String text, int start) {
        boolean inQuote = false;
        int end = text.length();
        for (int k = start; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '"') inQuote = !inQuote;
            else if (inQuote && c == '\\') k++;
            else if (!inQuote && (c == '~' || c == '|')) {
                end = k;
                break;
            } else if (!inQuote && c == '{') {
                int close = text.indexOf('}', k);
                if (close >= 0) k = close;
            }
        }
        String s = text.substring(start, end).strip().replaceAll("\\\\\\s*\\r?\\n\\s*", " ").replaceAll("\\s*\\r?\\n\\s*", "\n");
        return s.length() > MAX_EQUATION_CHARS ? s.substring(0, MAX_EQUATION_CHARS) + "…" : s;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e2) {
                return "";
            }
        }
    }

    private static int[] lineStarts(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
        int[] starts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts[k++] = i + 1;
        return starts;
    }
}
