package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.Names;
import org.dlab.engine.xmile.XmileSymbols.Dim;
import org.dlab.engine.xmile.XmileSymbols.Gf;
import org.dlab.engine.xmile.XmileSymbols.Var;

/**
 * Turns an expression as XMILE writes it into the engine's neutral form: names get their
 * module prefix, bare references to arrays get the subscripts XMILE leaves implicit, {@code *}
 * and unbound dimensions inside array functions become reductions, numeric subscripts become
 * elements, graphical functions called by name become table look-ups, and XMILE builtins are
 * mapped onto the function library ({@code SMTH1} is SMOOTH, {@code DT} is TIME STEP...).
 */
final class ExprRewriter {
    private final XmileSymbols sym;
    private final String prefix;
    private final Var owner;
    /** The element being defined by a non-apply-to-all {@code <element>}, else null. */
    private final List<String> element;
    /** Inside a macro: its parameters and variables, which are never prefixed. */
    private final Set<String> locals;
    private final Set<String> macros;

    ExprRewriter(XmileSymbols sym, String prefix, Var owner, List<String> element, Set<String> locals, Set<String> macros) {
        this.sym = sym;
        this.prefix = prefix;
        this.owner = owner;
        this.element = element;
        this.locals = locals;
        this.macros = macros;
    }

    Expr rewrite(Expr e) {
        return rewrite(e, false);
    }

    private Expr rewrite(Expr e, boolean reducing) {
        if (e instanceof Expr.Binary b) return new Expr.Binary(b.pos(), b.op(), rewrite(b.left(), reducing), rewrite(b.right(), reducing));
        if (e instanceof Expr.Unary u) return new Expr.Unary(u.pos(), u.op(), rewrite(u.operand(), reducing));
        if (e instanceof Expr.Ref r) return ref(r, reducing);
        if (e instanceof Expr.Call c) return call(c, reducing);
        return e;
    }

    /** The variable a name written in this scope refers to: first in the module, then at the top. */
    private Var resolve(String written) {
        if (locals != null && locals.contains(Names.key(written))) return null;
        String w = written.startsWith(".") ? written.substring(1) : written;
        Var v = sym.var(prefix + w);
        // Stella's SELF is the variable being defined (PREVIOUS(SELF, 0))
        if (v == null && owner != null && Names.key(w).equals("self")) return owner;
        if (v == null && !prefix.isEmpty()) v = sym.var(w);
        if (v == null) v = sym.varInModule(w);
        return v;
    }

    private List<Dim> ownerDims() {
        return owner == null ? List.of() : owner.dims;
    }

    private Expr ref(Expr.Ref r, boolean reducing) {
        Var v = resolve(r.name());
        if (v == null) {
            if (r.subs().isEmpty()) {
                Expr special = special(r.pos(), Names.key(r.name()));
                if (special != null) return special;
                String el = dottedElement(r.name());
                if (el != null) return new Expr.Ref(r.pos(), el, List.of());
            }
            boolean local = locals != null && locals.contains(Names.key(r.name()));
            String name = local || sym.dim(r.name()) != null ? r.name() : prefix + r.name();
            return new Expr.Ref(r.pos(), name, subscripts(r, null, reducing));
        }
        if (variableSubscript(r, v)) {
            // x[selected_case]: a variable used as a subscript is a computed position
            List<Expr> args = new ArrayList<>();
            args.add(new Expr.Ref(r.pos(), r.name(), List.of()));
            for (int i = 0; i < r.subs().size(); i++) {
                Expr.Sub s = r.subs().get(i);
                Expr plain = new Expr.Ref(r.pos(), s.name(), List.of());
                args.add(isVariableSubscript(s, v.dims.get(i)) ? new Expr.Call(r.pos(), XmileExprParser.INDEX, List.of(plain)) : plain);
            }
            return computed(new Expr.Call(r.pos(), XmileExprParser.COMPUTED, args), reducing);
        }
        return new Expr.Ref(r.pos(), v.name, subscripts(r, v, reducing));
    }

    private boolean variableSubscript(Expr.Ref r, Var v) {
        if (r.subs().size() != v.dims.size()) return false;
        for (int i = 0; i < r.subs().size(); i++) if (isVariableSubscript(r.subs().get(i), v.dims.get(i))) return true;
        return false;
    }

    /** A subscript that names no element, dimension or position, but a variable. */
    private boolean isVariableSubscript(Expr.Sub s, Dim d) {
        String n = s.name();
        if (n.equals("*") || d.element(n) != null || sym.dim(n) != null || dottedElement(n) != null) return false;
        if (n.chars().allMatch(Character::isDigit)) return false;
        return resolve(n) != null;
    }

    /** XMILE's names for the clock and constants, when the model has no variable of that name. */
    private static Expr special(Pos pos, String key) {
        return switch (key) {
            case "time" -> new Expr.Ref(pos, "Time", List.of());
            case "dt" -> new Expr.Ref(pos, "TIME STEP", List.of());
            case "starttime" -> new Expr.Ref(pos, "INITIAL TIME", List.of());
            case "stoptime" -> new Expr.Ref(pos, "FINAL TIME", List.of());
            case "pi" -> new Expr.Num(pos, Math.PI);
            case "nan" -> new Expr.Num(pos, Double.NaN); // XMILE's NaN is IEEE NaN, not Vensim's :NA:
            case "inf", "infinity" -> new Expr.Num(pos, Double.POSITIVE_INFINITY);
            default -> null;
        };
    }

    /** {@code Dim.elem}: the element, or null when the name is not of that form. */
    private String dottedElement(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0) return null;
        Dim d = sym.dim(name.substring(0, dot));
        return d == null ? null : d.element(name.substring(dot + 1));
    }

    private List<Expr.Sub> subscripts(Expr.Ref r, Var v, boolean reducing) {
        List<Dim> dims = v == null ? List.of() : v.dims;
        List<Expr.Sub> out = new ArrayList<>();
        if (r.subs().isEmpty()) {
            // XMILE leaves subscripts implicit: the same dimensions as the variable being defined
            for (Dim d : dims) out.add(dimension(d, reducing));
            return out;
        }
        if (v != null && r.subs().size() != dims.size()) {
            throw new ModelException(r.pos(), "'" + r.name() + "' has " + dims.size() + " dimension(s) but is written with "
                    + r.subs().size() + " subscript(s)");
        }
        for (int i = 0; i < r.subs().size(); i++) {
            Expr.Sub s = r.subs().get(i);
            Dim di = i < dims.size() ? dims.get(i) : null;
            if (s.name().equals("*")) {
                if (di == null) throw new ModelException(r.pos(), "'*' needs a variable with dimensions");
                out.add(new Expr.Sub(di.name(), true));
                continue;
            }
            String el = di == null ? null : di.element(s.name());
            if (el == null && di != null && s.name().chars().allMatch(Character::isDigit)) {
                int k = Integer.parseInt(s.name());
                if (k < 1 || k > di.elements().size()) {
                    throw new ModelException(r.pos(), "index " + k + " is outside dimension '" + di.name() + "' (1 to " + di.elements().size() + ")");
                }
                el = di.elements().get(k - 1);
            }
            if (el == null) el = dottedElement(s.name());
            if (el != null) {
                out.add(new Expr.Sub(el, false));
                continue;
            }
            Dim named = sym.dim(s.name());
            out.add(named != null ? dimension(named, reducing) : new Expr.Sub(s.name(), false));
        }
        return out;
    }

    /**
     * A dimension written (or implied) in a reference: the current element when the variable
     * being defined has that dimension, else a reduction inside an array function.
     */
    private Expr.Sub dimension(Dim d, boolean reducing) {
        int k = ownerDims().indexOf(d);
        if (k >= 0) return new Expr.Sub(element != null ? element.get(k) : d.name(), false);
        return new Expr.Sub(d.name(), reducing);
    }

    // ---- calls ----

    private static final Set<String> REDUCERS = Set.of("sum", "prod", "mean", "stddev", "size", "min", "max", "rank");

    private Expr call(Expr.Call c, boolean reducing) {
        if (c.function().equals(XmileExprParser.COMPUTED)) return computed(c, reducing);
        String fk = Names.key(c.function());
        Var v = resolve(c.function());
        if (v != null) {
            if (c.args().size() == 1 && (v.tableOnly || v.gf != null)) return table(c.pos(), v, rewrite(c.args().get(0), reducing));
            throw new ModelException(c.pos(), "'" + c.function() + "' is a variable, not a function or graphical function");
        }
        boolean reduce = REDUCERS.contains(fk) && (c.args().size() == 1 || fk.equals("rank") || fk.equals("mean"));
        if (reduce && c.args().get(0) instanceof Expr.Ref r0) Queues.refuseBatchReading(c, resolve(r0.name()), r0);
        List<Expr> a = new ArrayList<>();
        for (int i = 0; i < c.args().size(); i++) {
            Expr arg = c.args().get(i);
            if (fk.equals("lookup") && i == 0) {
                a.add(arg);
                continue;
            }
            a.add(rewrite(arg, reduce && (i == 0 || fk.equals("mean")) || reducing && !reduce));
        }
        if (macros.contains(fk)) {
            List<Double> defaults = sym.macroDefaults.get(fk);
            // a call may leave out trailing parameters that have defaults
            while (defaults != null && a.size() < defaults.size() && defaults.get(a.size()) != null) a.add(new Expr.Num(c.pos(), defaults.get(a.size())));
            return new Expr.Call(c.pos(), c.function(), a);
        }
        return builtin(c, fk, a);
    }

    /**
     * {@code x[Run, Dim-1]}, {@code x[i[Run]]}: the element at a computed (1-based) position. It
     * is read as VECTOR ELM MAP from the element the plain subscripts and the current element
     * name (the first element where the equation has no such dimension), offset by the
     * row-major distance; a position outside its dimension reads 0, as Stella runs FRIDA's
     * vintage chain {@code Aging_Out[Run, Age-1]} (its first group has no predecessor).
     */
    private Expr computed(Expr.Call c, boolean reducing) {
        Pos p = c.pos();
        Expr.Ref head = (Expr.Ref) c.args().get(0);
        Var v = resolve(head.name());
        if (v == null) throw new ModelException(p, "'" + head.name() + "' is not a variable of this model; only variables take computed subscripts");
        int n = c.args().size() - 1;
        if (n != v.dims.size()) {
            throw new ModelException(p, "'" + head.name() + "' has " + v.dims.size() + " dimension(s) but is written with " + n + " subscript(s)");
        }
        List<Expr.Sub> fixed = constantPositions(c, v, reducing);
        if (fixed != null) return fixed.isEmpty() ? new Expr.Num(p, 0) : ref(new Expr.Ref(p, head.name(), fixed), reducing);
        List<Expr.Sub> base = new ArrayList<>();
        Expr offset = null;
        Expr inside = null;
        long stride = 1;
        for (int i = n - 1; i >= 0; i--) {
            Dim d = v.dims.get(i);
            Expr a = c.args().get(i + 1);
            if (!(a instanceof Expr.Call ix && ix.function().equals(XmileExprParser.INDEX))) {
                base.add(0, new Expr.Sub(((Expr.Ref) a).name(), ((Expr.Ref) a).name().equals("*")));
            } else {
                Expr e = rewrite(ix.args().get(0), reducing);
                boolean current = ownerDims().contains(d);
                base.add(0, new Expr.Sub(current ? d.name() : d.elements().get(0), false));
                Expr from = current ? rewrite(new Expr.Ref(p, d.name(), List.of()), reducing) : new Expr.Num(p, 1);
                Expr delta = new Expr.Binary(p, Expr.BinOp.MUL, new Expr.Binary(p, Expr.BinOp.SUB, e, from), new Expr.Num(p, stride));
                offset = offset == null ? delta : new Expr.Binary(p, Expr.BinOp.ADD, offset, delta);
                Expr ok = new Expr.Binary(p, Expr.BinOp.AND, new Expr.Binary(p, Expr.BinOp.GE, e, new Expr.Num(p, 1)),
                        new Expr.Binary(p, Expr.BinOp.LT, e, new Expr.Num(p, d.elements().size() + 1)));
                inside = inside == null ? ok : new Expr.Binary(p, Expr.BinOp.AND, inside, ok);
            }
            stride *= d.elements().size();
        }
        Expr ref = ref(new Expr.Ref(p, head.name(), base), reducing);
        Expr elm = new Expr.Call(p, "VECTOR ELM MAP", List.of(ref, offset));
        return new Expr.Call(p, "IF THEN ELSE", List.of(inside, elm, new Expr.Num(p, 0)));
    }

    /** A reference whose {@code *} runs over a dimension of the equation: its current element instead (ALLOCATE's requests). */
    private Expr current(Expr e) {
        if (!(e instanceof Expr.Ref r)) return e;
        List<Expr.Sub> subs = new ArrayList<>();
        for (Expr.Sub s : r.subs()) {
            Dim d = s.reduce() ? sym.dim(s.name()) : null;
            subs.add(d != null && ownerDims().contains(d) ? dimension(d, false) : s);
        }
        return new Expr.Ref(r.pos(), r.name(), subs);
    }

    /**
     * The subscripts of a computed reference whose positions are all numbers (an element of an
     * expanded equation): plain elements, empty when one is outside its dimension (reads 0),
     * null when a position is only known at run time.
     */
    private List<Expr.Sub> constantPositions(Expr.Call c, Var v, boolean reducing) {
        List<Expr.Sub> out = new ArrayList<>();
        boolean outside = false;
        for (int i = 0; i < v.dims.size(); i++) {
            Expr a = c.args().get(i + 1);
            if (a instanceof Expr.Call ix && ix.function().equals(XmileExprParser.INDEX)) {
                if (!(ix.args().get(0) instanceof Expr.Num n)) return null;
                int k = (int) Math.floor(n.value());
                List<String> els = v.dims.get(i).elements();
                if (k < 1 || k > els.size()) outside = true;
                else out.add(new Expr.Sub(els.get(k - 1), false));
            } else {
                String name = ((Expr.Ref) a).name();
                out.add(new Expr.Sub(name, name.equals("*")));
            }
        }
        return outside ? List.of() : out;
    }

    /** A graphical function applied to x, read the way its type says. */
    private Expr table(Pos pos, Var v, Expr x) {
        if (v.tableOnly) return lookupCall(pos, v, new Expr.Ref(pos, v.name, subscripts(new Expr.Ref(pos, v.name, List.of()), v, false)), x);
        return applyGf(pos, v.gf, x);
    }

    /** A named table (the reference picks its element when arrayed) applied to x. */
    private static Expr lookupCall(Pos pos, Var v, Expr.Ref ref, Expr x) {
        return switch (v.gf.mode()) {
            case CONTINUOUS -> new Expr.LookupCall(pos, ref, x);
            case EXTRAPOLATE -> new Expr.Call(pos, "LOOKUP EXTRAPOLATE", List.of(ref, x));
            case DISCRETE -> new Expr.Call(pos, "LOOKUP BACKWARD", List.of(ref, x));
        };
    }

    /** An inline graphical function applied to x. */
    static Expr applyGf(Pos pos, Gf gf, Expr x) {
        Expr.Table t = new Expr.Table(gf.pos(), gf.xs(), gf.ys());
        return switch (gf.mode()) {
            case CONTINUOUS -> new Expr.Call(pos, "WITH LOOKUP", List.of(x, t));
            case EXTRAPOLATE -> new Expr.Call(pos, "LOOKUP EXTRAPOLATE", List.of(t, x));
            case DISCRETE -> new Expr.Call(pos, "LOOKUP BACKWARD", List.of(t, x));
        };
    }

    private static ModelException arity(Expr.Call c, String want) {
        return new ModelException(c.pos(), c.function().toUpperCase(java.util.Locale.ROOT) + " takes " + want + " arguments, got " + c.args().size());
    }

    /** XMILE builtins whose name or arguments differ from the library's; others pass through. */
    private Expr builtin(Expr.Call c, String fk, List<Expr> a) {
        Pos p = c.pos();
        int n = a.size();
        switch (fk) {
            case "nan" -> {
                // Stella's causal-loop-diagram variables: NAN(causes...) lists what they depend on, its value is NaN whatever they are
                return new Expr.Num(p, Double.NaN);
            }
            case "time", "dt", "starttime", "stoptime", "pi" -> {
                if (n != 0) throw arity(c, "no");
                return special(p, fk);
            }
            case "lookup" -> {
                if (n != 2) throw arity(c, "2");
                Var t = a.get(0) instanceof Expr.Ref r ? resolve(r.name()) : null;
                if (t == null || !(t.tableOnly || t.gf != null)) {
                    throw new ModelException(p, "the first argument of LOOKUP must name a graphical function");
                }
                Expr.Ref r = (Expr.Ref) a.get(0);
                // LOOKUP(table[element], x) picks one table of an arrayed graphical function
                return t.tableOnly && !r.subs().isEmpty() ? lookupCall(p, t, (Expr.Ref) ref(r, false), a.get(1)) : table(p, t, a.get(1));
            }
            case "log10" -> {
                if (n != 1) throw arity(c, "1");
                return new Expr.Call(p, "LOG", List.of(a.get(0), new Expr.Num(p, 10)));
            }
            case "init" -> {
                return new Expr.Call(p, "INITIAL", a);
            }
            case "min", "max" -> {
                if (n < 1) throw arity(c, "1 or more");
                Expr acc = n == 1 ? new Expr.Call(p, c.function(), a) : new Expr.Call(p, c.function(), List.of(a.get(0), a.get(1)));
                for (int i = 2; i < n; i++) acc = new Expr.Call(p, c.function(), List.of(acc, a.get(i)));
                return acc;
            }
            case "delay1", "delay3" -> {
                if (n < 2 || n > 3) throw arity(c, "2 or 3");
                return new Expr.Call(p, fk + (n == 3 ? "i" : ""), a);
            }
            case "smth1", "smth3" -> {
                if (n < 2 || n > 3) throw arity(c, "2 or 3");
                return new Expr.Call(p, (fk.equals("smth1") ? "smooth" : "smooth3") + (n == 3 ? "i" : ""), a);
            }
            case "trend" -> {
                if (n < 2 || n > 3) throw arity(c, "2 or 3");
                return new Expr.Call(p, "TREND", n == 3 ? a : List.of(a.get(0), a.get(1), new Expr.Num(p, 0)));
            }
            case "pulse" -> {
                // XMILE's PULSE(volume, first, interval) is not Vensim's PULSE(start, width)
                return new Expr.Call(p, "XMILE PULSE", a);
            }
            case "random" -> {
                if (n < 2 || n > 3) throw arity(c, "2 or 3");
                return new Expr.Call(p, "RANDOM UNIFORM", a.subList(0, 2));
            }
            case "mod" -> {
                return new Expr.Call(p, "MODULO", a);
            }
            case "allocate" -> {
                if (n < 5 || n > 6) throw arity(c, "5 or 6");
                // the dimension argument only names what the requests run along; they run along their last subscript
                List<Expr> b = new ArrayList<>(a);
                b.remove(1);
                b.set(1, current(b.get(1)));
                b.set(2, current(b.get(2)));
                return new Expr.Call(p, "STELLA ALLOCATE", b);
            }
            default -> {
                // an XMILE name of a builtin row that the library does not know by that name is the row's Vensim name
                Builtin b = Builtin.ofXmile(fk);
                boolean rename = b != null && !b.names.isEmpty() && !b.names.contains(fk);
                return new Expr.Call(p, rename ? b.names.get(0) : c.function(), a);
            }
        }
    }
}
