package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.functions.Library;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Macro;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.ir.Pos;

/**
 * Turns a parsed model into scalar variables: resolves names (Vensim's identity rules),
 * expands subscripts into one scalar per element, expands macros and stateful functions
 * (SMOOTH3 becomes three hidden stocks) and checks references. Ordering is the
 * {@link Planner}'s job.
 */
public final class Analyzer {
    /** A named variable as declared: its equations, display name and macro scope. */
    static final class VarDef {
        final String name;
        final String key;
        final Scope scope;
        final List<Equation> equations = new ArrayList<>();
        boolean lookup;

        VarDef(String name, String key, Scope scope) {
            this.name = name;
            this.key = key;
            this.scope = scope;
        }
    }

    /**
     * Names inside one expansion of a macro: inputs bound to nodes, locals renamed, and the
     * macros being expanded around it (to refuse a macro that calls itself, which would
     * otherwise expand without end).
     */
    record Scope(String prefix, Map<String, Node> inputs, Map<String, String> locals, List<String> macros) {
        static final Scope GLOBAL = new Scope("", Map.of(), Map.of(), List.of());
    }

    /** The context of translating one element's equation. */
    record Ctx(ScalarVar owner, Map<String, String> bindings, Map<String, String> reduce, Scope scope) {
        Ctx withReduce(Map<String, String> r) {
            return new Ctx(owner, bindings, r, scope);
        }
    }

    private record Pending(Equation eq, Map<String, String> bindings, Scope scope, int index) {}

    /** Most elements one subscripted variable may have, all variables together, and macro expansions. */
    static final long MAX_ELEMENTS = 1_000_000;
    static final long MAX_MODEL_ELEMENTS = 2_000_000;
    static final int MAX_MACRO_EXPANSIONS = 10_000;
    private long modelElements;

    private final ModelSource src;
    private final Subscripts subs;
    private final ExternalData data;
    private final org.dlab.engine.data.DataFiles dataFiles;
    private final Map<String, VarDef> defs = new LinkedHashMap<>();
    private final Map<String, Map<List<String>, ScalarVar>> elements = new HashMap<>();
    private final Map<String, Map<List<String>, Node.Table>> tables = new HashMap<>();
    private final Map<String, Macro> macros = new HashMap<>();
    private final List<ScalarVar> vars = new ArrayList<>();
    private final Map<ScalarVar, Pending> pending = new LinkedHashMap<>();
    private final Set<ScalarVar> translating = new LinkedHashSet<>();
    private final List<StateObject> states = new ArrayList<>();
    private int hiddenCount;
    private int macroCount;

    private Analyzer(ModelSource src, ExternalData data, org.dlab.engine.data.DataFiles dataFiles) {
        this.src = src;
        this.data = data;
        this.dataFiles = dataFiles;
        this.subs = new Subscripts(src.ranges(), data);
    }

    public static AnalyzedModel analyze(ModelSource src, ExternalData data) {
        return new Analyzer(src, data, org.dlab.engine.data.DataFiles.NONE).run();
    }

    /** With time series for the model's data variables (Vensim's external data). */
    public static AnalyzedModel analyze(ModelSource src, ExternalData data, org.dlab.engine.data.DataFiles dataFiles) {
        return new Analyzer(src, data, dataFiles).run();
    }

    private AnalyzedModel run() {
        for (Macro m : src.macros()) macros.put(Names.key(m.name()), m);
        for (Equation eq : src.equations()) declare(eq, Scope.GLOBAL, null);
        ensureControl("INITIAL TIME", 0);
        ensureControl("FINAL TIME", Double.NaN);
        ensureControl("TIME STEP", 1);
        if (!defs.containsKey("saveper")) {
            Pos at = Pos.NONE.withFile(src.fileName());
            Equation eq = new Equation(at, "SAVEPER", List.of(), List.of(),
                    new Equation.Formula(new Expr.Ref(at, "TIME STEP", List.of())), "", "");
            declare(eq, Scope.GLOBAL, null);
        }
        // refused here, at their definition, before anything refers to them as scalars
        for (String control : List.of("initial time", "final time", "time step", "saveper")) {
            for (Equation eq : defs.get(control).equations) {
                if (!eq.subscripts().isEmpty()) {
                    throw new ModelException(eq.pos(), "control variable '" + eq.name() + "' must not be subscripted");
                }
            }
        }
        for (VarDef d : List.copyOf(defs.values())) instantiate(d);
        // translating may instantiate macros, which add pending variables
        while (true) {
            List<ScalarVar> todo = new ArrayList<>();
            for (ScalarVar v : pending.keySet()) todo.add(v);
            if (todo.isEmpty()) break;
            for (ScalarVar v : todo) translate(v);
        }
        return new AnalyzedModel(src, List.copyOf(vars), List.copyOf(states), subs,
                elementOf("initial time"), elementOf("final time"), elementOf("time step"), elementOf("saveper"));
    }

    private ScalarVar elementOf(String key) {
        Map<List<String>, ScalarVar> m = elements.get(key);
        ScalarVar v = m == null ? null : m.get(List.of());
        if (v == null) throw new ModelException(Pos.NONE.withFile(src.fileName()), "control variable '" + key.toUpperCase() + "' must not be subscripted");
        return v;
    }

    private void ensureControl(String name, double value) {
        if (defs.containsKey(Names.key(name))) return;
        if (Double.isNaN(value)) {
            throw new ModelException(new Pos(src.fileName(), 0, 0), "the model does not define " + name);
        }
        declare(new Equation(new Pos(src.fileName(), 0, 0), name, List.of(), List.of(),
                new Equation.Formula(new Expr.Num(new Pos(src.fileName(), 0, 0), value)), "", ""), Scope.GLOBAL, null);
    }

    private void declare(Equation eq, Scope scope, String keyOverride) {
        String key = keyOverride != null ? keyOverride : Names.key(eq.name());
        VarDef d = defs.computeIfAbsent(key, k -> new VarDef(scope.prefix() + eq.name(), k, scope));
        d.equations.add(eq);
        if (eq.definition() instanceof Equation.Lookup
                || eq.definition() instanceof Equation.Data dd && "LOOKUP".equals(dd.mode())) {
            d.lookup = true;
        }
        if (eq.definition() instanceof Equation.Formula f && f.expr() instanceof Expr.Call c
                && Names.key(c.function()).matches("get (xls|direct) lookups")) {
            d.lookup = true;
        }
    }

    // ---- expanding left-hand sides ----

    private record Element(List<String> tuple, Map<String, String> bindings) {}

    private List<Element> expand(Equation eq) {
        List<List<String>> options = new ArrayList<>();
        List<String> bindKeys = new ArrayList<>();
        for (int si = 0; si < eq.subscripts().size(); si++) {
            String s = eq.subscripts().get(si);
            Subscripts.Range r = subs.range(s);
            if (r != null) {
                options.add(r.keys());
                bindKeys.add(r.key());
            } else if (subs.isElement(s)) {
                options.add(List.of(Names.key(s)));
                bindKeys.add(null);
            } else {
                throw new ModelException(eq.subscriptPos(si), "unknown subscript '" + s + "' in the definition of '" + eq.name() + "'");
            }
        }
        // each element becomes a variable of its own: a few ranges multiplied must not exhaust memory
        long count = 1;
        for (List<String> o : options) {
            count *= o.size();
            if (count > MAX_ELEMENTS) {
                throw new ModelException(eq.pos(), "'" + eq.name() + "' has more than " + MAX_ELEMENTS + " elements");
            }
        }
        List<Element> out = new ArrayList<>();
        int n = options.size();
        int[] idx = new int[n];
        while (true) {
            List<String> tuple = new ArrayList<>(n);
            Map<String, String> b = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                String e = options.get(k).get(idx[k]);
                tuple.add(e);
                if (bindKeys.get(k) != null) b.put(bindKeys.get(k), e);
            }
            if (!excluded(eq, tuple)) out.add(new Element(tuple, b));
            int k = n - 1;
            while (k >= 0 && ++idx[k] == options.get(k).size()) idx[k--] = 0;
            if (k < 0) break;
        }
        return out;
    }

    private boolean excluded(Equation eq, List<String> tuple) {
        for (List<String> ex : eq.except()) {
            if (ex.size() != tuple.size()) throw new ModelException(eq.pos(), ":EXCEPT: list has " + ex.size() + " subscripts, the variable " + tuple.size());
            boolean all = true;
            for (int k = 0; k < ex.size() && all; k++) {
                Subscripts.Range r = subs.range(ex.get(k));
                all = r != null ? r.keys().contains(tuple.get(k)) : Names.key(ex.get(k)).equals(tuple.get(k));
            }
            if (all) return true;
        }
        return false;
    }

    private String display(VarDef d, List<String> tuple) {
        if (tuple.isEmpty()) return d.name;
        StringBuilder b = new StringBuilder(d.name).append('[');
        for (int k = 0; k < tuple.size(); k++) b.append(k > 0 ? "," : "").append(subs.elementName(tuple.get(k)));
        return b.append(']').toString();
    }

    private void instantiate(VarDef d) {
        Map<List<String>, ScalarVar> els = elements.computeIfAbsent(d.key, k -> new LinkedHashMap<>());
        for (Equation eq : d.equations) {
            List<Element> expanded = expand(eq);
            if ((modelElements += expanded.size()) > MAX_MODEL_ELEMENTS) {
                throw new ModelException(eq.pos(), "the model has more than " + MAX_MODEL_ELEMENTS + " variable elements");
            }
            int index = 0;
            for (Element e : expanded) {
                if (d.lookup) {
                    tables.computeIfAbsent(d.key, k -> new LinkedHashMap<>()).put(e.tuple(), lookupTable(d, eq, e, index++, expanded.size()));
                    continue;
                }
                if (els.containsKey(e.tuple())) {
                    throw new ModelException(eq.pos(), "'" + display(d, e.tuple()) + "' is defined more than once");
                }
                ScalarVar v = new ScalarVar(display(d, e.tuple()), eq.pos(), !d.scope.prefix().isEmpty(),
                        eq.definition() instanceof Equation.Stock ? ScalarVar.Kind.STOCK : ScalarVar.Kind.AUX);
                v.units = eq.units();
                v.doc = eq.doc();
                els.put(e.tuple(), v);
                vars.add(v);
                pending.put(v, new Pending(eq, e.bindings(), d.scope, index++));
            }
        }
    }

    private Node.Table lookupTable(VarDef d, Equation eq, Element e, int index, int count) {
        if (eq.definition() instanceof Equation.Lookup l) return new Node.Table(display(d, e.tuple()), l.xs(), l.ys());
        // a name given a lookup table in one equation makes every equation of it a lookup
        Expr call = eq.definition() instanceof Equation.Data dd ? dd.expr()
                : eq.definition() instanceof Equation.Formula f ? f.expr() : null;
        if (!(call instanceof Expr.Call)) {
            throw new ModelException(eq.pos(), "'" + eq.name() + "' is defined both as a lookup and as a variable");
        }
        ExternalData.Series s = seriesFrom(call, eq, index, count);
        return new Node.Table(display(d, e.tuple()), s.times(), s.values()[0]);
    }

    // ---- translating right-hand sides ----

    private void translate(ScalarVar v) {
        Pending p = pending.remove(v);
        if (p == null) return;
        if (!translating.add(v)) throw new ModelException(v.pos, "'" + v.name + "' depends on itself while it is being defined");
        try {
            Ctx ctx = new Ctx(v, p.bindings(), Map.of(), p.scope());
            Equation.Definition def = p.eq().definition();
            if (def instanceof Equation.Formula f) {
                Node n = formula(f.expr(), ctx, p);
                v.initial = n;
                v.expr = n;
            } else if (def instanceof Equation.Unchangeable u) {
                // 'x == ...' is an ordinary constant that Vensim will not let a run change; its
                // right-hand side may read data like any formula (pymedeas: == GET DIRECT CONSTANTS)
                Node n = formula(u.expr(), ctx, p);
                v.initial = n;
                v.expr = n;
            } else if (def instanceof Equation.Stock st) {
                v.rate = node(st.rate(), ctx);
                v.initial = node(st.initial(), ctx);
                v.nonNegative = st.nonNegative();
            } else if (def instanceof Equation.ConstantList c) {
                List<Expr> flat = new ArrayList<>();
                for (List<Expr> row : c.rows()) flat.addAll(row);
                if (p.index() >= flat.size()) {
                    throw new ModelException(p.eq().pos(), "'" + p.eq().name() + "' lists " + flat.size() + " values for more elements");
                }
                Node n = node(flat.get(p.index()), ctx);
                v.initial = n;
                v.expr = n;
            } else if (def instanceof Equation.Data dd) {
                if (dd.expr() == null) {
                    org.dlab.engine.data.DataFiles.Series ser = dataFiles.get(v.name);
                    if (ser == null) {
                        throw new ModelException(p.eq().pos(), "data variable '" + v.name
                                + "' has no data: give a data file with a column of that name (dlab run --data FILE)");
                    }
                    Node.LookupMode mode = ":HOLD BACKWARD:".equals(dd.mode()) ? Node.LookupMode.BACKWARD
                            : ":LOOK FORWARD:".equals(dd.mode()) ? Node.LookupMode.FORWARD
                            : ":RAW:".equals(dd.mode()) ? Node.LookupMode.RAW : Node.LookupMode.INTERPOLATE;
                    Node.Table t = mode == Node.LookupMode.RAW ? new Node.Table(v.name, ser.times(), ser.values())
                            : withoutMissing(v.name, ser.times(), ser.values());
                    v.initial = new Node.Lookup(t, new Node.Time(), mode);
                    v.expr = v.initial;
                    return;
                }
                Node n = formula(dd.expr(), ctx, p);
                v.initial = n;
                v.expr = n;
            } else {
                throw new IllegalStateException("lookup as variable");
            }
        } finally {
            translating.remove(v);
        }
    }

    /** A formula, with the GET XLS/DIRECT family handled per element. */
    private Node formula(Expr e, Ctx ctx, Pending p) {
        if (e instanceof Expr.Call c) {
            String fk = Names.key(c.function());
            if (fk.matches("get (xls|direct) constants")) {
                return constantFromFile(c, p);
            }
            if (fk.matches("get (xls|direct) data")) {
                int count = countElements(p.eq());
                ExternalData.Series s = seriesFrom(c, p.eq(), p.index(), count);
                Node.Table t = new Node.Table(ctx.owner().name, s.times(), s.values()[0]);
                String mode = p.eq().definition() instanceof Equation.Data dd ? dd.mode() : null;
                Node.LookupMode m = ":HOLD BACKWARD:".equals(mode) ? Node.LookupMode.BACKWARD
                        : ":LOOK FORWARD:".equals(mode) ? Node.LookupMode.FORWARD : Node.LookupMode.INTERPOLATE;
                return new Node.Lookup(t, new Node.Time(), m);
            }
        }
        return node(e, ctx);
    }

    private int countElements(Equation eq) {
        return expand(eq).size();
    }

    private ExternalData.Series seriesFrom(Expr call, Equation eq, int index, int count) {
        if (!(call instanceof Expr.Call c) || c.args().size() < 4) {
            throw new ModelException(eq.pos(), "expected GET XLS/DIRECT DATA or LOOKUPS('file', 'sheet', 'time row or column', 'first cell')");
        }
        String[] a = strings(c, 4);
        ExternalData.Series all = dataFor(c).series(c.args().get(0).pos(), a[0], a[1], a[2], a[3], count);
        double[] ys = all.values()[Math.min(index, all.values().length - 1)];
        // missing values are skipped: the series interpolates (or holds) across them
        Node.Table t = withoutMissing("", all.times(), ys);
        return new ExternalData.Series(t.xs, new double[][] {t.ys});
    }

    private static Node.Table withoutMissing(String name, double[] times, double[] ys) {
        int n = 0;
        for (double y : ys) if (!Double.isNaN(y)) n++;
        double[] tx = new double[n];
        double[] ty = new double[n];
        for (int i = 0, k = 0; i < ys.length; i++) {
            if (!Double.isNaN(ys[i])) {
                tx[k] = times[i];
                ty[k++] = ys[i];
            }
        }
        return new Node.Table(name, tx, ty);
    }

    /** The reader for a GET XLS/DIRECT call (whose first argument, checked by the caller, names its file). */
    private ExternalData dataFor(Expr.Call c) {
        Expr.Str file = (Expr.Str) c.args().get(0);
        // the reader reports a missing file itself, naming it (and tries .xlsx for a missing .xls)
        if (data == null) throw new ModelException(c.pos(), "cannot read data file '" + file.value() + "': this build has no data file reader");
        return data;
    }

    private String[] strings(Expr.Call c, int n) {
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            if (!(c.args().get(k) instanceof Expr.Str s)) {
                throw new ModelException(c.args().get(k).pos(), "argument " + (k + 1) + " of " + c.function() + " must be a quoted string");
            }
            out[k] = s.value();
        }
        return out;
    }

    private Node constantFromFile(Expr.Call c, Pending p) {
        if (c.args().size() < 3) throw new ModelException(c.pos(), c.function() + " takes ('file', 'sheet', 'first cell')");
        String[] a = strings(c, 3);
        List<String> lhs = p.eq().subscripts();
        int rows = 1;
        int cols = 1;
        List<Integer> dimSizes = new ArrayList<>();
        for (String s : lhs) {
            Subscripts.Range r = subs.range(s);
            // a single element (or a one-element range) adds no direction to the block
            if (r != null && r.keys().size() > 1) dimSizes.add(r.keys().size());
        }
        if (dimSizes.size() == 1) cols = dimSizes.get(0);
        if (dimSizes.size() >= 2) {
            cols = dimSizes.get(dimSizes.size() - 1);
            rows = 1;
            for (int k = 0; k < dimSizes.size() - 1; k++) rows *= dimSizes.get(k);
        }
        double[][] block = dataFor(c).constants(c.args().get(0).pos(), a[0], a[1], a[2], rows, cols);
        int idx = p.index();
        return new Node.Const(block[idx / cols][idx % cols]);
    }

    Node node(Expr e, Ctx ctx) {
        if (e instanceof Expr.Num n) return new Node.Const(n.value());
        if (e instanceof Expr.Na) return new Node.Const(Library.NA);
        if (e instanceof Expr.Str s) throw new ModelException(s.pos(), "a quoted string is only allowed as a file, sheet or cell argument");
        if (e instanceof Expr.Table t) throw new ModelException(t.pos(), "a lookup table is only allowed as the argument of WITH LOOKUP");
        if (e instanceof Expr.Binary b) return new Node.Bin(b.op(), node(b.left(), ctx), node(b.right(), ctx));
        if (e instanceof Expr.Unary u) {
            return switch (u.op()) {
                case NEG -> new Node.Neg(node(u.operand(), ctx));
                case NOT -> new Node.Not(node(u.operand(), ctx));
                case PLUS -> node(u.operand(), ctx);
            };
        }
        if (e instanceof Expr.Ref r) return ref(r, ctx);
        if (e instanceof Expr.LookupCall l) {
            return new Node.Lookup(table(l.table(), ctx), node(l.x(), ctx), Node.LookupMode.INTERPOLATE);
        }
        return call((Expr.Call) e, ctx);
    }

    private Node ref(Expr.Ref r, Ctx ctx) {
        String key = Names.key(r.name());
        // inside a macro, Vensim's name$ is the main model's variable (Time$, TIME STEP$); a
        // variable whose own name ends in $ (Earth4All's "Govmnt debt G$") keeps its name
        boolean global = key.endsWith("$") && !ctx.scope().locals().containsKey(key) && !ctx.scope().inputs().containsKey(key)
                && !defs.containsKey(key);
        if (global) key = key.substring(0, key.length() - 1).strip();
        if (r.subs().isEmpty()) {
            Node in = global ? null : ctx.scope().inputs().get(key);
            if (in != null) return in;
            if (key.equals("time")) return new Node.Time();
        }
        String target = global ? key : ctx.scope().locals().getOrDefault(key, key);
        VarDef d = defs.get(target);
        if (d == null) {
            Subscripts.Range range = subs.range(r.name());
            if (range != null && r.subs().isEmpty()) {
                // a range used as a value is the position (from 1) of the current element in it
                String e = ctx.reduce().get(range.key());
                if (e == null) e = subs.correspond(range, ctx.bindings(), r.pos());
                if (e == null) throw new ModelException(r.pos(), "subscript range '" + r.name() + "' used as a value but not on the left-hand side");
                return new Node.Const(subs.familyPosition(e));
            }
            if (r.subs().isEmpty() && subs.isElement(r.name())) {
                return new Node.Const(subs.familyPosition(Names.key(r.name())));
            }
            throw new ModelException(r.pos(), "undefined name '" + r.name() + "'");
        }
        if (d.lookup) throw new ModelException(r.pos(), "lookup '" + r.name() + "' is used without an argument");
        List<String> tuple = tuple(r, ctx);
        ScalarVar v = elements.getOrDefault(target, Map.of()).get(tuple);
        if (v == null) {
            Map<List<String>, ScalarVar> els = elements.getOrDefault(target, Map.of());
            if (tuple.isEmpty() && !els.isEmpty()) {
                throw new ModelException(r.pos(), "'" + r.name() + "' is subscripted; name its subscripts");
            }
            throw new ModelException(r.pos(), "subscript mismatch: '" + r.name() + tupleText(tuple) + "' is not defined");
        }
        return new Node.Var(v);
    }

    private String tupleText(List<String> tuple) {
        if (tuple.isEmpty()) return "";
        List<String> n = new ArrayList<>();
        for (String t : tuple) n.add(subs.elementName(t));
        return "[" + String.join(",", n) + "]";
    }

    private List<String> tuple(Expr.Ref r, Ctx ctx) {
        List<String> tuple = new ArrayList<>(r.subs().size());
        for (Expr.Sub s : r.subs()) {
            Subscripts.Range range = subs.range(s.name());
            if (s.reduce()) {
                if (range == null) throw new ModelException(s.posOr(r.pos()), "'" + s.name() + "!' names no subscript range");
                String e = ctx.reduce().get(range.key());
                if (e == null) e = subs.correspond(range, ctx.bindings(), r.pos());
                if (e == null) throw new ModelException(s.posOr(r.pos()), "'" + s.name() + "!' is only allowed inside SUM, PROD, VMIN, VMAX and the like");
                tuple.add(e);
            } else if (range != null) {
                String e = subs.correspond(range, ctx.bindings(), r.pos());
                if (e == null) e = ctx.reduce().get(range.key());
                if (e == null) {
                    throw new ModelException(s.posOr(r.pos()), "subscript mismatch: range '" + s.name() + "' of '" + r.name()
                            + "' does not appear on the left-hand side (use '" + s.name() + "!' to sum over it)");
                }
                tuple.add(e);
            } else if (subs.isElement(s.name())) {
                tuple.add(Names.key(s.name()));
            } else {
                throw new ModelException(s.posOr(r.pos()), "unknown subscript '" + s.name() + "'");
            }
        }
        return tuple;
    }

    Node.Table table(Expr e, Ctx ctx) {
        if (e instanceof Expr.Table t) return new Node.Table(ctx.owner().name + "#table", t.xs(), t.ys());
        if (e instanceof Expr.Ref r) {
            String key = ctx.scope().locals().getOrDefault(Names.key(r.name()), Names.key(r.name()));
            Map<List<String>, Node.Table> m = tables.get(key);
            if (m == null) {
                throw new ModelException(r.pos(), defs.containsKey(key) ? "'" + r.name() + "' is not a lookup" : "undefined lookup '" + r.name() + "'");
            }
            Node.Table t = m.get(tuple(r, ctx));
            if (t == null) throw new ModelException(r.pos(), "subscript mismatch: lookup '" + r.name() + "' has no such element");
            return t;
        }
        throw new ModelException(e.pos(), "expected the name of a lookup");
    }

    private Node call(Expr.Call c, Ctx ctx) {
        String fk = Names.key(c.function());
        Macro macro = macros.get(fk);
        int again = macro == null ? -1 : ctx.scope().macros().indexOf(macro.name());
        if (again >= 0) {
            List<String> loop = new ArrayList<>(ctx.scope().macros().subList(again, ctx.scope().macros().size()));
            loop.add(macro.name());
            throw new ModelException(c.pos(), "macro " + macro.name() + " calls itself: " + String.join(" -> ", loop));
        }
        String target = ctx.scope().locals().getOrDefault(fk, fk);
        VarDef d = defs.get(target);
        if (d != null && d.lookup && c.args().size() == 1) {
            Map<List<String>, Node.Table> m = tables.get(target);
            Node.Table t = m.get(List.of());
            if (t == null) {
                // an apply-to-all lookup called without subscripts, under the caller's subscripts
                t = table(new Expr.Ref(c.pos(), c.function(), subsOfBindings(m, ctx)), ctx);
            }
            return new Node.Lookup(t, node(c.args().get(0), ctx), Node.LookupMode.INTERPOLATE);
        }
        if (d != null && !Library.has(fk)) {
            throw new ModelException(c.pos(), "'" + c.function() + "' is a variable, not a function or lookup");
        }
        if (macro != null) return expandMacro(macro, c, ctx);
        if (fk.equals("elmcount")) {
            if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Ref r) || subs.range(r.name()) == null) {
                throw new ModelException(c.pos(), "ELMCOUNT takes the name of a subscript range");
            }
            return new Node.Const(subs.range(r.name()).keys().size());
        }
        Library.Spec spec = Library.get(fk);
        if (spec == null) throw new ModelException(c.pos(), "unknown function '" + c.function() + "'");
        if (c.args().size() < spec.minArgs() || c.args().size() > spec.maxArgs()) {
            String want = spec.minArgs() == spec.maxArgs() ? String.valueOf(spec.minArgs()) : spec.minArgs() + " to " + spec.maxArgs();
            throw new ModelException(c.pos(), c.function().toUpperCase() + " takes " + want + " arguments, got " + c.args().size());
        }
        return spec.impl().expand(new Call(c, ctx));
    }

    private List<Expr.Sub> subsOfBindings(Map<List<String>, Node.Table> m, Ctx ctx) {
        List<String> any = m.keySet().iterator().next();
        List<Expr.Sub> out = new ArrayList<>();
        for (String el : any) {
            String found = null;
            for (Subscripts.Range r : subs.all()) {
                if (r.keys().contains(el) && ctx.bindings().containsKey(r.key())) {
                    found = r.name();
                    break;
                }
            }
            if (found == null) throw new ModelException(ctx.owner().pos, "subscripted lookup called without subscripts");
            out.add(new Expr.Sub(found, false));
        }
        return out;
    }

    private Node expandMacro(Macro m, Expr.Call c, Ctx ctx) {
        if (c.args().size() != m.inputs().size()) {
            throw new ModelException(c.pos(), "macro " + m.name() + " takes " + m.inputs().size() + " arguments, got " + c.args().size());
        }
        // a macro calling the next one twice, 31 deep, is 2^31 expansions from a 2 KB file
        if (macroCount >= MAX_MACRO_EXPANSIONS) throw new ModelException(c.pos(), "more than " + MAX_MACRO_EXPANSIONS + " macro expansions");
        String prefix = m.name() + "#" + (++macroCount) + ".";
        Map<String, Node> inputs = new HashMap<>();
        for (int k = 0; k < m.inputs().size(); k++) {
            Node arg = node(c.args().get(k), ctx);
            if (!(arg instanceof Node.Const || arg instanceof Node.Var || arg instanceof Node.Time)) {
                arg = new Node.Var(hidden(ctx, "macro input", ScalarVar.Kind.AUX, arg, arg, null));
            }
            inputs.put(Names.key(m.inputs().get(k)), arg);
        }
        Map<String, String> locals = new HashMap<>();
        for (Equation eq : m.equations()) locals.put(Names.key(eq.name()), Names.key(prefix + eq.name()));
        List<String> chain = new ArrayList<>(ctx.scope().macros());
        chain.add(m.name());
        Scope scope = new Scope(prefix, inputs, locals, List.copyOf(chain));
        for (Equation eq : m.equations()) declare(eq, scope, Names.key(prefix + eq.name()));
        for (Equation eq : m.equations()) {
            VarDef d = defs.get(Names.key(prefix + eq.name()));
            if (!elements.containsKey(d.key)) instantiate(d);
        }
        String out = locals.get(Names.key(m.name()));
        if (out == null) throw new ModelException(m.pos(), "macro " + m.name() + " defines no variable named " + m.name());
        ScalarVar v = elements.get(out).get(List.of());
        if (v == null) throw new ModelException(m.pos(), "macro output " + m.name() + " must not be subscripted");
        return new Node.Var(v);
    }

    private ScalarVar hidden(Ctx ctx, String label, ScalarVar.Kind kind, Node initial, Node expr, Node rate) {
        ScalarVar v = new ScalarVar(ctx.owner().name + "#" + label + "#" + (++hiddenCount), ctx.owner().pos, true, kind);
        v.initial = initial;
        v.expr = expr;
        v.rate = rate;
        vars.add(v);
        return v;
    }

    double constantValue(Node n, Pos pos) {
        Map<List<String>, ScalarVar> it = elements.get("initial time");
        return ConstantEvaluator.evaluate(n, pos, this::translateNow, it == null ? null : it.get(List.of()));
    }

    private void translateNow(ScalarVar v) {
        if (pending.containsKey(v)) translate(v);
    }

    /** A builtin call being expanded: the {@link FunctionContext} handed to the library. */
    private final class Call implements FunctionContext {
        private final Expr.Call c;
        private final Ctx ctx;
        private final Node[] args;

        Call(Expr.Call c, Ctx ctx) {
            this.c = c;
            this.ctx = ctx;
            this.args = new Node[c.args().size()];
        }

        @Override public String name() { return Names.key(c.function()); }

        @Override public Pos pos() { return c.pos(); }

        @Override public int argCount() { return c.args().size(); }

        @Override public Node arg(int i) {
            if (args[i] == null) args[i] = node(c.args().get(i), ctx);
            return args[i];
        }

        @Override public List<Node> argOverReduced(int i) {
            return argsOverReduced(i).get(0);
        }

        @Override public List<List<Node>> argsOverReduced(int... is) {
            List<String> dims = new ArrayList<>();
            for (int i : is) collectReduced(c.args().get(i), dims);
            List<List<Node>> out = new ArrayList<>();
            for (int k = 0; k < is.length; k++) out.add(new ArrayList<>());
            if (dims.isEmpty()) {
                for (int k = 0; k < is.length; k++) out.get(k).add(arg(is[k]));
                return out;
            }
            List<List<String>> options = new ArrayList<>();
            for (String dkey : dims) options.add(subs.range(dkey).keys());
            int[] idx = new int[dims.size()];
            while (true) {
                Map<String, String> red = new HashMap<>(ctx.reduce());
                for (int k = 0; k < dims.size(); k++) red.put(subs.range(dims.get(k)).key(), options.get(k).get(idx[k]));
                for (int k = 0; k < is.length; k++) out.get(k).add(node(c.args().get(is[k]), ctx.withReduce(red)));
                int k = dims.size() - 1;
                while (k >= 0 && ++idx[k] == options.get(k).size()) idx[k--] = 0;
                if (k < 0) break;
            }
            return out;
        }

        private void collectReduced(Expr e, List<String> out) {
            Expr.walk(e, x -> {
                if (!(x instanceof Expr.Ref r)) return;
                for (Expr.Sub s : r.subs()) {
                    if (s.reduce()) {
                        Subscripts.Range range = subs.range(s.name());
                        if (range == null) throw new ModelException(r.pos(), "'" + s.name() + "!' names no subscript range");
                        if (!out.contains(range.key())) out.add(range.key());
                    }
                }
            });
        }

        @Override public int subscriptCount(int i) {
            return c.args().get(i) instanceof Expr.Ref r ? r.subs().size() : 0;
        }

        @Override public Vector argOverLastSubscripts(int i, int count) {
            Expr e = c.args().get(i);
            if (!(e instanceof Expr.Ref r) || r.subs().size() < count) {
                throw new ModelException(e.pos(), "argument " + (i + 1) + " of " + c.function().toUpperCase()
                        + " must be a variable with at least " + count + " subscript(s)");
            }
            int n = r.subs().size();
            List<Subscripts.Range> dims = new ArrayList<>();
            List<String> fixed = new ArrayList<>();
            for (int k = n - count; k < n; k++) {
                String name = r.subs().get(k).name();
                Subscripts.Range range = subs.range(name);
                String element = null;
                if (range == null && subs.isElement(name)) {
                    // an element stands for the whole dimension, positioned at that element
                    element = Names.key(name);
                    range = dimensionOf(r, k, element);
                }
                if (range == null) throw new ModelException(r.pos(), "'" + name + "' must be a subscript range here");
                dims.add(range);
                fixed.add(element);
            }
            // the element being defined: where the bound subscripts sit in those ranges
            int index = 0;
            List<Integer> shape = new ArrayList<>();
            for (int d = 0; d < dims.size(); d++) {
                Subscripts.Range range = dims.get(d);
                String e0 = fixed.get(d) != null ? fixed.get(d) : subs.correspond(range, ctx.bindings(), r.pos());
                int pos = e0 == null ? 0 : Math.max(0, range.keys().indexOf(e0));
                index = index * range.keys().size() + pos;
                shape.add(range.keys().size());
            }
            List<Node> nodes = new ArrayList<>();
            int[] idx = new int[count];
            while (true) {
                List<Expr.Sub> s2 = new ArrayList<>(r.subs().subList(0, n - count));
                for (int k = 0; k < count; k++) {
                    s2.add(new Expr.Sub(subs.elementName(dims.get(k).keys().get(idx[k])), false));
                }
                nodes.add(ref(new Expr.Ref(r.pos(), r.name(), s2), ctx));
                int k = count - 1;
                while (k >= 0 && ++idx[k] == dims.get(k).keys().size()) idx[k--] = 0;
                if (k < 0) break;
            }
            return new Vector(nodes, index, shape);
        }

        /** The largest range holding {@code element} whose elements all define the variable at position k. */
        private Subscripts.Range dimensionOf(Expr.Ref r, int k, String element) {
            String key = ctx.scope().locals().getOrDefault(Names.key(r.name()), Names.key(r.name()));
            Set<String> defined = new HashSet<>();
            for (List<String> t : elements.getOrDefault(key, Map.of()).keySet()) if (t.size() > k) defined.add(t.get(k));
            Subscripts.Range best = null;
            for (Subscripts.Range range : subs.all()) {
                if (range.keys().contains(element) && defined.containsAll(range.keys())
                        && (best == null || range.keys().size() > best.keys().size())) best = range;
            }
            return best;
        }

        @Override public Node.Table table(int i) { return Analyzer.this.table(c.args().get(i), ctx); }

        @Override public String string(int i) {
            if (c.args().get(i) instanceof Expr.Str s) return s.value();
            throw new ModelException(c.args().get(i).pos(), "expected a quoted string");
        }

        @Override public ScalarVar stock(String label, Node initial, Node rate) {
            return hidden(ctx, label, ScalarVar.Kind.STOCK, initial, null, rate);
        }

        @Override public ScalarVar aux(String label, Node expr) {
            return hidden(ctx, label, ScalarVar.Kind.AUX, expr, expr, null);
        }

        @Override public ScalarVar discrete(String label, Node initial, Node next) {
            return hidden(ctx, label, ScalarVar.Kind.DISCRETE, initial, null, next);
        }

        @Override public ScalarVar initial(String label, Node initial) {
            return hidden(ctx, label, ScalarVar.Kind.INITIAL, initial, null, null);
        }

        @Override public ScalarVar activeInitial(String label, Node initial, Node expr) {
            return hidden(ctx, label, ScalarVar.Kind.AUX, initial, expr, null);
        }

        @Override public Node state(StateObject.Type type, List<Node> initArgs, Node input) {
            StateObject s = new StateObject(states.size(), type, initArgs, input);
            states.add(s);
            return new Node.State(s.index());
        }

        @Override public Node time() { return new Node.Time(); }

        @Override public Node timeStep() { return new Node.Var(elements.get("time step").get(List.of())); }

        @Override public double constant(Node n) { return constantValue(n, c.pos()); }
    }
}
