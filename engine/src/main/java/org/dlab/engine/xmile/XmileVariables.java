package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.model.Names;
import org.dlab.engine.model.Subscripts;

/**
 * The variables of a model as XMILE wants them. Equations are grouped by variable; each gets the
 * dimensions that hold its elements. A stock's rate is split into named inflows and outflows
 * where its terms are plain references to auxiliaries (which then become flows), the rest goes
 * to a generated "net flow". An array defined piecewise, over subranges or with exceptions is
 * written element by element, its ranges replaced by the elements they correspond to.
 */
final class XmileVariables {
    /** One XMILE variable: kind (stock, flow, aux, gf), dimensions, equation or elements, flows. */
    static final class OutVar {
        record Element(String eqn, Expr.Table gf) {}

        final String name;
        String kind;
        List<String> dims = List.of();
        String eqn;
        Expr.Table gf;
        final Map<String, Element> elements = new LinkedHashMap<>();
        final List<String> inflows = new ArrayList<>();
        final List<String> outflows = new ArrayList<>();
        String units = "";
        String doc = "";
        boolean nonNegative;

        OutVar(String name, String kind) {
            this.name = name;
            this.kind = kind;
        }
    }

    private static final Set<String> CONTROL = Set.of("initial time", "final time", "time step", "saveper");

    private final List<Equation> equations;
    private final Subscripts subs;
    private final boolean hasMappings;
    private final Map<String, List<Equation>> groups = new LinkedHashMap<>();
    private final Map<String, List<String>> dims = new HashMap<>();
    private final Map<String, OutVar> out = new LinkedHashMap<>();
    private final Map<String, Set<String>> uses = new LinkedHashMap<>();
    private final Map<Expr.Table, String> tables = new IdentityHashMap<>();
    /** Flow key to the stock it fills / drains. */
    private final Map<String, String> fills = new HashMap<>();
    private final Map<String, String> drains = new HashMap<>();
    private final Set<String> names = new HashSet<>();

    /** Functions written under names XMILE does not define, shared by every writer of one conversion. */
    private final ConversionScope scope;

    XmileVariables(ModelSource src, Subscripts subs, ConversionScope scope) {
        this(src.equations(), subs, scope);
    }

    /** Variables of some equations only, e.g. a macro's own. */
    XmileVariables(List<Equation> equations, Subscripts subs, ConversionScope scope) {
        this.equations = equations;
        this.subs = subs;
        this.scope = scope;
        boolean maps = false;
        for (Subscripts.Range r : subs.all()) maps |= !r.mappings().isEmpty();
        this.hasMappings = maps;
    }

    List<OutVar> all() {
        return new ArrayList<>(out.values());
    }

    Map<String, Set<String>> uses() {
        return uses;
    }

    int maxDimensions() {
        int m = 0;
        for (OutVar v : out.values()) m = Math.max(m, v.dims.size());
        return m;
    }

    /** The units of TIME STEP (else INITIAL TIME), as XMILE's time_units. */
    String timeUnits() {
        for (String k : List.of("time step", "initial time")) {
            List<Equation> g = groups.get(k);
            if (g != null && !units(g.get(0).units()).isEmpty()) return units(g.get(0).units());
        }
        return "";
    }

    /** Units without Vensim's trailing [min,max] range, which XMILE keeps elsewhere. */
    static String units(String u) {
        return u == null ? "" : u.replaceAll("\\s*\\[[^\\]]*\\]\\s*$", "").strip();
    }

    List<String> diagramStocks() {
        List<String> s = new ArrayList<>();
        for (OutVar v : out.values()) if (v.kind.equals("stock")) s.add(v.name);
        return s;
    }

    List<XmileLayout.Flow> diagramFlows() {
        List<XmileLayout.Flow> f = new ArrayList<>();
        for (OutVar v : out.values()) {
            if (!v.kind.equals("flow")) continue;
            String k = Names.key(v.name);
            OutVar to = fills.containsKey(k) ? out.get(fills.get(k)) : null;
            OutVar from = drains.containsKey(k) ? out.get(drains.get(k)) : null;
            f.add(new XmileLayout.Flow(v.name, from == null ? null : from.name, to == null ? null : to.name));
        }
        return f;
    }

    List<String> diagramAuxes() {
        List<String> a = new ArrayList<>();
        for (OutVar v : out.values()) if (v.kind.equals("aux") && !CONTROL.contains(Names.key(v.name))) a.add(v.name);
        return a;
    }

    /**
     * Refuses, before anything else is asked of the model, what XMILE cannot express: data
     * variables and quoted strings (the file names of GET XLS and the like).
     */
    static void refuseUnwritable(List<Equation> equations) {
        for (Equation e : equations) {
            if (e.definition() instanceof Equation.Data) {
                throw new ModelException(e.pos(), "data variable '" + e.name() + "' cannot be written as XMILE, which has no external data");
            }
            forEachExpr(e.definition(), x -> walkAll(x));
        }
    }

    private static void walkAll(Expr e) {
        Expr.walk(e, x -> {
            if (x instanceof Expr.Str s) throw new ModelException(s.pos(), "a quoted string ('" + s.value() + "') cannot be written as XMILE");
        });
    }

    void build() {
        for (Equation e : equations) groups.computeIfAbsent(Names.key(e.name()), k -> new ArrayList<>()).add(e);
        for (Map.Entry<String, List<Equation>> g : groups.entrySet()) {
            names.add(g.getKey());
            dims.put(g.getKey(), dimensionsOf(g.getValue()));
        }
        for (List<Equation> g : groups.values()) {
            if (g.get(0).definition() instanceof Equation.Stock && simpleStock(g)) splitRate(g.get(0));
        }
        for (Map.Entry<String, List<Equation>> g : groups.entrySet()) variable(g.getKey(), g.getValue());
    }

    // ---- dimensions ----

    /** For each subscript position, the smallest range holding every element the equations define there. */
    private List<String> dimensionsOf(List<Equation> g) {
        Equation first = g.get(0);
        int n = first.subscripts().size();
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Set<String> covered = new LinkedHashSet<>();
            for (Equation e : g) {
                if (e.subscripts().size() != n) throw new ModelException(e.pos(), "'" + e.name() + "' is defined with different numbers of subscripts");
                String s = e.subscripts().get(k);
                Subscripts.Range r = subs.range(s);
                if (r != null) covered.addAll(r.keys());
                else covered.add(Names.key(s));
            }
            Set<String> written = new HashSet<>();
            for (Equation e : g) written.add(Names.key(e.subscripts().get(k)));
            Subscripts.Range best = null;
            for (Subscripts.Range r : subs.all()) {
                if (!r.keys().containsAll(covered)) continue;
                // the smallest range that holds them; of equal ones, the one the equations name
                if (best == null || r.keys().size() < best.keys().size()
                        || r.keys().size() == best.keys().size() && written.contains(r.key()) && !written.contains(best.key())) best = r;
            }
            if (best == null) throw new ModelException(first.pos(), "no one subscript range holds the elements of '" + first.name() + "' at position " + (k + 1));
            out.add(best.name());
        }
        return out;
    }

    private boolean lhsIsDims(Equation e) {
        List<String> d = dims.get(Names.key(e.name()));
        if (!e.except().isEmpty() || e.subscripts().size() != d.size()) return false;
        for (int k = 0; k < d.size(); k++) {
            Subscripts.Range r = subs.range(e.subscripts().get(k));
            if (r == null || !r.key().equals(Names.key(d.get(k)))) return false;
        }
        return true;
    }

    /** Written once for all elements: one equation over the variable's own dimensions. */
    private boolean applyToAll(List<Equation> g) {
        if (g.size() != 1 || !lhsIsDims(g.get(0))) return false;
        Equation.Definition d = g.get(0).definition();
        if (d instanceof Equation.ConstantList) return false;
        // ranges that only mappings relate to the left-hand side need element-by-element writing
        return !hasMappings || !usesOtherRanges(g.get(0));
    }

    private boolean usesOtherRanges(Equation e) {
        Set<String> lhs = new HashSet<>();
        for (String s : e.subscripts()) lhs.add(Names.key(s));
        boolean[] found = {false};
        forEachExpr(e.definition(), x -> walk(x, r -> {
            for (Expr.Sub s : r.subs()) {
                if (!s.reduce() && subs.range(s.name()) != null && !lhs.contains(subs.range(s.name()).key())) found[0] = true;
            }
        }));
        return found[0];
    }

    // ---- stocks and their flows ----

    private boolean simpleStock(List<Equation> g) {
        return g.size() == 1 && lhsIsDims(g.get(0)) && !(hasMappings && usesOtherRanges(g.get(0)));
    }

    private record Term(Expr expr, boolean plus) {}

    private static void terms(Expr e, boolean plus, List<Term> out) {
        if (e instanceof Expr.Binary b && (b.op() == Expr.BinOp.ADD || b.op() == Expr.BinOp.SUB)) {
            terms(b.left(), plus, out);
            terms(b.right(), b.op() == Expr.BinOp.ADD ? plus : !plus, out);
        } else if (e instanceof Expr.Unary u && u.op() == Expr.UnOp.NEG) {
            terms(u.operand(), !plus, out);
        } else {
            out.add(new Term(e, plus));
        }
    }

    /** Marks the auxiliaries a stock's rate adds or subtracts as plain references as its flows. */
    private void splitRate(Equation stock) {
        String sk = Names.key(stock.name());
        List<Term> ts = new ArrayList<>();
        terms(((Equation.Stock) stock.definition()).rate(), true, ts);
        for (Term t : ts) {
            if (!(t.expr() instanceof Expr.Ref r)) continue;
            String fk = Names.key(r.name());
            List<Equation> fg = groups.get(fk);
            if (fg == null || fk.equals(sk) || CONTROL.contains(fk)) continue;
            Equation.Definition d = fg.get(0).definition();
            if (!(d instanceof Equation.Formula || d instanceof Equation.Unchangeable || d instanceof Equation.ConstantList)) continue;
            if (!sameSubscripts(r, stock) || !dims.get(fk).equals(dims.get(sk))) continue;
            Map<String, String> side = t.plus() ? fills : drains;
            String other = t.plus() ? drains.get(fk) : fills.get(fk);
            if (side.containsKey(fk) || sk.equals(other)) continue;
            side.put(fk, sk);
        }
    }

    private boolean sameSubscripts(Expr.Ref r, Equation stock) {
        if (r.subs().size() != stock.subscripts().size()) return false;
        for (int k = 0; k < r.subs().size(); k++) {
            if (r.subs().get(k).reduce() || !Names.key(r.subs().get(k).name()).equals(Names.key(stock.subscripts().get(k)))) return false;
        }
        return true;
    }

    // ---- writing each variable ----

    private XmileExprWriter writer(Map<String, String> bindings) {
        return new XmileExprWriter(subs, bindings, dims::get, this::tableName, scope);
    }

    private String tableName(Expr.Table t, Integer index) {
        String known = tables.get(t);
        if (known != null) return known;
        String name = unique("lookup table " + (tables.size() + 1));
        tables.put(t, name);
        OutVar v = new OutVar(name, "gf");
        v.gf = t;
        out.put(Names.key(name), v);
        return name;
    }

    private String unique(String base) {
        String n = base;
        for (int i = 2; names.contains(Names.key(n)); i++) n = base + " " + i;
        names.add(Names.key(n));
        return n;
    }

    private void variable(String key, List<Equation> g) {
        Equation first = g.get(0);
        String name = first.name();
        Equation.Definition d0 = first.definition();
        for (Equation e : g) {
            if (e.definition() instanceof Equation.Data) {
                throw new ModelException(e.pos(), "data variable '" + name + "' cannot be written as XMILE, which has no external data");
            }
        }
        String kind = d0 instanceof Equation.Stock ? "stock" : d0 instanceof Equation.Lookup ? "gf"
                : fills.containsKey(key) || drains.containsKey(key) ? "flow" : "aux";
        OutVar v = new OutVar(name, kind);
        v.dims = dims.get(key);
        v.units = units(first.units());
        v.doc = first.doc() == null ? "" : first.doc().strip();
        out.put(key, v);
        Set<String> used = uses.computeIfAbsent(name, k -> new LinkedHashSet<>());
        if (kind.equals("stock")) {
            stock(key, g, v, used);
        } else if (kind.equals("gf")) {
            if (g.size() == 1 && lhsIsDims(first)) {
                v.gf = table((Equation.Lookup) d0, first);
            } else {
                for (Equation e : g) for (Element el : expand(e)) v.elements.put(el.label(), new OutVar.Element(null, table(lookupOf(e), e)));
            }
        } else if (applyToAll(g)) {
            v.eqn = writer(null).write(formula(first));
            collectUses(formula(first), used);
        } else {
            for (Equation e : g) {
                List<Element> els = expand(e);
                for (int i = 0; i < els.size(); i++) {
                    Expr x = e.definition() instanceof Equation.ConstantList c ? listItem(c, i, e) : formula(e);
                    v.elements.put(els.get(i).label(), new OutVar.Element(writer(els.get(i).bindings()).write(x), null));
                    collectUses(x, used);
                }
            }
        }
    }

    private static Equation.Lookup lookupOf(Equation e) {
        if (e.definition() instanceof Equation.Lookup l) return l;
        throw new ModelException(e.pos(), "'" + e.name() + "' mixes lookup tables with other definitions");
    }

    private static Expr.Table table(Equation.Lookup l, Equation e) {
        return new Expr.Table(e.pos(), l.xs(), l.ys());
    }

    private static Expr formula(Equation e) {
        Equation.Definition d = e.definition();
        if (d instanceof Equation.Formula f) return f.expr();
        if (d instanceof Equation.Unchangeable u) return u.expr();
        throw new ModelException(e.pos(), "'" + e.name() + "' mixes stocks, lookups and formulas in its definitions");
    }

    private static Expr listItem(Equation.ConstantList c, int i, Equation e) {
        List<Expr> flat = new ArrayList<>();
        for (List<Expr> row : c.rows()) flat.addAll(row);
        if (i >= flat.size()) throw new ModelException(e.pos(), "'" + e.name() + "' lists " + flat.size() + " values for more elements");
        return flat.get(i);
    }

    private void stock(String key, List<Equation> g, OutVar v, Set<String> used) {
        for (Equation e : g) {
            if (!(e.definition() instanceof Equation.Stock)) throw new ModelException(e.pos(), "'" + e.name() + "' mixes stocks with other definitions");
        }
        v.nonNegative = ((Equation.Stock) g.get(0).definition()).nonNegative();
        if (simpleStock(g)) {
            Equation.Stock st = (Equation.Stock) g.get(0).definition();
            v.eqn = writer(null).write(st.initial());
            collectUses(st.initial(), used);
            Expr rest = null;
            List<Term> ts = new ArrayList<>();
            terms(st.rate(), true, ts);
            for (Term t : ts) {
                String fk = t.expr() instanceof Expr.Ref r ? Names.key(r.name()) : null;
                if (fk != null && key.equals(t.plus() ? fills.get(fk) : drains.get(fk))) {
                    (t.plus() ? v.inflows : v.outflows).add(groups.get(fk).get(0).name());
                } else {
                    Expr term = t.plus() ? t.expr() : new Expr.Unary(t.expr().pos(), Expr.UnOp.NEG, t.expr());
                    rest = rest == null ? term : new Expr.Binary(t.expr().pos(), Expr.BinOp.ADD, rest, term);
                }
            }
            if (rest != null) {
                OutVar f = netFlow(v, key);
                f.eqn = writer(null).write(rest);
                collectUses(rest, uses.get(f.name));
            }
            return;
        }
        // element by element: initial values on the stock, rates on one generated flow
        OutVar f = netFlow(v, key);
        for (Equation e : g) {
            Equation.Stock st = (Equation.Stock) e.definition();
            for (Element el : expand(e)) {
                v.elements.put(el.label(), new OutVar.Element(writer(el.bindings()).write(st.initial()), null));
                f.elements.put(el.label(), new OutVar.Element(writer(el.bindings()).write(st.rate()), null));
            }
            collectUses(st.initial(), used);
            collectUses(st.rate(), uses.get(f.name));
        }
    }

    private OutVar netFlow(OutVar stock, String stockKey) {
        OutVar f = new OutVar(unique(stock.name + " net flow"), "flow");
        f.dims = stock.dims;
        f.units = stock.units.isEmpty() ? "" : stock.units + "/" + (timeUnits().isEmpty() ? "time" : timeUnits());
        out.put(Names.key(f.name), f);
        uses.put(f.name, new LinkedHashSet<>());
        fills.put(Names.key(f.name), stockKey);
        stock.inflows.add(f.name);
        return f;
    }

    // ---- elements ----

    private record Element(String label, Map<String, String> bindings) {}

    /** The elements an equation defines, in order, with the range bindings of each (the analyzer's own expansion). */
    private List<Element> expand(Equation eq) {
        List<Element> out = new ArrayList<>();
        for (Subscripts.Element e : subs.elementsOf(eq, Long.MAX_VALUE)) {
            List<String> shown = new ArrayList<>();
            for (String t : e.tuple()) shown.add(subs.elementName(t));
            out.add(new Element(String.join(", ", shown), e.bindings()));
        }
        return out;
    }

    // ---- what equations use, for the diagram's connectors ----

    private void collectUses(Expr e, Set<String> into) {
        walk(e, r -> {
            List<Equation> g = groups.get(Names.key(r.name()));
            if (g != null) into.add(g.get(0).name());
        });
        walkCalls(e, c -> {
            List<Equation> g = groups.get(Names.key(c.function()));
            if (g != null) into.add(g.get(0).name());
        });
    }

    private static void forEachExpr(Equation.Definition d, java.util.function.Consumer<Expr> f) {
        if (d instanceof Equation.Formula x) f.accept(x.expr());
        else if (d instanceof Equation.Unchangeable x) f.accept(x.expr());
        else if (d instanceof Equation.Stock x) {
            f.accept(x.rate());
            f.accept(x.initial());
        }
    }

    private static void walk(Expr e, java.util.function.Consumer<Expr.Ref> f) {
        Expr.walk(e, x -> {
            if (x instanceof Expr.Ref r) f.accept(r);
        });
    }

    private static void walkCalls(Expr e, java.util.function.Consumer<Expr.Call> f) {
        Expr.walk(e, x -> {
            if (x instanceof Expr.Call c) f.accept(c);
        });
    }
}
