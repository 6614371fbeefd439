package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;

/** A builtin call being expanded: the {@link FunctionContext} handed to the library. */
final class BuiltinCall implements FunctionContext {
    private final Analyzer a;
    private final Expr.Call c;
    private final Analyzer.Ctx ctx;
    private final Node[] args;

    BuiltinCall(Analyzer a, Expr.Call c, Analyzer.Ctx ctx) {
        this.a = a;
        this.c = c;
        this.ctx = ctx;
        this.args = new Node[c.args().size()];
    }

    @Override public String name() { return Names.key(c.function()); }

    @Override public Pos pos() { return c.pos(); }

    @Override public int argCount() { return c.args().size(); }

    @Override public Node arg(int i) {
        if (args[i] == null) args[i] = a.node(c.args().get(i), ctx);
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
        for (String dkey : dims) options.add(a.subs.range(dkey).keys());
        Cartesian.forEach(Cartesian.sizes(options), idx -> {
            Map<String, String> red = new HashMap<>(ctx.reduce());
            for (int k = 0; k < dims.size(); k++) red.put(a.subs.range(dims.get(k)).key(), options.get(k).get(idx[k]));
            for (int k = 0; k < is.length; k++) out.get(k).add(a.node(c.args().get(is[k]), ctx.withReduce(red)));
        });
        return out;
    }

    private void collectReduced(Expr e, List<String> out) {
        Expr.walk(e, x -> {
            if (!(x instanceof Expr.Ref r)) return;
            for (Expr.Sub s : r.subs()) {
                if (s.reduce()) {
                    Subscripts.Range range = a.subs.range(s.name());
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
        Layout l = layout(i, count);
        Expr.Ref r = l.ref();
        int n = r.subs().size();
        List<Node> nodes = new ArrayList<>();
        int[] sizes = new int[count];
        for (int k = 0; k < count; k++) sizes[k] = l.dims().get(k).keys().size();
        Cartesian.forEach(sizes, idx -> {
            List<Expr.Sub> s2 = new ArrayList<>(r.subs().subList(0, n - count));
            for (int k = 0; k < count; k++) {
                s2.add(new Expr.Sub(a.subs.elementName(l.dims().get(k).keys().get(idx[k])), false));
            }
            nodes.add(a.ref(new Expr.Ref(r.pos(), r.name(), s2), ctx));
        });
        return new Vector(nodes, l.index(), l.shape());
    }

    @Override public Slice sliceOverLastSubscripts(int i, int count) {
        Layout l = layout(i, count);
        Expr.Ref r = l.ref();
        // the slice is named by the elements the other subscripts take for this element
        List<Object> key = new ArrayList<>();
        key.add(ctx.scope());
        for (Expr.Sub sub : r.subs().subList(0, r.subs().size() - count)) {
            Subscripts.Range range = a.subs.range(sub.name());
            String element = range == null ? null : a.subs.correspond(range, ctx.bindings(), r.pos());
            key.add(element != null ? element : Names.key(sub.name()));
        }
        return new Slice(key, l.index(), l.shape());
    }

    @Override public ScalarVar sharedAux(String label, Object key, java.util.function.IntFunction<Node> make) {
        return a.sharedAux(c, List.of(label, key), number -> aux(label, make.apply(number)));
    }

    private record Layout(Expr.Ref ref, List<Subscripts.Range> dims, int index, List<Integer> shape) {}

    private Layout layout(int i, int count) {
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
            Subscripts.Range range = a.subs.range(name);
            String element = null;
            if (range == null && a.subs.isElement(name)) {
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
            String e0 = fixed.get(d) != null ? fixed.get(d) : a.subs.correspond(range, ctx.bindings(), r.pos());
            int pos = e0 == null ? 0 : Math.max(0, range.keys().indexOf(e0));
            index = index * range.keys().size() + pos;
            shape.add(range.keys().size());
        }
        return new Layout(r, dims, index, shape);
    }

    /** The largest range holding {@code element} whose elements all define the variable at position k. */
    private Subscripts.Range dimensionOf(Expr.Ref r, int k, String element) {
        String key = ctx.scope().locals().getOrDefault(Names.key(r.name()), Names.key(r.name()));
        Set<String> defined = new HashSet<>();
        for (List<String> t : a.elements.getOrDefault(key, Map.of()).keySet()) if (t.size() > k) defined.add(t.get(k));
        Subscripts.Range best = null;
        for (Subscripts.Range range : a.subs.all()) {
            if (range.keys().contains(element) && defined.containsAll(range.keys())
                    && (best == null || range.keys().size() > best.keys().size())) best = range;
        }
        return best;
    }

    @Override public Node.Table table(int i) { return a.table(c.args().get(i), ctx); }

    @Override public String string(int i) {
        if (c.args().get(i) instanceof Expr.Str s) return s.value();
        throw new ModelException(c.args().get(i).pos(), "expected a quoted string");
    }

    @Override public ScalarVar stock(String label, Node initial, Node rate) {
        return a.hidden(ctx, label, ScalarVar.Kind.STOCK, initial, null, rate);
    }

    @Override public ScalarVar stock(String label, Node initial, java.util.function.UnaryOperator<Node> rateOfSelf) {
        ScalarVar v = a.hidden(ctx, label, ScalarVar.Kind.STOCK, initial, null, null);
        v.rate = rateOfSelf.apply(new Node.Var(v));
        return v;
    }

    @Override public ScalarVar discrete(String label, Node initial, java.util.function.UnaryOperator<Node> nextOfSelf) {
        ScalarVar v = a.hidden(ctx, label, ScalarVar.Kind.DISCRETE, initial, null, null);
        v.rate = nextOfSelf.apply(new Node.Var(v));
        return v;
    }

    @Override public ScalarVar aux(String label, Node expr) {
        return a.hidden(ctx, label, ScalarVar.Kind.AUX, expr, expr, null);
    }

    @Override public ScalarVar discrete(String label, Node initial, Node next) {
        return a.hidden(ctx, label, ScalarVar.Kind.DISCRETE, initial, null, next);
    }

    @Override public ScalarVar initial(String label, Node initial) {
        return a.hidden(ctx, label, ScalarVar.Kind.INITIAL, initial, null, null);
    }

    @Override public ScalarVar activeInitial(String label, Node initial, Node expr) {
        return a.hidden(ctx, label, ScalarVar.Kind.AUX, initial, expr, null);
    }

    @Override public Node state(StateObject.Type type, List<Node> initArgs, Node input) {
        StateObject s = new StateObject(a.states.size(), type, initArgs, input);
        a.states.add(s);
        return new Node.State(s.index());
    }

    @Override public Node time() { return new Node.Time(); }

    @Override public Node timeStep() { return new Node.Var(a.elements.get("time step").get(List.of())); }

    @Override public String timeUnits() {
        for (String name : List.of("time step", "initial time", "final time")) {
            for (org.dlab.engine.ir.Equation eq : a.src.equations()) {
                if (!Names.key(eq.name()).equals(name)) continue;
                String u = eq.units();
                int range = u.indexOf('[');
                u = (range >= 0 ? u.substring(0, range) : u).trim();
                if (!u.isEmpty()) return u;
            }
        }
        return "";
    }

    @Override public double constant(Node n) { return a.constantValue(n, c.pos()); }
}
