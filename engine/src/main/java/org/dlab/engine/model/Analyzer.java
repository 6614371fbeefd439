package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
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

    final ModelSource src;
    final Subscripts subs;
    private final DataBinding dataBinding;
    private final Map<String, VarDef> defs = new LinkedHashMap<>();
    final Map<String, Map<List<String>, ScalarVar>> elements = new HashMap<>();
    private final Map<String, Map<List<String>, Node.Table>> tables = new HashMap<>();
    private final Map<String, Macro> macros = new HashMap<>();
    private final List<ScalarVar> vars = new ArrayList<>();
    private final Map<ScalarVar, Pending> pending = new LinkedHashMap<>();
    private final Set<ScalarVar> translating = new LinkedHashSet<>();
    final List<StateObject> states = new ArrayList<>();
    private int hiddenCount;
    /** Hidden auxiliaries shared by the elements of one call (FunctionContext.sharedAux), by call and key. */
    private final Map<Expr.Call, Map<Object, ScalarVar>> shared = new java.util.IdentityHashMap<>();
    private int sharedCount;
    private int macroCount;

    private Analyzer(ModelSource src, ExternalData data, org.dlab.engine.data.DataFiles dataFiles) {
        this.src = src;
        this.subs = new Subscripts(src.ranges(), data);
        this.dataBinding = new DataBinding(subs, data, dataFiles, eq -> expand(eq).size());
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

    private List<Subscripts.Element> expand(Equation eq) {
        return subs.elementsOf(eq, MAX_ELEMENTS);
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
            List<Subscripts.Element> expanded = expand(eq);
            if ((modelElements += expanded.size()) > MAX_MODEL_ELEMENTS) {
                throw new ModelException(eq.pos(), "the model has more than " + MAX_MODEL_ELEMENTS + " variable elements");
            }
            int index = 0;
            for (Subscripts.Element e : expanded) {
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

    private Node.Table lookupTable(VarDef d, Equation eq, Subscripts.Element e, int index, int count) {
        if (eq.definition() instanceof Equation.Lookup l) return new Node.Table(display(d, e.tuple()), l.xs(), l.ys());
        // a name given a lookup table in one equation makes every equation of it a lookup
        Expr call = eq.definition() instanceof Equation.Data dd ? dd.expr()
                : eq.definition() instanceof Equation.Formula f ? f.expr() : null;
        if (!(call instanceof Expr.Call)) {
            throw new ModelException(eq.pos(), "'" + eq.name() + "' is defined both as a lookup and as a variable");
        }
        ExternalData.Series s = dataBinding.series(call, eq, index, count);
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
                    v.initial = dataBinding.dataVariable(v.name, p.eq(), dd.mode());
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
        Node fromFile = e instanceof Expr.Call c ? dataBinding.formula(c, ctx.owner().name, p.eq(), p.index()) : null;
        return fromFile != null ? fromFile : node(e, ctx);
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

    Node ref(Expr.Ref r, Ctx ctx) {
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
        if (spec == null) throw new ModelException(c.pos(), "unknown function '" + c.function() + "'" + otherUnknownFunctions(fk));
        if (c.args().size() < spec.minArgs() || c.args().size() > spec.maxArgs()) {
            String want = spec.minArgs() == spec.maxArgs() ? String.valueOf(spec.minArgs()) : spec.minArgs() + " to " + spec.maxArgs();
            throw new ModelException(c.pos(), c.function().toUpperCase() + " takes " + want + " arguments, got " + c.args().size());
        }
        return spec.impl().expand(new BuiltinCall(this, c, ctx));
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

    /**
     * The model's other calls of names that are no function, macro, lookup or variable, each with
     * where it is first written: a big model (FRIDA has nine) is then fixed in one pass, not one
     * error at a time. Used only when the analysis fails anyway.
     */
    private String otherUnknownFunctions(String failing) {
        Map<String, Pos> unknown = new java.util.LinkedHashMap<>();
        Map<String, String> spelled = new HashMap<>();
        List<Equation> all = new ArrayList<>(src.equations());
        for (Macro m : src.macros()) all.addAll(m.equations());
        for (Equation eq : all) {
            for (Expr root : expressions(eq.definition())) {
                Expr.walk(root, e -> {
                    if (!(e instanceof Expr.Call c)) return;
                    String k = Names.key(c.function());
                    if (k.equals(failing) || Library.has(k) || macros.containsKey(k) || defs.containsKey(k) || k.equals("elmcount")
                            || k.startsWith("get ")) {
                        return;
                    }
                    unknown.putIfAbsent(k, c.pos());
                    spelled.putIfAbsent(k, c.function());
                });
            }
        }
        if (unknown.isEmpty()) return "";
        StringBuilder b = new StringBuilder("; also unknown in this model: ");
        int shown = 0;
        for (Map.Entry<String, Pos> e : unknown.entrySet()) {
            if (shown == 10) {
                b.append(", and ").append(unknown.size() - shown).append(" more");
                break;
            }
            b.append(shown++ == 0 ? "" : ", ").append('\'').append(spelled.get(e.getKey())).append("' (").append(e.getValue()).append(')');
        }
        return b.toString();
    }

    private static List<Expr> expressions(Equation.Definition d) {
        List<Expr> out = new ArrayList<>();
        if (d instanceof Equation.Formula f) out.add(f.expr());
        else if (d instanceof Equation.Unchangeable u) out.add(u.expr());
        else if (d instanceof Equation.Stock st) {
            out.add(st.rate());
            out.add(st.initial());
        } else if (d instanceof Equation.ConstantList cl) cl.rows().forEach(out::addAll);
        else if (d instanceof Equation.Data dd && dd.expr() != null) out.add(dd.expr());
        out.removeIf(java.util.Objects::isNull);
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

    ScalarVar hidden(Ctx ctx, String label, ScalarVar.Kind kind, Node initial, Node expr, Node rate) {
        ScalarVar v = new ScalarVar(ctx.owner().name + "#" + label + "#" + (++hiddenCount), ctx.owner().pos, true, kind);
        v.initial = initial;
        v.expr = expr;
        v.rate = rate;
        vars.add(v);
        return v;
    }

    ScalarVar sharedAux(Expr.Call call, Object key, java.util.function.IntFunction<ScalarVar> make) {
        Map<Object, ScalarVar> byKey = shared.computeIfAbsent(call, k -> new HashMap<>());
        ScalarVar v = byKey.get(key);
        if (v == null) {
            v = make.apply(++sharedCount);
            byKey.put(key, v);
        }
        return v;
    }

    double constantValue(Node n, Pos pos) {
        Map<List<String>, ScalarVar> it = elements.get("initial time");
        return ConstantEvaluator.evaluate(n, pos, this::translateNow, it == null ? null : it.get(List.of()));
    }

    private void translateNow(ScalarVar v) {
        if (pending.containsKey(v)) translate(v);
    }
}
