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
        double r = eval(b.right());
        switch (b.op()) {
            case ADD: return l + r;
            case SUB: return l - r;
            case MUL: return l * r;
            case DIV: return l / r;
            case POW: return Math.pow(l, r);
            case EQ: return l == r ? 1 : 0;
            case NE: return l != r ? 1 : 0;
            case LT: return l < r ? 1 : 0;
            case LE: return l <= r ? 1 : 0;
            case GT: return l > r ? 1 : 0;
            case GE: return l >= r ? 1 : 0;
            case AND: return l != 0 && r != 0 ? 1 : 0;
            default: return l != 0 || r != 0 ? 1 : 0;
        }
    }

    private double function(Node.Fn f) {
        double[] a = new double[f.args().size()];
        for (int i = 0; i < a.length; i++) a[i] = eval(f.args().get(i));
        switch (f.fn()) {
            case ABS: return Math.abs(a[0]);
            case EXP: return Math.exp(a[0]);
            case LN: return Math.log(a[0]);
            case SQRT: return Math.sqrt(a[0]);
            case LOG: return Functions.log(a[0], a[1]);
            case POWER: return Math.pow(a[0], a[1]);
            case SIN: return Math.sin(a[0]);
            case COS: return Math.cos(a[0]);
            case TAN: return Math.tan(a[0]);
            case ARCSIN: return Math.asin(a[0]);
            case ARCCOS: return Math.acos(a[0]);
            case ARCTAN: return Math.atan(a[0]);
            case SINH: return Math.sinh(a[0]);
            case COSH: return Math.cosh(a[0]);
            case TANH: return Math.tanh(a[0]);
            case MIN: return Math.min(a[0], a[1]);
            case MAX: return Math.max(a[0], a[1]);
            case INTEGER: return Functions.integer(a[0]);
            case ROUND: return Functions.round(a[0]);
            case MODULO: return Functions.modulo(a[0], a[1]);
            case QUANTUM: return Functions.quantum(a[0], a[1]);
            case XIDZ: return Functions.xidz(a[0], a[1], a[2]);
            case ZIDZ: return Functions.zidz(a[0], a[1]);
            case SIGN: return Math.signum(a[0]);
            case STEP: return Functions.step(a[0], a[1], a[2], a[3]);
            case PULSE: return Functions.pulse(a[0], a[1], a[2], a[3]);
            case PULSE_TRAIN: return Functions.pulseTrain(a[0], a[1], a[2], a[3], a[4], a[5]);
            case RAMP: return Functions.ramp(a[0], a[1], a[2], a[3]);
            default: throw new ModelException(pos, "cannot evaluate " + f.fn() + " before the run");
        }
    }
}
