package org.dlab.engine.model;

import java.util.function.Consumer;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * Evaluates, during analysis, an expression that must be known before the run (the order of
 * DELAY N, say). Only constants and variables defined by constants are allowed.
 */
final class ConstantEvaluator {
    private ConstantEvaluator() {}

    static double evaluate(Node n, Pos pos, Consumer<ScalarVar> ensureTranslated) {
        if (n instanceof Node.Const c) return c.value();
        if (n instanceof Node.Var v) {
            ensureTranslated.accept(v.var());
            if (v.var().kind == ScalarVar.Kind.STOCK || v.var().initial == null) {
                throw new ModelException(pos, "'" + v.var().name + "' must be a constant here");
            }
            return evaluate(v.var().initial, pos, ensureTranslated);
        }
        if (n instanceof Node.Bin b) {
            double l = evaluate(b.left(), pos, ensureTranslated);
            double r = evaluate(b.right(), pos, ensureTranslated);
            switch (b.op()) {
                case ADD: return l + r;
                case SUB: return l - r;
                case MUL: return l * r;
                case DIV: return l / r;
                case POW: return Math.pow(l, r);
                default: throw new ModelException(pos, "a constant is expected here");
            }
        }
        if (n instanceof Node.Neg g) return -evaluate(g.operand(), pos, ensureTranslated);
        if (n instanceof Node.Fn f && f.fn() == Builtin.INTEGER) return (double) (long) evaluate(f.args().get(0), pos, ensureTranslated);
        if (n instanceof Node.Fn f && f.fn() == Builtin.ROUND) return (double) Math.round(evaluate(f.args().get(0), pos, ensureTranslated));
        throw new ModelException(pos, "a constant is expected here");
    }
}
