package org.dlab.engine.xmile;

import static org.dlab.engine.xmile.GeneratedExpr.*;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.xmile.XmileSymbols.Var;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * Linear conveyor leakage, Stella's default (a leak flow without {@code exponential_leak}).
 *
 * <p>The rule, from isee's "Steady-State Initialization of Conveyors" (Karim Chichakly,
 * blog.iseesystems.com/modeling-tips/steady-state-init-of-conveyors/): what leaks over the whole
 * belt is proportional to the amount that flowed in, the leak fraction f being the constant, so
 * exactly 1 - f of it reaches the outflow; a belt of n = T / DT slats fed a constant inflow I
 * holds T * I - (n - 1) * f * I * DT / 2 and leaks f * I. Both hold only when every slat loses
 * f / n of its entry amount in each of the n steps it rides, the last one in the step it leaves
 * (contents: slats that have lost 0..n-1 shares). The initial contents are laid out that same
 * way, as a belt fed a constant inflow, which is what makes that value a steady state.
 *
 * <p>Built like the exponential leak, from DELAY FIXED, so exact for a transit time that stays
 * what it was at the start (it is read once, INITIAL): with C the running sum of the inflows and
 * M that of the fractions (both hidden stocks, M including this step's term), the belt holds
 * entry amounts A = C - C(t - T) (+ what is left of the initial layout), each leak flow is
 * f * A / T, and the outflow is the inflow of one transit time ago times 1 - (M - M(t - T)) / T.
 * A fraction that changes over time is read each step and applied to each slat's entry amount.
 */
final class LinearLeaks {
    static final String PROFILE_REFUSED = "an initial age profile (x[*]) on a conveyor with linear leakage is not supported yet:"
            + " isee's documentation gives the steady-state layout of a single initial value only";

    private LinearLeaks() {}

    /**
     * A leak flow's options: a leak zone other than the whole belt, and leaking whole units only,
     * are refused (their rules are not stated in the isee pages this engine follows).
     */
    static void checkLeak(Var leak) {
        Element f = leak.element;
        Element l = f.child("leak");
        if (f.child("leak_integers") != null) {
            throw new ModelException(f.child("leak_integers").pos, "conveyor <leak_integers/> is not supported yet: isee's documentation"
                    + " does not state how whole units are carried between steps ('" + leak.name + "')");
        }
        for (String[] zone : new String[][] {{"leak_start", "0"}, {"leak_end", "1"}}) {
            String v = f.attr(zone[0]) != null ? f.attr(zone[0]) : l.attr(zone[0]);
            if (v == null || v.isBlank()) continue;
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new ModelException(f.pos, "conveyor " + zone[0] + "=\"" + v + "\" is not a number ('" + leak.name + "')");
            }
            if (d != Double.parseDouble(zone[1])) { // the whole belt, 0 to 1, is no zone
                throw new ModelException(f.pos, "conveyor leak zones (" + zone[0] + "=\"" + v + "\") are not supported yet: the isee pages"
                        + " this engine follows do not state how a zone's slats share the leak ('" + leak.name + "')");
            }
        }
    }

    // ---- hidden names ----

    static String entered(Var s) {
        return s.name + " conveyor entered";
    }

    static String leaked(Var s) {
        return s.name + " conveyor leaked";
    }

    static String stepLeaked(Var s) {
        return s.name + " conveyor step leaked";
    }

    static String transit(Var s) {
        return s.name + " conveyor transit";
    }

    static String startFraction(Var s) {
        return s.name + " conveyor start fraction";
    }

    static String startInflow(Var s) {
        return s.name + " conveyor start inflow";
    }

    static String onBelt(Var s) {
        return s.name + " conveyor on belt";
    }

    // ---- expressions ----






    private static Expr elapsed(Pos p) {
        return bin(p, Expr.BinOp.SUB, new Expr.Ref(p, "Time", List.of()), new Expr.Ref(p, "INITIAL TIME", List.of()));
    }

    private static Expr dt(Pos p) {
        return new Expr.Ref(p, "TIME STEP", List.of());
    }

    /**
     * The outflow: what entered one transit time ago less the n shares it lost, plus, within the
     * first transit time, the slat of the initial layout that leaves now (it lost n - 1 - k shares
     * at the start fraction before the start and k + 1 since, k the steps run).
     */
    static Expr outflow(Pos p, Var s, Expr in) {
        Expr t = ref(p, transit(s), s);
        Expr m = ref(p, stepLeaked(s), s);
        Expr kept = bin(p, Expr.BinOp.SUB, num(p, 1),
                bin(p, Expr.BinOp.DIV, bin(p, Expr.BinOp.SUB, m, call(p, "DELAY FIXED", m, t, num(p, 0))), t));
        Expr fresh = bin(p, Expr.BinOp.MUL, call(p, "DELAY FIXED", in, t, num(p, 0)), kept);
        Expr before = bin(p, Expr.BinOp.MUL, bin(p, Expr.BinOp.SUB, bin(p, Expr.BinOp.SUB, t, dt(p)), elapsed(p)), ref(p, startFraction(s), s));
        Expr initialKept = bin(p, Expr.BinOp.SUB, num(p, 1), bin(p, Expr.BinOp.DIV, bin(p, Expr.BinOp.ADD, before, m), t));
        Expr initial = call(p, "IF THEN ELSE",
                bin(p, Expr.BinOp.LT, elapsed(p), bin(p, Expr.BinOp.SUB, t, bin(p, Expr.BinOp.DIV, dt(p), num(p, 2)))),
                bin(p, Expr.BinOp.MUL, ref(p, startInflow(s), s), initialKept), num(p, 0));
        return bin(p, Expr.BinOp.ADD, fresh, initial);
    }

    /** A leak flow: its fraction of the entry amounts on the belt, per transit time (f * I at the blog's steady state). */
    static Expr leak(Pos p, Var s, Var leak, String fraction) {
        Expr share = bin(p, Expr.BinOp.DIV, ref(p, onBelt(s), leak), ref(p, transit(s), leak));
        return bin(p, Expr.BinOp.MUL, ref(p, fraction, leak), share);
    }

    /** The hidden running sums and start values of one linearly leaking conveyor. */
    static List<Equation> hidden(Var s, Expr transitTime, Expr in, Expr fractions) {
        Pos p = s.element.pos;
        List<String> dims = dimNames(s);
        List<Equation> out = new ArrayList<>();
        Expr t = ref(p, transit(s), s);
        out.add(new Equation(p, transit(s), dims, List.of(), new Equation.Formula(call(p, "INITIAL", transitTime)), "", ""));
        out.add(new Equation(p, entered(s), dims, List.of(), new Equation.Stock(in, num(p, 0), false), "", ""));
        out.add(new Equation(p, leaked(s), dims, List.of(), new Equation.Stock(fractions, num(p, 0), false), "", ""));
        out.add(new Equation(p, stepLeaked(s), dims, List.of(),
                new Equation.Formula(bin(p, Expr.BinOp.ADD, ref(p, leaked(s), s), bin(p, Expr.BinOp.MUL, fractions, dt(p)))), "", ""));
        out.add(new Equation(p, startFraction(s), dims, List.of(), new Equation.Formula(call(p, "INITIAL", fractions)), "", ""));
        // isee, "Steady-State Initialization of Conveyors": S = T * I - (n - 1) * f * I * DT / 2, so I = S / (T - f (T - DT) / 2)
        Expr layout = bin(p, Expr.BinOp.SUB, t,
                bin(p, Expr.BinOp.DIV, bin(p, Expr.BinOp.MUL, ref(p, startFraction(s), s), bin(p, Expr.BinOp.SUB, t, dt(p))), num(p, 2)));
        out.add(new Equation(p, startInflow(s), dims, List.of(),
                new Equation.Formula(call(p, "INITIAL", bin(p, Expr.BinOp.DIV, ref(p, s.name, s), layout))), "", ""));
        Expr recent = bin(p, Expr.BinOp.SUB, ref(p, entered(s), s), call(p, "DELAY FIXED", ref(p, entered(s), s), t, num(p, 0)));
        Expr left = bin(p, Expr.BinOp.MUL, ref(p, startInflow(s), s), call(p, "MAX", num(p, 0), bin(p, Expr.BinOp.SUB, t, elapsed(p))));
        out.add(new Equation(p, onBelt(s), dims, List.of(), new Equation.Formula(bin(p, Expr.BinOp.ADD, recent, left)), "", ""));
        return out;
    }
}
