package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dlab.engine.ModelException;

/**
 * Orders the analysed model: which auxiliaries are constant (computed once), the
 * initialisation order (stocks' initial values included), the per-step order of the dynamic
 * auxiliaries, and slots. Reports algebraic loops with their cycle.
 */
public final class Planner {
    private final AnalyzedModel m;
    private final Map<ScalarVar, Boolean> dynamic = new IdentityHashMap<>();
    /** Auxiliaries recomputed every step (the others are computed at initialisation only). */
    private final Set<ScalarVar> perStep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private Planner(AnalyzedModel m) {
        this.m = m;
    }

    public static Plan plan(AnalyzedModel m) {
        return new Planner(m).run();
    }

    private Plan run() {
        for (ScalarVar v : m.vars()) {
            if (v.kind == ScalarVar.Kind.AUX && v.expr != null && isDynamic(v)) perStep.add(v);
        }
        List<ScalarVar> stocks = new ArrayList<>();
        List<ScalarVar> discretes = new ArrayList<>();
        List<ScalarVar> others = new ArrayList<>();
        for (ScalarVar v : m.vars()) {
            List<ScalarVar> group = switch (v.kind) {
                case STOCK -> stocks;
                case DISCRETE -> discretes;
                case AUX, INITIAL -> others;
            };
            group.add(v);
        }
        Map<ScalarVar, Plan.VarInfo> info = new IdentityHashMap<>();
        int slot = 0;
        for (List<ScalarVar> group : List.of(stocks, discretes, others)) {
            for (ScalarVar v : group) info.put(v, Plan.VarInfo.of(v, slot++, perStep.contains(v)));
        }

        List<Object> initOrder = initOrder();
        List<ScalarVar> stepOrder = stepOrder();
        List<ScalarVar> outputs = new ArrayList<>();
        for (ScalarVar v : m.vars()) if (!v.hidden) outputs.add(v);
        Map<Node.Table, Integer> tables = new LinkedHashMap<>();
        for (ScalarVar v : m.vars()) {
            for (Node n : new Node[] {v.initial, stepExpr(v), v.rate}) collectTables(n, tables);
        }
        for (StateObject s : m.states()) {
            collectTables(s.input(), tables);
            for (Node n : s.initArgs()) collectTables(n, tables);
        }
        return new Plan(m, List.copyOf(stocks), List.copyOf(discretes), List.copyOf(initOrder), List.copyOf(stepOrder), slot,
                List.copyOf(outputs), java.util.Collections.unmodifiableMap(tables), java.util.Collections.unmodifiableMap(info));
    }

    /** v's per-step expression, or null when it is computed at initialisation only. */
    private Node stepExpr(ScalarVar v) {
        return perStep.contains(v) ? v.expr : null;
    }

    /**
     * Whether an auxiliary changes during the run: it uses time, randomness, a delay state or a
     * dynamic variable. Depth-first over the variables it uses, with an explicit stack: a chain
     * of thousands of auxiliaries (v0 = v1, v1 = v2, ...) must not overflow the thread's stack.
     * A variable on a cycle counts as constant while the cycle is open (the ordering reports it).
     */
    private boolean isDynamic(ScalarVar root) {
        Boolean known = dynamic.get(root);
        if (known != null) return known;
        Deque<ScalarVar> path = new ArrayDeque<>();
        Deque<java.util.Iterator<ScalarVar>> pending = new ArrayDeque<>();
        if (begin(root, path, pending)) return dynamic.get(root);
        while (!path.isEmpty()) {
            java.util.Iterator<ScalarVar> it = pending.peek();
            if (it.hasNext()) {
                ScalarVar w = it.next();
                Boolean k = dynamic.get(w);
                if (k == null && begin(w, path, pending)) k = dynamic.get(w);
                if (Boolean.TRUE.equals(k)) finish(path, pending, true);
            } else {
                finish(path, pending, false);
            }
        }
        return dynamic.get(root);
    }

    /** Settles v when its own kind or equation decides; else opens it on the path. True when settled. */
    private boolean begin(ScalarVar v, Deque<ScalarVar> path, Deque<java.util.Iterator<ScalarVar>> pending) {
        Boolean byKind = switch (v.kind) {
            case STOCK, DISCRETE -> true;
            case INITIAL -> false;
            case AUX -> null;
        };
        if (byKind != null) {
            dynamic.put(v, byKind);
            return true;
        }
        if (v.expr == null || v.expr != v.initial) {
            dynamic.put(v, v.expr != null);
            return true;
        }
        boolean[] direct = {false};
        List<ScalarVar> uses = new ArrayList<>();
        walk(v.expr, x -> {
            if (x instanceof Node.Time || x instanceof Node.Random || x instanceof Node.State) direct[0] = true;
            if (x instanceof Node.Var w) uses.add(w.var());
        });
        if (direct[0]) {
            dynamic.put(v, true);
            return true;
        }
        dynamic.put(v, false); // provisional, for cycles
        path.push(v);
        pending.push(uses.iterator());
        return false;
    }

    /**
     * Closes the variable on top of the path with its answer. Each variable on the path uses the
     * one above it, so a dynamic answer settles the whole path as dynamic.
     */
    private void finish(Deque<ScalarVar> path, Deque<java.util.Iterator<ScalarVar>> pending, boolean isDynamic) {
        do {
            dynamic.put(path.pop(), isDynamic);
            pending.pop();
        } while (isDynamic && !path.isEmpty());
    }

    static void walk(Node n, Consumer<Node> f) {
        Node.walk(n, f);
    }

    private static void collectTables(Node n, Map<Node.Table, Integer> out) {
        walk(n, x -> {
            if (x instanceof Node.Lookup l) out.putIfAbsent(l.table(), out.size());
        });
    }

    // ---- ordering ----

    private List<Object> initDeps(Object item) {
        List<Object> deps = new ArrayList<>();
        Consumer<Node> f = x -> {
            if (x instanceof Node.Var v) deps.add(v.var());
            if (x instanceof Node.Time && item != m.initialTime()) deps.add(m.initialTime());
            if (x instanceof Node.State s) deps.add(m.states().get(s.index()));
            if (x instanceof Node.Fn fn && (fn.fn() == Builtin.STEP || fn.fn() == Builtin.PULSE)) deps.add(m.timeStep());
        };
        if (item instanceof ScalarVar v) {
            walk(v.initial, f);
        } else if (item instanceof StateObject s) {
            for (Node n : s.initArgs()) walk(n, f);
            deps.add(m.timeStep());
            deps.add(m.initialTime());
        }
        return deps;
    }

    private List<Object> initOrder() {
        List<Object> items = new ArrayList<>(m.vars());
        items.addAll(m.states());
        return topo(items, this::initDeps, "initial values");
    }

    private List<ScalarVar> stepOrder() {
        List<Object> items = new ArrayList<>();
        for (ScalarVar v : m.vars()) if (perStep.contains(v)) items.add(v);
        List<Object> sorted = topo(items, item -> {
            List<Object> deps = new ArrayList<>();
            walk(((ScalarVar) item).expr, x -> {
                if (x instanceof Node.Var v && perStep.contains(v.var())) deps.add(v.var());
            });
            return deps;
        }, "equations");
        List<ScalarVar> out = new ArrayList<>();
        for (Object o : sorted) out.add((ScalarVar) o);
        return out;
    }

    /** Depth-first topological sort; a cycle is reported with its members in order. */
    private List<Object> topo(List<Object> items, java.util.function.Function<Object, List<Object>> deps, String what) {
        Map<Object, Integer> state = new HashMap<>();
        for (Object o : items) state.put(o, 0);
        List<Object> out = new ArrayList<>(items.size());
        for (Object root : items) {
            if (state.get(root) != 0) continue;
            Deque<Object> path = new ArrayDeque<>();
            Deque<java.util.Iterator<Object>> its = new ArrayDeque<>();
            state.put(root, 1);
            path.push(root);
            its.push(deps.apply(root).iterator());
            while (!path.isEmpty()) {
                java.util.Iterator<Object> it = its.peek();
                if (it.hasNext()) {
                    Object d = it.next();
                    Integer st = state.get(d);
                    if (st == null || st == 2) continue;
                    if (st == 1) throw cycle(path, d, what);
                    state.put(d, 1);
                    path.push(d);
                    its.push(deps.apply(d).iterator());
                } else {
                    Object done = path.pop();
                    its.pop();
                    state.put(done, 2);
                    out.add(done);
                }
            }
        }
        return out;
    }

    private ModelException cycle(Deque<Object> path, Object again, String what) {
        List<Object> members = new ArrayList<>();
        for (java.util.Iterator<Object> it = path.descendingIterator(); it.hasNext(); ) {
            Object o = it.next();
            if (members.isEmpty() && o != again) continue;
            members.add(o);
        }
        List<String> names = new ArrayList<>();
        ScalarVar first = null;
        // the initial-value order sees every loop first; one made only of plain auxiliaries
        // (no stock, INITIAL, ACTIVE INITIAL or delay state in it) is an algebraic loop all the same
        boolean algebraic = true;
        for (Object o : members) {
            names.add(name(o));
            if (first == null && o instanceof ScalarVar v) first = v;
            if (!(o instanceof ScalarVar v) || v.kind != ScalarVar.Kind.AUX || stepExpr(v) != null && stepExpr(v) != v.initial) {
                algebraic = false;
            }
        }
        names.add(name(again));
        String kind = what.equals("equations") || algebraic ? "algebraic loop" : "loop among initial values";
        return new ModelException(first == null ? null : first.pos, kind + ": " + String.join(" -> ", names));
    }

    private static String name(Object o) {
        return o instanceof ScalarVar v ? v.name : "DELAY FIXED state";
    }
}
