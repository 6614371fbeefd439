package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.xmile.XmileSymbols.Dim;
import org.dlab.engine.xmile.XmileSymbols.Var;

/** The expressions the reader writes itself for Stella's stock kinds (conveyors, their leaks, queues), in one place. */
final class GeneratedExpr {
    private GeneratedExpr() {}

    /** The names of v's dimensions, in order. */
    static List<String> dimNames(Var v) {
        List<String> out = new ArrayList<>();
        for (Dim d : v.dims) out.add(d.name());
        return out;
    }

    /** A reference to name with the same dimensions as like, so an arrayed stock's helpers stay per element. */
    static Expr ref(Pos p, String name, Var like) {
        List<Expr.Sub> subs = new ArrayList<>();
        for (Dim d : like.dims) subs.add(new Expr.Sub(d.name(), false));
        return new Expr.Ref(p, name, subs);
    }

    static Expr call(Pos p, String f, Expr... args) {
        return new Expr.Call(p, f, List.of(args));
    }

    static Expr bin(Pos p, Expr.BinOp op, Expr a, Expr b) {
        return new Expr.Binary(p, op, a, b);
    }

    static Expr num(Pos p, double v) {
        return new Expr.Num(p, v);
    }
}
