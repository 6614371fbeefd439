package org.dlab.engine.xmile;

import static org.dlab.engine.xmile.GeneratedExpr.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.xmile.XmileSymbols.Var;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * Conveyor stocks (XMILE 1.0 section 4.2.1; isee "Conveyor Computation"): what flows in during a
 * DT rides the belt for the transit time and then leaves by the first outflow that is not a
 * leak; the initial contents are spread evenly along the belt. A leak flow's equation is its
 * leakage fraction; with {@code exponential_leak} each part of the belt loses that fraction of
 * what it holds per time unit; without it (linear, Stella's default) each slat loses that
 * fraction of what it entered with over its ride, evenly per DT ({@link LinearLeaks}).
 *
 * <p>Built from DELAY FIXED, exactly for a transit time that stays what it was at the start:
 * the outflow is the inflow of one transit time ago, times what survived the leaks since. The
 * survival is exp(M(t) - M(t - T)) with M the running sum of ln(1 - DT * fraction) (a hidden
 * stock), so a fraction that changes over time is followed step by step; leak flows take
 * fraction * contents, so the stock stays the sum of its belt. Linear leaks: {@link LinearLeaks}.
 */
final class Conveyors {
    /** {@code profile}: an initial value written as an array over ages (x[*]), else null. */
    private record Belt(Var stock, Var out, List<Var> leaks, boolean linear, Expr transit, Expr transitRaw, Expr.Ref profile) {}

    /**
     * Options kept refused, with the reason: isee's Equation tab page ("Conveyor options",
     * iseesystems.com/resources/help/v3/Content/08-Reference/01-ObjectsAndProperties/01-BuildingBlocks/07-SharedProperties/Equation_tab.htm) names
     * capacity and the inflow limit ("subject to the inflow limit and capacity constraint") but
     * the pages read for this engine do not state their rule (how much of the inflow is held
     * back, which of several inflows yields, where the held-back material stays), nor arrest's.
     */
    private static final List<String[]> REFUSED = List.of(
            new String[] {"capacity", "the rule by which a capacity holds back the inflows is not stated in the isee pages this engine follows"},
            new String[] {"in_limit", "the rule by which an inflow limit holds back several inflows is not stated in the isee pages this engine follows"},
            new String[] {"arrest", "what an arrested conveyor does with its inflows, leaks and initial layout is not stated in the isee pages this engine follows"},
            new String[] {"sample", "a transit time that changes is not followed (it is read once, at the start)"});

    private final XmileSymbols sym;
    private final Set<String> macros;
    private final Map<String, Belt> byOutflow = new HashMap<>();
    private final Map<String, Belt> byLeak = new HashMap<>();
    private final List<Belt> belts = new ArrayList<>();

    Conveyors(XmileSymbols sym, Set<String> macros) {
        this.sym = sym;
        this.macros = macros;
        for (Var v : sym.vars.values()) {
            Element c = v.kind.equals("stock") ? v.element.child("conveyor") : null;
            if (c != null && v.connectedFrom == null) belt(v, c);
        }
    }

    private void belt(Var s, Element c) {
        for (String[] unsupported : REFUSED) {
            Element e = c.child(unsupported[0]);
            if (e != null) throw new ModelException(e.pos, "conveyor <" + unsupported[0] + "> is not supported yet: " + unsupported[1] + " ('" + s.name + "')");
        }
        for (String flag : List.of("discrete", "batch_integrity", "one_at_a_time")) {
            if ("true".equalsIgnoreCase(String.valueOf(c.attr(flag)).trim())) {
                throw new ModelException(c.pos, "conveyor " + flag + "=\"true\" is not supported yet: discrete packages and queue batches"
                        + " have no engine counterpart ('" + s.name + "')");
            }
        }
        Element len = c.child("len");
        if (len == null || len.text().isBlank()) throw new ModelException(c.pos, "conveyor '" + s.name + "' has no <len> (transit time)");
        boolean exponential = "true".equalsIgnoreCase(String.valueOf(c.attr("exponential_leak")).trim());
        Var out = null;
        List<Var> leaks = new ArrayList<>();
        for (Element f : s.element.all("outflow")) {
            Var fv = flow(s, f);
            if (fv.element.child("leak") != null) {
                LinearLeaks.checkLeak(fv);
                leaks.add(fv);
            } else if (out == null) {
                out = fv;
            }
        }
        boolean linear = !exponential && !leaks.isEmpty();
        Expr.Ref profile = profile(s);
        if (linear && profile != null) throw new ModelException(s.element.pos, LinearLeaks.PROFILE_REFUSED + " ('" + s.name + "')");
        Expr raw = XmileExprParser.parse(len.text(), len.text).get(0);
        Belt b = new Belt(s, out, leaks, linear, rewriter(s).rewrite(raw), raw, profile);
        belts.add(b);
        if (out != null) byOutflow.put(out.key, b);
        for (Var l : leaks) byLeak.put(l.key, b);
    }

    /** The stock's initial equation when it is one array reference with a {@code *}: the belt's contents by age. */
    private static Expr.Ref profile(Var s) {
        Element eqn = s.element.child("eqn");
        if (eqn == null || !s.element.all("element").isEmpty()) return null;
        List<Expr> e = XmileExprParser.parse(eqn.text(), eqn.text);
        if (e.size() != 1 || !(e.get(0) instanceof Expr.Ref r)) return null;
        long stars = r.subs().stream().filter(x -> x.name().equals("*")).count();
        return stars == 1 ? r : null;
    }

    /** A conveyor's initial value: the total of its age profile when it has one. */
    Expr initial(Var stock, Expr parsed) {
        Element c = stock.element.child("conveyor");
        if (c == null || stock.connectedFrom != null || profile(stock) == null) return parsed;
        return new Expr.Call(parsed.pos(), "SUM", List.of(parsed));
    }

    private Var flow(Var s, Element f) {
        String name = f.text().trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
        name = XmileSymbols.displayName(name);
        Var v = sym.var(s.prefix + name);
        if (v == null) throw new ModelException(f.pos, "conveyor '" + s.name + "' names flow '" + name + "', which is not defined");
        return v;
    }

    private ExprRewriter rewriter(Var owner) {
        return new ExprRewriter(sym, owner.prefix, owner, null, null, macros);
    }

    boolean isOutflow(Var v) {
        return byOutflow.containsKey(v.key);
    }

    boolean isLeak(Var v) {
        return byLeak.containsKey(v.key);
    }





    private static String survival(Belt b) {
        return b.stock().name + " conveyor survival";
    }

    private static String stepSurvival(Belt b) {
        return b.stock().name + " conveyor step survival";
    }

    private static String fraction(Var leak) {
        return leak.name + " leak fraction";
    }

    /** The sum of the conveyor's inflows (0 with none). */
    private Expr inflows(Belt b, Pos p) {
        Var s = b.stock();
        Expr in = null;
        for (Element f : s.element.all("inflow")) {
            Expr r = ref(p, flow(s, f).name, s);
            in = in == null ? r : bin(p, Expr.BinOp.ADD, in, r);
        }
        return in == null ? new Expr.Num(p, 0) : in;
    }

    /** The conveyor's outflow: the inflows of one transit time ago, times what survived the leaks. */
    Equation outflow(Var v, String units, String doc) {
        Belt b = byOutflow.get(v.key);
        Pos p = v.element.pos;
        Var s = b.stock();
        Expr in = inflows(b, p);
        if (b.linear()) return new Equation(p, v.name, dimNames(v), List.of(), new Equation.Formula(LinearLeaks.outflow(p, s, in)), units, doc);
        // the initial contents, spread evenly, leave at contents / transit time per time unit
        Expr out = call(p, "DELAY FIXED", in, b.transit(), bin(p, Expr.BinOp.DIV, ref(p, s.name, s), b.transit()));
        if (b.profile() != null) out = call(p, "DELAY FIXED", in, b.transit(), new Expr.Num(p, 0));
        if (b.profile() != null) out = bin(p, Expr.BinOp.ADD, out, profileOutflow(b, p));
        if (!b.leaks().isEmpty()) {
            Expr m = ref(p, stepSurvival(b), s);
            out = bin(p, Expr.BinOp.MUL, out, call(p, "EXP", bin(p, Expr.BinOp.SUB, m, call(p, "DELAY FIXED", m, b.transit(), new Expr.Num(p, 0)))));
        }
        return new Equation(p, v.name, dimNames(v), List.of(), new Equation.Formula(out), units, doc);
    }

    /**
     * An age profile x[1..n] over the transit time T: x[n] (the oldest, by the order the data
     * is written in FRIDA, youngest first) leaves during the first T/n, x[1] during the last,
     * each at x[k] * n / T per time unit; nothing of it after T.
     */
    private Expr profileOutflow(Belt b, Pos p) {
        Expr.Ref r = b.profile();
        Var arr = sym.var(b.stock().prefix + r.name());
        if (arr == null) arr = sym.varInModule(r.name());
        if (arr == null) throw new ModelException(r.pos(), "conveyor '" + b.stock().name + "' starts from '" + r.name() + "', which is not defined");
        int star = 0;
        while (!r.subs().get(star).name().equals("*")) star++;
        if (star >= arr.dims.size()) throw new ModelException(r.pos(), "'" + r.name() + "' has no dimension " + (star + 1));
        int n = arr.dims.get(star).elements().size();
        Expr time = new Expr.Ref(p, "TIME", List.of());
        Expr elapsed = bin(p, Expr.BinOp.SUB, time, new Expr.Ref(p, "STARTTIME", List.of()));
        Expr slot = call(p, "INT", bin(p, Expr.BinOp.DIV, bin(p, Expr.BinOp.MUL, elapsed, new Expr.Num(p, n)), b.transitRaw()));
        Expr k = bin(p, Expr.BinOp.SUB, new Expr.Num(p, n), slot);
        List<Expr> args = new ArrayList<>();
        args.add(new Expr.Ref(r.pos(), r.name(), List.of()));
        for (Expr.Sub sub : r.subs()) {
            args.add(sub.name().equals("*") ? new Expr.Call(p, XmileExprParser.INDEX, List.of(k)) : new Expr.Ref(p, sub.name(), List.of()));
        }
        Expr rate = bin(p, Expr.BinOp.DIV, bin(p, Expr.BinOp.MUL, new Expr.Call(p, XmileExprParser.COMPUTED, args), new Expr.Num(p, n)), b.transitRaw());
        Expr raw = new Expr.Call(p, "IF THEN ELSE", List.of(bin(p, Expr.BinOp.LT, elapsed, b.transitRaw()), rate, new Expr.Num(p, 0)));
        return rewriter(b.stock()).rewrite(raw);
    }

    /** A leak flow: its own equations become its fraction; the flow takes that share of the contents. */
    List<Equation> leak(Var v, List<Equation> own, String units, String doc) {
        Belt b = byLeak.get(v.key);
        Pos p = v.element.pos;
        List<Equation> out = new ArrayList<>();
        for (Equation e : own) out.add(new Equation(e.pos(), fraction(v), e.subscripts(), e.except(), e.definition(), "", doc));
        Expr flow = b.linear() ? LinearLeaks.leak(p, b.stock(), v, fraction(v))
                : bin(p, Expr.BinOp.MUL, ref(p, fraction(v), v), ref(p, b.stock().name, v));
        out.add(new Equation(p, v.name, dimNames(v), List.of(), new Equation.Formula(flow), units, doc));
        return out;
    }

    /** Per leaking conveyor: M = (running sum of ln(1 - DT * fractions)) + this step's term. */
    List<Equation> hidden() {
        List<Equation> out = new ArrayList<>();
        for (Belt b : belts) {
            if (b.leaks().isEmpty()) continue;
            Var s = b.stock();
            Pos p = s.element.pos;
            Expr total = null;
            for (Var l : b.leaks()) {
                Expr f = ref(p, fraction(l), s);
                total = total == null ? f : bin(p, Expr.BinOp.ADD, total, f);
            }
            if (b.linear()) {
                out.addAll(LinearLeaks.hidden(s, b.transit(), inflows(b, p), total));
                continue;
            }
            Expr dt = new Expr.Ref(p, "TIME STEP", List.of());
            Expr logStep = call(p, "LN", bin(p, Expr.BinOp.SUB, new Expr.Num(p, 1), bin(p, Expr.BinOp.MUL, dt, total)));
            out.add(new Equation(p, survival(b), dimNames(s), List.of(),
                    new Equation.Stock(bin(p, Expr.BinOp.DIV, logStep, dt), new Expr.Num(p, 0), false), "", ""));
            out.add(new Equation(p, stepSurvival(b), dimNames(s), List.of(),
                    new Equation.Formula(bin(p, Expr.BinOp.ADD, ref(p, survival(b), s), logStep)), "", ""));
        }
        return out;
    }
}
