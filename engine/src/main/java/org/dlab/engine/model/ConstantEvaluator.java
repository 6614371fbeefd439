package org.dlab.engine.model;

import java.util.function.Consumer;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.run.Functions;

/**
 * Evaluates, during analysis, an expression whose value is needed before the run (the order of
 * DELAY N, say): its value at the initial time, following initial values of the variables it
 * uses. Stocks give their initial value; random draws and pipelines are not allowed.
 */
final class ConstantEvaluator {
    private final Pos pos;
    private final Consumer<ScalarVar> ensureTranslated;
    private final ScalarVar initialTime;
    private int depth;

    private ConstantEvaluator(Pos pos, Consumer<ScalarVar> ensureTranslated, ScalarVar initialTime) {
        this.pos = pos;
        this.ensureTranslated = ensureTranslated;
        this.initialTime = initialTime;
    }

    static double evaluate(Node n, Pos pos, Consumer<ScalarVar> ensureTranslated, ScalarVar initialTime) {
        return new ConstantEvaluator(pos, ensureTranslated, initialTime).eval(n);
    }

    private double eval(Node n) {
        // a thousand levels (expression nodes and variables followed) is far past any model and well
        // inside a default thread stack; 10,000 overflowed it on a long chain of variables
        if (++depth > 1_000) throw new ModelException(pos, "expression too deep to evaluate before the run");
        try {
            return evalNode(n);
        } finally {
            depth--;
        }
    }

    private double evalNode(Node n) {
        if (n instanceof Node.Const c) return c.value();
        if (n instanceof Node.Time) return initialTime == null ? 0 : eval(new Node.Var(initialTime));
        if (n instanceof Node.Var v) {
            ensureTranslated.accept(v.var());
            if (v.var().initial == null) throw new ModelException(pos, "'" + v.var().name + "' must be known before the run here");
            return eval(v.var().initial);
        }
        if (n instanceof Node.Neg g) return -eval(g.operand());
        if (n instanceof Node.Not g) return eval(g.operand()) == 0 ? 1 : 0;
        if (n instanceof Node.If i) return eval(i.cond()) != 0 ? eval(i.then()) : eval(i.otherwise());
        if (n instanceof Node.Bin b) return binary(b);
        if (n instanceof Node.Fn f) return function(f);
        if (n instanceof Node.Lookup l) return Functions.lookup(l.table().xs, l.table().ys, eval(l.x()));
        throw new ModelException(pos, "this expression must be known before the run (no random numbers or delays)");
    }

    private double binary(Node.Bin b) {
        double l = eval(b.left());
        return b.op().apply(l, eval(b.right()));
    }

    /** By the same method the compiled model calls, so a value known before the run is the run's. */
    private double function(Node.Fn f) {
        if (!f.fn().pure()) throw new ModelException(pos, "cannot evaluate " + f.fn() + " before the run");
        double[] a = new double[f.args().size()];
        for (int i = 0; i < a.length; i++) a[i] = eval(f.args().get(i));
        return f.fn().evaluate(a);
    }
}
