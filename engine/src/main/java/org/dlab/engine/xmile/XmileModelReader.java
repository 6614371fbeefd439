package org.dlab.engine.xmile;

import static org.dlab.engine.xmile.GeneratedExpr.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.engine.xmile.XmileSymbols.Dim;
import org.dlab.engine.xmile.XmileSymbols.Gf;
import org.dlab.engine.xmile.XmileSymbols.Mode;
import org.dlab.engine.xmile.XmileSymbols.Var;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * Reads the {@code <variables>} of XMILE models into equations. First every variable of the
 * flattened model is collected (a module's variables under the prefix {@code instance.}, its
 * inputs bound to their sources through {@code <connect>}); then each becomes one equation, or
 * one per element for non-apply-to-all arrays.
 */
final class XmileModelReader {
    /** Modules nest at most this deep: deeper is taken for a module that contains itself. */
    private static final int MAX_DEPTH = 32;
    /** Module instances in all: each level holding two of the next is 2^depth instances. */
    static final int MAX_MODULE_INSTANCES = 10_000;
    private int moduleInstances;

    /** Defaults from {@code <behavior>}: whether stocks and flows are non-negative unless they say. */
    record Behavior(boolean stocks, boolean flows) {}

    /** A {@code <connect>}: names as written, and the prefixes they are read in (inside, outside the module). */
    private record Connection(Pos pos, String to, String from, String inner, String outer) {}

    private final XmileSymbols sym;
    private final Map<String, Element> models;
    private final Behavior behavior;
    private final Set<String> macros;
    private final List<Connection> connections = new ArrayList<>();

    XmileModelReader(XmileSymbols sym, Map<String, Element> models, Behavior behavior, Set<String> macros) {
        this.sym = sym;
        this.models = models;
        this.behavior = behavior;
        this.macros = macros;
    }

    // ---- collecting ----

    /** Collects the variables of {@code model} (and of the modules it holds) under {@code prefix}. */
    void collect(Element model, String prefix, int depth) {
        if (depth > MAX_DEPTH) throw new ModelException(model.pos, "modules nest more than " + MAX_DEPTH + " deep (does a module contain itself?)");
        // Stella 10 and earlier put the variables straight in <model>, without <variables>
        Element vars = model.child("variables") != null ? model.child("variables") : model;
        for (Element c : vars.children) {
            if (c.is("stock") || c.is("flow") || c.is("aux") || c.is("gf")) {
                add(c, prefix);
            } else if (c.is("module")) {
                module(c, prefix, depth);
            }
        }
        if (depth == 0) bindConnections();
    }

    private void add(Element c, String prefix) {
        String raw = c.attr("name");
        if (raw == null || raw.isBlank()) throw new ModelException(c.pos, "<" + c.name + "> without a name");
        if (c.child("oven") != null) {
            // isee's "Oven Computation" leaves open when the door closes, how the filling inflow is cut and when the outflow fires
            throw new ModelException(c.child("oven").pos, "oven stocks are not supported: isee's Oven Computation page does not fix the DT the door"
                    + " closes or the outflow fires, nor how much of the inflow a filling oven takes");
        }
        String name = prefix + XmileSymbols.displayName(raw);
        Var v = new Var(name, prefix, c, c.name.toLowerCase(Locale.ROOT), dimensions(c));
        if (c.is("gf")) {
            // an arrayed table may have its points only in its elements; the first gives the type
            Element first = c.all("element").isEmpty() ? null : c.all("element").get(0).child("gf");
            v.gf = c.child("ypts") == null && first != null ? gf(first) : gf(c);
            v.tableOnly = true;
        } else if (c.child("gf") != null) {
            v.gf = gf(c.child("gf"));
            // a graphical aux without an input is a named table, called like a function
            v.tableOnly = c.is("aux") && blank(c.childText("eqn")) && c.all("element").isEmpty();
        }
        if (sym.vars.containsKey(v.key)) throw new ModelException(c.pos, "'" + name + "' is defined more than once");
        sym.vars.put(v.key, v);
    }

    private static boolean blank(String eqn) {
        return eqn == null || eqn.replaceAll("\\{[^}]*\\}", "").isBlank();
    }

    private List<Dim> dimensions(Element c) {
        Element ds = c.child("dimensions");
        if (ds == null) return List.of();
        List<Dim> out = new ArrayList<>();
        for (Element d : ds.all("dim")) {
            String n = d.attr("name");
            Dim dim = n == null ? null : sym.dim(n);
            if (dim == null) throw new ModelException(d.pos, "unknown dimension '" + n + "' (declare it in <dimensions> at the top of the file)");
            out.add(dim);
        }
        return out;
    }

    private void module(Element c, String prefix, int depth) {
        String inst = c.attr("name");
        if (inst == null || inst.isBlank()) throw new ModelException(c.pos, "<module> without a name");
        inst = XmileSymbols.displayName(inst);
        String modelName = c.attr("model_name") != null ? c.attr("model_name") : inst;
        Element sub = models.get(Names.key(XmileSymbols.displayName(modelName)));
        if (sub == null) throw new ModelException(c.pos, "module '" + inst + "' refers to model '" + modelName + "', which the file does not define");
        String inner = prefix + inst + ".";
        sym.modules.merge(Names.key(inst), inner, (a, b) -> "");
        if (++moduleInstances > MAX_MODULE_INSTANCES) throw new ModelException(c.pos, "more than " + MAX_MODULE_INSTANCES + " module instances");
        collect(sub, inner, depth + 1);
        for (Element k : c.all("connect")) {
            String to = k.attr("to");
            String from = k.attr("from");
            if (to == null || from == null) throw new ModelException(k.pos, "<connect> needs both 'to' and 'from'");
            // a part with commas or dots is quoted: bio_fuel."Cost_of_..._taxes,_and_storage"
            to = XmileSymbols.displayName(to).replace("\"", "");
            from = XmileSymbols.displayName(from).replace("\"", "");
            if (to.startsWith(".")) to = to.substring(1);
            // Stella Architect qualifies the target with the instance: to="hares.area"
            int dot = to.indexOf('.');
            if (dot > 0 && Names.key(to.substring(0, dot)).equals(Names.key(inst))) to = to.substring(dot + 1);
            if (from.startsWith(".")) from = from.substring(1);
            connections.add(new Connection(k.pos, to, from, inner, prefix));
        }
    }

    private void bindConnections() {
        for (Connection k : connections) {
            Var to = scoped(k.inner(), k.to());
            if (to == null) throw new ModelException(k.pos(), "connection to '" + k.inner() + k.to() + "', which the module does not define");
            Var from = scoped(k.outer(), k.from());
            if (from == null) throw new ModelException(k.pos(), "connection from '" + k.outer() + k.from() + "', which is not defined");
            to.connectedFrom = from.name;
        }
    }

    /** A name in the scope of {@code prefix}, else {@code Module.name} through the module's instance name. */
    private Var scoped(String prefix, String name) {
        Var v = sym.var(prefix + name);
        return v != null ? v : sym.varInModule(name);
    }

    private Gf gf(Element g) {
        String type = g.attr("type");
        Mode mode = type == null ? Mode.CONTINUOUS : switch (type.trim().toLowerCase(Locale.ROOT)) {
            case "extrapolate" -> Mode.EXTRAPOLATE;
            case "discrete" -> Mode.DISCRETE;
            case "continuous", "" -> Mode.CONTINUOUS;
            default -> throw new ModelException(g.pos, "unknown graphical function type '" + type + "' (continuous, extrapolate, discrete)");
        };
        if ("true".equalsIgnoreCase(String.valueOf(g.attr("discrete")).trim())) mode = Mode.DISCRETE;
        double[] ys = numbers(g.child("ypts"), g);
        if (ys == null) throw new ModelException(g.pos, "graphical function without <ypts>");
        double[] xs = numbers(g.child("xpts"), g);
        if (xs == null) {
            Element xscale = g.child("xscale");
            if (xscale == null) throw new ModelException(g.pos, "graphical function needs <xpts> or <xscale>");
            double min = number(xscale, "min");
            double max = number(xscale, "max");
            xs = new double[ys.length];
            for (int i = 0; i < xs.length; i++) xs[i] = ys.length == 1 ? min : min + (max - min) * i / (ys.length - 1);
        }
        if (xs.length != ys.length) {
            throw new ModelException(g.pos, "graphical function has " + xs.length + " x values but " + ys.length + " y values");
        }
        if (xs.length == 0) throw new ModelException(g.pos, "graphical function without points");
        for (int i = 1; i < xs.length; i++) {
            if (xs[i] < xs[i - 1]) throw new ModelException(g.pos, "graphical function x values must not decrease (" + xs[i - 1] + " then " + xs[i] + ")");
        }
        return new Gf(g.pos, xs, ys, mode);
    }

    private static double number(Element e, String attr) {
        String s = e.attr(attr);
        try {
            return Double.parseDouble(s == null ? "" : s.trim());
        } catch (NumberFormatException x) {
            throw new ModelException(e.pos, "<" + e.name + "> needs a number in '" + attr + "', got '" + s + "'");
        }
    }

    /** The numbers of {@code <xpts>}/{@code <ypts>}, separated by commas or the element's {@code sep}. */
    private static double[] numbers(Element pts, Element gf) {
        if (pts == null) return null;
        String sep = pts.attr("sep") == null || pts.attr("sep").isEmpty() ? "," : pts.attr("sep");
        String text = pts.text().trim();
        if (text.isEmpty()) return new double[0];
        String[] parts = text.split(java.util.regex.Pattern.quote(sep));
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException x) {
                throw new ModelException(pts.text.pos(text.isEmpty() ? 0 : pts.text().indexOf(parts[i].trim())),
                        "graphical function point '" + parts[i].trim() + "' is not a number");
            }
        }
        return out;
    }

    // ---- building equations ----

    /** Every collected variable as equations; {@code locals} are a macro's names (else null). */
    List<Equation> equations(Set<String> locals) {
        List<Equation> out = new ArrayList<>();
        conveyors = new Conveyors(sym, macros);
        queues = new Queues(sym);
        for (Var v : sym.vars.values()) build(v, locals, out);
        out.addAll(conveyors.hidden());
        return out;
    }

    private Conveyors conveyors;
    private Queues queues;

    /** Where the first queue stock is (null if none): queues are computed per DT, so only Euler runs them. */
    Pos firstQueue() {
        return queues == null ? null : queues.first();
    }

    private ExprRewriter rewriter(Var v, List<String> element, Set<String> locals) {
        return new ExprRewriter(sym, v.prefix, v, element, locals, macros);
    }


    private void build(Var v, Set<String> locals, List<Equation> out) {
        Element c = v.element;
        String units = c.childText("units") == null ? "" : c.childText("units").trim();
        String doc = c.childText("doc") == null ? "" : c.childText("doc").replaceAll("\\s+", " ").trim();
        if (v.connectedFrom != null) {
            // the source is a full name: resolve it at the top, not inside the module
            Expr src = new ExprRewriter(sym, "", v, null, locals, macros).rewrite(new Expr.Ref(c.pos, v.connectedFrom, List.of()));
            out.add(new Equation(c.pos, v.name, dimNames(v), List.of(), new Equation.Formula(src), units, doc));
            return;
        }
        if (v.tableOnly) {
            tables(v, units, doc, out);
            return;
        }
        if (v.series != null) {
            // a time-varying data import: the column read at TIME, linear between rows, held beyond
            Expr.Table t = new Expr.Table(c.pos, v.series[0], v.series[1]);
            Expr at = new Expr.Call(c.pos, "WITH LOOKUP", List.of(new Expr.Ref(c.pos, "Time", List.of()), t));
            out.add(new Equation(c.pos, v.name, dimNames(v), List.of(), new Equation.Formula(at), units, doc));
            return;
        }
        if (conveyors.isOutflow(v)) {
            out.add(conveyors.outflow(v, units, doc));
            return;
        }
        if (queues.isOutflow(v)) {
            out.add(queues.outflow(v, units, doc));
            return;
        }
        if (conveyors.isLeak(v)) {
            List<Equation> own = new ArrayList<>();
            plain(v, locals, own, units, doc);
            out.addAll(conveyors.leak(v, own, units, doc));
            return;
        }
        plain(v, locals, out, units, doc);
    }

    private void plain(Var v, Set<String> locals, List<Equation> out, String units, String doc) {
        Element c = v.element;
        List<Element> elements = c.all("element");
        if (elements.isEmpty()) {
            List<Expr> eqn = eqn(c, v);
            if (c.all("eqn").size() > 1) {
                // one <eqn> per element, in order (some converters write arrays this way)
                eqn = new ArrayList<>();
                for (Element e : c.all("eqn")) eqn.addAll(XmileExprParser.parse(e.text(), e.text));
            }
            if (eqn.size() > 1) {
                // a list of values, one per element in order
                List<List<String>> tuples = tuples(v);
                if (tuples.size() != eqn.size()) {
                    throw new ModelException(c.pos, "'" + v.name + "' lists " + eqn.size() + " values for " + tuples.size() + " elements");
                }
                for (int i = 0; i < tuples.size(); i++) {
                    out.add(new Equation(c.pos, v.name, tuples.get(i), List.of(), definition(v, c, List.of(eqn.get(i)), tuples.get(i), locals), units, doc));
                }
                return;
            }
            if (eqn.size() == 1 && !v.dims.isEmpty() && ElementExpansion.readsOwnElements(eqn.get(0), v, sym)) {
                long count = 1;
                for (Dim d : v.dims) count *= d.elements().size();
                if (count > ElementExpansion.MAX_ELEMENTS) {
                    throw new ModelException(c.pos, "'" + v.name + "' reads its own elements and has " + count + " of them; at most "
                            + ElementExpansion.MAX_ELEMENTS + " are written one by one");
                }
                for (List<String> t : tuples(v)) {
                    Expr one = ElementExpansion.forElement(eqn.get(0), ElementExpansion.positions(v.dims, t), sym, v);
                    out.add(new Equation(c.pos, v.name, t, List.of(), definition(v, c, List.of(one), t, locals), units, doc));
                }
                return;
            }
            out.add(new Equation(c.pos, v.name, dimNames(v), List.of(), definition(v, c, eqn, null, locals), units, doc));
            return;
        }
        if (v.dims.isEmpty()) throw new ModelException(elements.get(0).pos, "'" + v.name + "' has <element> definitions but no <dimensions>");
        for (Element e : elements) {
            List<String> tuple = subscript(e, v);
            out.add(new Equation(e.pos, v.name, tuple, List.of(), definition(v, e, eqn(e, v), tuple, locals), units, doc));
        }
    }

    /** The equation of a variable or element, parsed; empty when it has none. */
    private static List<Expr> eqn(Element c, Var v) {
        Element e = c.child("eqn");
        if (e == null) return List.of();
        return XmileExprParser.parse(e.text(), e.text);
    }

    private Equation.Definition definition(Var v, Element at, List<Expr> eqn, List<String> element, Set<String> locals) {
        ExprRewriter rw = rewriter(v, element, locals);
        if (eqn.isEmpty()) throw new ModelException(at.pos, "'" + v.name + "' has no equation");
        Expr e = rw.rewrite(v.kind.equals("stock") ? conveyors.initial(v, eqn.get(0)) : eqn.get(0));
        if (v.kind.equals("stock")) {
            return new Equation.Stock(rate(v, rw), e, nonNegative(v.element, behavior.stocks()));
        }
        Gf gf = at.child("gf") != null && at != v.element ? gf(at.child("gf")) : v.gf;
        if (gf != null) e = ExprRewriter.applyGf(at.pos, gf, e);
        if (v.kind.equals("flow") && (nonNegative(v.element, behavior.flows()) || queues.isInflow(v))) {
            // a uniflow never runs backwards
            e = new Expr.Call(at.pos, "MAX", List.of(new Expr.Num(at.pos, 0), e));
        }
        return new Equation.Formula(e);
    }

    /** Sum of inflows minus sum of outflows, each subscripted like the stock. */
    private static Expr rate(Var v, ExprRewriter rw) {
        Expr rate = null;
        for (Element f : v.element.children) {
            boolean in = f.is("inflow");
            if (!in && !f.is("outflow")) continue;
            String name = f.text().trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
            name = XmileSymbols.displayName(name);
            Pos p = f.text.pos(f.text().length() - f.text().stripLeading().length());
            Expr flow = rw.rewrite(new Expr.Ref(p, name, List.of()));
            if (rate == null) rate = in ? flow : new Expr.Unary(p, Expr.UnOp.NEG, flow);
            else rate = new Expr.Binary(p, in ? Expr.BinOp.ADD : Expr.BinOp.SUB, rate, flow);
        }
        return rate == null ? new Expr.Num(v.element.pos, 0) : rate;
    }

    /** {@code <non_negative/>} or {@code <non_negative>true|false</non_negative>}, else the default. */
    private static boolean nonNegative(Element c, boolean dflt) {
        Element n = c.child("non_negative");
        if (n == null) return dflt;
        String t = n.text().trim();
        return !t.equalsIgnoreCase("false");
    }

    private void tables(Var v, String units, String doc, List<Equation> out) {
        List<Element> elements = v.element.all("element");
        if (elements.isEmpty()) {
            out.add(new Equation(v.element.pos, v.name, dimNames(v), List.of(), lookup(v.gf), units, doc));
            return;
        }
        for (Element e : elements) {
            Gf gf = e.child("gf") != null ? gf(e.child("gf")) : v.gf;
            out.add(new Equation(e.pos, v.name, subscript(e, v), List.of(), lookup(gf), units, doc));
        }
    }

    private static Equation.Lookup lookup(Gf gf) {
        return new Equation.Lookup(gf.xs(), gf.ys(), gf.mode().name().toLowerCase(Locale.ROOT));
    }

    /** {@code subscript="A, B"}: the element names, checked against the variable's dimensions. */
    private static List<String> subscript(Element e, Var v) {
        String s = e.attr("subscript");
        if (s == null) throw new ModelException(e.pos, "<element> without a subscript");
        String[] parts = s.split(",");
        if (parts.length != v.dims.size()) {
            throw new ModelException(e.pos, "subscript \"" + s + "\" has " + parts.length + " element(s); '" + v.name + "' has " + v.dims.size() + " dimension(s)");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Dim d = v.dims.get(i);
            String el = d.element(parts[i].trim());
            if (el == null) throw new ModelException(e.pos, "'" + parts[i].trim() + "' is not an element of dimension '" + d.name() + "'");
            out.add(el);
        }
        return out;
    }

    /** Every element tuple of an arrayed variable, the last dimension varying fastest. */
    private static List<List<String>> tuples(Var v) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (Dim d : v.dims) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> t : out) {
                for (String e : d.elements()) {
                    List<String> u = new ArrayList<>(t);
                    u.add(e);
                    next.add(u);
                }
            }
            out = next;
        }
        return out;
    }

    static Map<String, Element> modelsByName(List<Element> models) {
        Map<String, Element> out = new LinkedHashMap<>();
        for (Element m : models) {
            String n = m.attr("name");
            if (n != null) out.putIfAbsent(Names.key(XmileSymbols.displayName(n)), m);
        }
        return out;
    }
}
