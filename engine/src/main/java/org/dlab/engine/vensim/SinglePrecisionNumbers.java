package org.dlab.engine.vensim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Macro;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.model.Names;

/**
 * The numbers written in a Vensim model held at single precision, as Vensim's own runs show it
 * holds them while computing in double: Earth4All's Vensim exports (both scenarios, 317 variables
 * at DT 1/64) are reproduced 317 of 317 with this rounding and 311 of 317 without, where the
 * six were rates that subtract two nearly equal stocks, off by 7e-8 relative (one float32 unit).
 * Literals in equations, constant lists and lookup points are rounded; the time controls are
 * not, so a TIME STEP like 0.1 keeps its saved times on the grid the modeller wrote.
 */
public final class SinglePrecisionNumbers {
    private static final Set<String> TIME_CONTROLS = Set.of("initial time", "final time", "time step", "saveper");

    private SinglePrecisionNumbers() {}

    public static ModelSource apply(ModelSource src) {
        List<Macro> macros = new ArrayList<>();
        for (Macro m : src.macros()) macros.add(new Macro(m.pos(), m.name(), m.inputs(), m.outputs(), equations(m.equations())));
        return new ModelSource(src.fileName(), src.directory(), equations(src.equations()), src.ranges(), macros, src.method());
    }

    private static List<Equation> equations(List<Equation> in) {
        List<Equation> out = new ArrayList<>(in.size());
        for (Equation e : in) {
            if (TIME_CONTROLS.contains(Names.key(e.name()))) {
                out.add(e);
                continue;
            }
            out.add(new Equation(e.pos(), e.name(), e.subscripts(), e.except(), definition(e.definition()), e.units(), e.doc(),
                    e.subscriptPositions()));
        }
        return out;
    }

    private static Equation.Definition definition(Equation.Definition d) {
        if (d instanceof Equation.Formula f) return new Equation.Formula(expr(f.expr()));
        if (d instanceof Equation.Unchangeable u) return new Equation.Unchangeable(expr(u.expr()));
        if (d instanceof Equation.Stock s) return new Equation.Stock(expr(s.rate()), expr(s.initial()), s.nonNegative());
        if (d instanceof Equation.ConstantList c) {
            List<List<Expr>> rows = new ArrayList<>();
            for (List<Expr> row : c.rows()) rows.add(row.stream().map(SinglePrecisionNumbers::expr).toList());
            return new Equation.ConstantList(rows);
        }
        if (d instanceof Equation.Lookup l) return new Equation.Lookup(rounded(l.xs()), rounded(l.ys()), l.extrapolation());
        if (d instanceof Equation.Data data) return new Equation.Data(data.expr() == null ? null : expr(data.expr()), data.mode());
        return d;
    }

    static Expr expr(Expr e) {
        if (e == null) return null;
        if (e instanceof Expr.Num n) return new Expr.Num(n.pos(), single(n.value()));
        if (e instanceof Expr.Table t) return new Expr.Table(t.pos(), rounded(t.xs()), rounded(t.ys()));
        if (e instanceof Expr.Call c) return new Expr.Call(c.pos(), c.function(), c.args().stream().map(SinglePrecisionNumbers::expr).toList());
        if (e instanceof Expr.LookupCall l) return new Expr.LookupCall(l.pos(), l.table(), expr(l.x()));
        if (e instanceof Expr.Binary b) return new Expr.Binary(b.pos(), b.op(), expr(b.left()), expr(b.right()));
        if (e instanceof Expr.Unary u) return new Expr.Unary(u.pos(), u.op(), expr(u.operand()));
        return e; // references, strings, :NA: carry no number
    }

    private static double[] rounded(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = single(v[i]);
        return r;
    }

    /** The nearest float32, kept as a double; infinities and NaN stay as they are. */
    static double single(double v) {
        return Double.isFinite(v) && Math.abs(v) <= Float.MAX_VALUE ? (double) (float) v : v;
    }
}
