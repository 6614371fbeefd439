package org.dlab.engine.functions;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;

/**
 * DEPRECIATE STRAIGHTLINE, see {@link #depreciateStraightline}. NPV(stream, discount rate, initial value, factor), with the equivalent structure Vensim's
 * documentation gives (and SDEverywhere implements): a discount factor
 * {@code df' = -df * r / (1 + r * TIME STEP)} from 1, a cumulative
 * {@code ncum' = stream * df} from the initial value, and
 * {@code NPV = (ncum + stream * TIME STEP * df) * factor}.
 */
final class Finance {
    /** Fiscal periods a depreciation may span (one hidden state each). */
    static final int MAX_PERIODS = 1000;

    private Finance() {}

    static void register() {
        Library.add("npv", 4, 4, Finance::npv);
        Library.add("depreciate straightline", 4, 4, Finance::depreciateStraightline);
    }

    /**
     * DEPRECIATE STRAIGHTLINE(str, dtime, fisc, init), as Vensim's documentation gives it: the
     * investment made within each fiscal period of length fisc (periods counted from INITIAL
     * TIME) is lumped, and 1/N of it returned in that period and each of the N - 1 that follow,
     * N = dtime/fisc (dtime made a whole multiple of fisc, as Vensim adjusts it). In the current
     * period 1/N of the current value of str is included; the past periods start as if str had
     * been init over the previous dtime, so a constant str = init returns init. The result is a
     * rate, in str's units: (str + sum of the last N - 1 periods' investments / fisc) / N.
     */
    private static Node depreciateStraightline(FunctionContext c) {
        double fisc = c.constant(c.arg(2));
        double dtime = c.constant(c.arg(1));
        if (!(fisc > 0)) throw c.error("DEPRECIATE STRAIGHTLINE's fiscal period must be above 0, got " + fisc);
        double periods = Math.max(1, Math.round(dtime / fisc));
        if (!(periods <= MAX_PERIODS)) {
            throw c.error("DEPRECIATE STRAIGHTLINE spans " + periods + " fiscal periods (dtime / fisc); at most " + MAX_PERIODS);
        }
        int n = (int) periods;
        Node str = c.once("depreciation stream", c.arg(0));
        Node init = c.once("depreciation initial stream", c.arg(3));
        Node dt = c.timeStep();
        Node start = new Node.Var(c.initial("initial time", c.time()));
        Node fiscal = new Node.Const(fisc);
        // a new fiscal period begins at the next step when its period number (from INITIAL TIME) is higher
        Node nextTime = new Node.Bin(BinOp.ADD, c.time(), dt);
        Node boundary = c.once("depreciation new period", new Node.Bin(BinOp.GT, period(nextTime, start, fiscal), period(c.time(), start, fiscal)));
        Node invested = new Node.Bin(BinOp.MUL, str, dt);
        Node initialAmount = new Node.Bin(BinOp.MUL, init, fiscal);
        ScalarVar current = c.discrete("depreciation current period", new Node.Const(0),
                self -> new Node.If(boundary, new Node.Const(0), new Node.Bin(BinOp.ADD, self, invested)));
        // past[0] is the period just ended, past[n - 2] the oldest still depreciating
        List<Node> past = new ArrayList<>();
        for (int j = 0; j < n - 1; j++) {
            Node newer = j == 0 ? new Node.Bin(BinOp.ADD, new Node.Var(current), invested) : past.get(j - 1);
            past.add(new Node.Var(c.discrete("depreciation period " + (j + 1), initialAmount, self -> new Node.If(boundary, newer, self))));
        }
        Node sum = str;
        for (Node p : past) sum = new Node.Bin(BinOp.ADD, sum, new Node.Bin(BinOp.DIV, p, fiscal));
        return new Node.Bin(BinOp.DIV, sum, new Node.Const(n));
    }

    /** The whole number of fiscal periods from start to t (a hair added against rounding at the boundary). */
    private static Node period(Node t, Node start, Node fiscal) {
        Node ratio = new Node.Bin(BinOp.DIV, new Node.Bin(BinOp.SUB, t, start), fiscal);
        return new Node.Fn(Builtin.INTEGER, List.of(new Node.Bin(BinOp.ADD, ratio, new Node.Const(1e-9))));
    }

    private static Node npv(FunctionContext c) {
        Node stream = c.once("npv stream", c.arg(0));
        Node rate = c.once("npv rate", c.arg(1));
        Node dt = c.timeStep();
        ScalarVar df = c.stock("npv discount factor", new Node.Const(1), self -> new Node.Bin(BinOp.DIV,
                new Node.Neg(new Node.Bin(BinOp.MUL, self, rate)), new Node.Bin(BinOp.ADD, new Node.Const(1), new Node.Bin(BinOp.MUL, rate, dt))));
        ScalarVar ncum = c.stock("npv cumulative", c.arg(2), new Node.Bin(BinOp.MUL, stream, new Node.Var(df)));
        Node now = new Node.Bin(BinOp.MUL, new Node.Bin(BinOp.MUL, stream, dt), new Node.Var(df));
        return new Node.Bin(BinOp.MUL, new Node.Bin(BinOp.ADD, new Node.Var(ncum), now), c.arg(3));
    }
}
