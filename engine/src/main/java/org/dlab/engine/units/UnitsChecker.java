package org.dlab.engine.units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.AnalyzedModel;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;

/**
 * Checks the units of an analysed model as Vensim's Units Check does: each equation's right-hand
 * side against its declared units, each stock's net flow against the stock's units per time
 * unit (TIME STEP's units), and the rules of each operator and function along the way.
 *
 * <p>Variables without declared units are unknown and agree with anything; they are only
 * counted. Hidden variables (the stocks of SMOOTH, DELAY, INTEG inside expressions...) have no
 * declared units: theirs are inferred from their input, and what goes wrong inside them is
 * reported at the user's equation that called the function.
 */
public final class UnitsChecker {
    /** The outcome: findings in model order, and what could not be checked. */
    public record Report(List<Finding> findings, int equations, List<String> withoutUnits, Units timeUnit) {
        public boolean consistent() {
            return findings.isEmpty();
        }
    }

    private final AnalyzedModel model;
    private final UnitParser parser;
    private final Map<ScalarVar, Units> declared = new HashMap<>();
    private final Map<ScalarVar, Units> hidden = new HashMap<>();
    private final Map<String, Units> lookups = new HashMap<>();
    private final Set<Finding> findings = new LinkedHashSet<>();
    private final Set<String> withoutUnits = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<Pos> equations = new java.util.HashSet<>();
    private Inference inference;

    private UnitsChecker(AnalyzedModel model, UnitSynonyms synonyms) {
        this.model = model;
        this.parser = new UnitParser(synonyms);
    }

    /** The inconsistencies of a model, using the unit synonyms of its file when it can be read. */
    public static List<Finding> check(AnalyzedModel model) {
        return run(model).findings();
    }

    public static Report run(AnalyzedModel model) {
        return run(model, UnitSynonyms.forModel(model.source()));
    }

    public static Report run(AnalyzedModel model, UnitSynonyms synonyms) {
        return new UnitsChecker(model, synonyms).go();
    }

    private Report go() {
        Map<String, Parsed> parsed = new HashMap<>();
        for (ScalarVar v : model.vars()) {
            if (v.hidden) continue;
            if (v.pos.line() > 0) equations.add(v.pos);
            Units u = declaredUnits(v, parsed);
            if (u != null) declared.put(v, u);
            else if (v.pos.line() > 0 && UnitParser.stripRange(v.units).isEmpty()) withoutUnits.add(baseName(v.name));
        }
        collectLookups();
        inference = new Inference(declared, hidden, lookups, model.states(), timeUnit());
        inferHidden();
        for (ScalarVar v : model.vars()) {
            Inference.Sink sink = sinkFor(v);
            if (v.hidden) checkHidden(v, sink);
            else checkDeclared(v, sink);
        }
        List<Finding> out = new ArrayList<>(findings);
        out.sort(Comparator.comparing((Finding f) -> f.pos().file())
                .thenComparingInt(f -> f.pos().line()).thenComparingInt(f -> f.pos().column()));
        return new Report(out, equations.size(), List.copyOf(withoutUnits), inference.time());
    }

    /** A units field read once: its units, or why it could not be read. */
    private record Parsed(Units units, String error) {}

    /** Parsed once per distinct text; unreadable units are a finding (at each equation) and count as unknown. */
    private Units declaredUnits(ScalarVar v, Map<String, Parsed> parsed) {
        String text = v.units == null ? "" : v.units;
        Parsed p = parsed.computeIfAbsent(text, t -> {
            try {
                return new Parsed(parser.parse(t), null);
            } catch (UnitParser.SyntaxError e) {
                return new Parsed(null, e.getMessage());
            }
        });
        if (p.error() != null) findings.add(new Finding(v.pos, "'" + baseName(v.name) + "': cannot read " + p.error()));
        return p.units();
    }

    /** TIME STEP's units give the time unit; INITIAL and FINAL TIME stand in when it has none. */
    private Units timeUnit() {
        for (ScalarVar v : new ScalarVar[] {model.timeStep(), model.initialTime(), model.finalTime()}) {
            Units u = v == null ? null : declared.get(v);
            if (u != null) return u;
        }
        return null;
    }

    /** The declared output units of named lookups (tables are not variables after analysis). */
    private void collectLookups() {
        for (Equation eq : model.source().equations()) {
            Equation.Definition d = eq.definition();
            boolean lookup = d instanceof Equation.Lookup
                    || d instanceof Equation.Data dd && "LOOKUP".equals(dd.mode())
                    || d instanceof Equation.Formula f && f.expr() instanceof Expr.Call c
                            && Names.key(c.function()).matches("get (xls|direct) lookups");
            if (!lookup) continue;
            try {
                Units u = parser.parse(eq.units());
                if (u != null) lookups.putIfAbsent(Names.key(eq.name()), u);
            } catch (UnitParser.SyntaxError e) {
                findings.add(new Finding(eq.pos(), "'" + eq.name() + "': cannot read " + e.getMessage()));
            }
        }
    }

    /**
     * Hidden variables refer to each other (a SMOOTH3's stages, a stock's rate to the stock), so
     * their units are found by repeated passes: each pass fixes the ones whose inputs are now
     * known, until a pass changes nothing. Units, once found, never change, so this ends.
     */
    private void inferHidden() {
        List<ScalarVar> todo = new ArrayList<>();
        for (ScalarVar v : model.vars()) if (v.hidden) todo.add(v);
        boolean changed = true;
        while (changed && !todo.isEmpty()) {
            changed = false;
            for (java.util.Iterator<ScalarVar> it = todo.iterator(); it.hasNext(); ) {
                ScalarVar h = it.next();
                Units u = hiddenUnits(h);
                if (u != null) {
                    hidden.put(h, u);
                    it.remove();
                    changed = true;
                }
            }
        }
    }

    private Units hiddenUnits(ScalarVar h) {
        Inference.Sink quiet = Inference.SILENT;
        return switch (h.kind) {
            case STOCK -> {
                // a smoothing stage follows its input; a wrong initial value is then the finding
                Units u = inference.of(adjustmentTarget(h), quiet);
                if (u == null) u = inference.of(h.initial, quiet);
                if (u != null) yield u;
                // an initial value given as a bare number: the net flow tells the units instead
                Units r = inference.of(withoutEngineFactor(h, h.rate), quiet);
                yield r == null || inference.time() == null ? null : r.times(inference.time());
            }
            case DISCRETE -> {
                Units u = inference.of(h.initial, quiet);
                yield u != null ? u : inference.of(h.rate, quiet);
            }
            case AUX, INITIAL -> {
                Units e = inference.of(withoutEngineFactor(h, h.expr), quiet);
                yield e != null || h.initial == h.expr ? e : inference.of(withoutEngineFactor(h, h.initial), quiet);
            }
        };
    }

    /**
     * A smoothing stage's rate is (target - stock) / time: the stock has the target's units,
     * whatever the time's units (which the rate check then judges). Null for other shapes.
     */
    private static Node adjustmentTarget(ScalarVar h) {
        Node r = h.rate;
        if (r instanceof Node.Bin b && (b.op() == Expr.BinOp.DIV || b.op() == Expr.BinOp.MUL)) r = b.left();
        if (r instanceof Node.Bin b && b.op() == Expr.BinOp.SUB && b.right() instanceof Node.Var v && v.var() == h) {
            return b.left();
        }
        return null;
    }

    private void checkDeclared(ScalarVar v, Inference.Sink sink) {
        Units u = declared.get(v);
        if (v.kind == ScalarVar.Kind.STOCK) {
            expect(inference.of(v.initial, sink), u, sink, "the initial value has units %s, declared %s");
            expectFlow(inference.of(v.rate, sink), u, sink, "");
            return;
        }
        expect(inference.of(v.initial, sink), u, sink, "the equation gives units %s, declared %s");
        if (v.expr != null && v.expr != v.initial) {
            expect(inference.of(v.expr, sink), u, sink, "the equation gives units %s, declared %s");
        }
        if (v.rate != null) expect(inference.of(v.rate, sink), u, sink, "the next value has units %s, declared %s");
    }

    private void checkHidden(ScalarVar h, Inference.Sink sink) {
        Units u = hidden.get(h);
        switch (h.kind) {
            case STOCK -> {
                expect(inference.of(h.initial, sink), u, sink, "the initial value has units %s, the input %s");
                expectFlow(inference.of(withoutEngineFactor(h, h.rate), sink), u, sink, delayHint(h));
            }
            case DISCRETE -> Inference.same(inference.of(h.initial, sink), inference.of(h.rate, sink), sink,
                    "the initial value has units %s, the input %s");
            case AUX, INITIAL -> {
                Units e = inference.of(withoutEngineFactor(h, h.expr), sink);
                if (h.initial != h.expr) {
                    Inference.same(e, inference.of(withoutEngineFactor(h, h.initial), sink), sink, "the value has units %s, the initial value %s");
                }
            }
        }
    }

    private static void expect(Units actual, Units expected, Inference.Sink sink, String format) {
        if (actual != null && expected != null && !actual.equals(expected)) {
            sink.report(String.format(format, actual, expected));
        }
    }

    /** A stock's net flow is in the stock's units per time unit. */
    private void expectFlow(Units flow, Units stock, Inference.Sink sink, String hint) {
        Units time = inference.time();
        if (flow == null || stock == null || time == null) return;
        Units want = stock.divide(time);
        if (!flow.equals(want)) {
            sink.report("the net flow has units " + flow + ", expected " + want + " (stock units per " + time + ")" + hint);
        }
    }

    /** SMOOTH and DELAY stages go wrong when the delay time is not in the time unit: say so. */
    private String delayHint(ScalarVar h) {
        String fn = function(h);
        boolean delayTime = fn.startsWith("SMOOTH") || fn.startsWith("DELAY") || fn.equals("TREND") || fn.equals("FORECAST");
        return delayTime && inference.time() != null ? "; is its delay time in " + inference.time() + "?" : "";
    }

    // ---- where findings go ----

    private Inference.Sink sinkFor(ScalarVar v) {
        if (!v.hidden) {
            String subject = "'" + baseName(v.name) + "': ";
            return m -> findings.add(new Finding(v.pos, subject + m));
        }
        // inside a macro the units depend on the call; Vensim checks macros on their own
        if (v.name.matches("(?s).*#\\d+\\..*")) return Inference.SILENT;
        String subject = "'" + baseName(v.name) + "' (in its " + function(v) + "): ";
        return m -> findings.add(new Finding(v.pos, subject + m));
    }

    /** A variable's name without subscripts or the label of a hidden variable. */
    static String baseName(String name) {
        int cut = name.length();
        int hash = name.indexOf('#');
        if (hash >= 0) cut = hash;
        int bracket = name.indexOf('[');
        if (bracket >= 0 && bracket < cut) cut = bracket;
        return name.substring(0, cut).strip();
    }

    private static String label(ScalarVar h) {
        int first = h.name.indexOf('#');
        int last = h.name.lastIndexOf('#');
        return first >= 0 && last > first ? h.name.substring(first + 1, last) : "";
    }

    /** The builtin a hidden variable was made for, from its label ({@code owner#label#n}). */
    static String function(ScalarVar h) {
        String label = label(h);
        String[][] byPrefix = {
            {"smooth", "SMOOTH"}, {"delay", "DELAY"},
            {"trend", "TREND"}, {"forecast", "FORECAST"}, {"integ", "INTEG"}, {"sample", "SAMPLE IF TRUE"},
            {"active initial", "ACTIVE INITIAL"}, {"initial", "INITIAL"}, {"macro input", "macro call"},
        };
        for (String[] p : byPrefix) if (label.startsWith(p[0])) return p[1];
        return label.isEmpty() ? "expansion" : label.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * The engine's own numbers in an expansion (SMOOTH3's delay / 3, DELAY N's order * flow) are
     * plain counts, unlike the modeller's bare numbers, which stay unknown. Only these known
     * shapes, in hidden variables of these labels, are read through.
     */
    private static Node withoutEngineFactor(ScalarVar h, Node n) {
        String label = label(h);
        boolean scaled = label.equals("smooth stage time") || label.equals("delay stage time")
                || label.matches("delayN\\d+");
        if (!scaled || !(n instanceof Node.Bin b)) return n;
        if (b.op() == Expr.BinOp.DIV && b.right() instanceof Node.Const) return b.left();
        if (b.op() == Expr.BinOp.MUL && b.left() instanceof Node.Const) return b.right();
        return n;
    }
}
