package org.dlab.engine.functions;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.RandomKind;
import org.dlab.engine.model.StateObject;

/**
 * The XMILE builtins that Vensim's library has no name or no exact form for. The XMILE front end
 * maps the others onto existing functions (SMTH1 is SMOOTH, INIT is INITIAL...). XMILE's PULSE
 * is registered as "xmile pulse" because Vensim's PULSE, with other arguments, owns "pulse".
 */
final class XmileFunctions {
    private static final Node INF = new Node.Const(Double.POSITIVE_INFINITY);
    private static final Node ZERO = new Node.Const(0);
    private static final Node ONE = new Node.Const(1);

    private XmileFunctions() {}

    static void register() {
        Library.add("xmile pulse", 1, 3, XmileFunctions::pulse);
        // DELAY(input, delay time [, initial]): a pipeline delay, initially the input's own value
        Library.add("delay", 2, 3, c -> c.state(StateObject.Type.DELAY_FIXED,
                List.of(c.arg(1), c.argCount() > 2 ? c.arg(2) : c.arg(0)), c.arg(0)));
        Library.add("delayn", 3, 4, c -> Delays.delay(c, c.arg(0), c.arg(1), c.argCount() > 3 ? c.arg(3) : c.arg(0), Smoothing.order(c, 2)));
        Library.add("smthn", 3, 4, c -> Smoothing.smooth(c, c.arg(0), c.arg(1), c.argCount() > 3 ? c.arg(3) : c.arg(0), Smoothing.order(c, 2)));
        Library.add("forcst", 3, 4, XmileFunctions::forecast);
        Library.add("safediv", 2, 3, c -> new Node.If(new Node.Bin(BinOp.EQ, c.arg(1), ZERO),
                c.argCount() > 2 ? c.arg(2) : ZERO, new Node.Bin(BinOp.DIV, c.arg(0), c.arg(1))));
        // PREVIOUS(x [, initial]): x one step ago; at the start the initial value (x's own by default)
        Library.add("previous", 1, 2, c -> new Node.Var(c.discrete("previous", c.argCount() > 1 ? c.arg(1) : c.arg(0), c.arg(0))));
        Library.add("mean", 1, Integer.MAX_VALUE, c -> {
            List<Node> xs = values(c);
            return new Node.Bin(BinOp.DIV, ArrayFunctions.chain(xs, BinOp.ADD), new Node.Const(xs.size()));
        });
        Library.add("stddev", 1, 1, XmileFunctions::stddev);
        Library.add("rank", 2, 2, c -> new Node.ArrayCall("Vectors", "positionOfRank", List.of(c.argOverReduced(0)), List.of(c.arg(1)), 0));
        Library.add("size", 1, 1, c -> new Node.Const(c.argOverReduced(0).size()));
        Library.add("normal", 2, 3, c -> new Node.Random(RandomKind.NORMAL,
                List.of(new Node.Const(Double.NEGATIVE_INFINITY), INF, c.arg(0), c.arg(1))));
        Library.add("lognormal", 2, 3, XmileFunctions::lognormal);
        Library.add("poisson", 1, 2, c -> new Node.Random(RandomKind.POISSON, List.of(ZERO, INF, ZERO, ONE, c.arg(0))));
        Library.add("exprnd", 1, 2, c -> new Node.Random(RandomKind.EXPONENTIAL, List.of(ZERO, INF, ZERO, c.arg(0))));
        Library.add("triangular", 3, 4, c -> new Node.Random(RandomKind.TRIANGULAR, List.of(c.arg(0), c.arg(2), c.arg(0), c.arg(1), c.arg(2))));
    }

    /** The elements of a single array argument, or the arguments themselves. */
    private static List<Node> values(FunctionContext c) {
        if (c.argCount() == 1) return c.argOverReduced(0);
        List<Node> xs = new ArrayList<>();
        for (int i = 0; i < c.argCount(); i++) xs.add(c.arg(i));
        return xs;
    }

    /**
     * PULSE(volume [, first [, interval]]): volume / DT for one step at {@code first} (the start
     * time by default) and every {@code interval} after it when that is positive, so that a stock
     * fed by it changes by {@code volume} each time.
     */
    private static Node pulse(FunctionContext c) {
        Node first = c.argCount() > 1 ? c.arg(1) : new Node.Var(c.initial("pulse start", c.time()));
        Node interval = c.argCount() > 2 ? c.arg(2) : ZERO;
        Node dt = c.timeStep();
        Node train = new Node.Fn(Builtin.PULSE_TRAIN, List.of(first, ZERO, interval, INF, c.time(), dt));
        return new Node.Bin(BinOp.MUL, new Node.Bin(BinOp.DIV, c.arg(0), dt), train);
    }

    /**
     * FORCST(input, averaging time, horizon [, initial trend]): the input extrapolated along its
     * trend, input * (1 + trend * horizon), the trend as TREND computes it.
     */
    private static Node forecast(FunctionContext c) {
        Node in = c.once("forcst input", c.arg(0));
        Node avgTime = c.once("forcst time", c.arg(1));
        Node initTrend = c.argCount() > 3 ? c.arg(3) : ZERO;
        Node init = new Node.Bin(BinOp.DIV, in, new Node.Bin(BinOp.ADD, ONE, new Node.Bin(BinOp.MUL, initTrend, avgTime)));
        Node avg = Smoothing.smooth(c, in, avgTime, init, 1);
        Node trend = new Node.Fn(Builtin.ZIDZ, List.of(new Node.Bin(BinOp.SUB, in, avg),
                new Node.Bin(BinOp.MUL, avgTime, new Node.Fn(Builtin.ABS, List.of(avg)))));
        return new Node.Bin(BinOp.MUL, in, new Node.Bin(BinOp.ADD, ONE, new Node.Bin(BinOp.MUL, trend, c.arg(2))));
    }

    /** STDDEV(array): the population standard deviation of the elements. */
    private static Node stddev(FunctionContext c) {
        List<Node> xs = c.argOverReduced(0);
        Node n = new Node.Const(xs.size());
        Node mean = c.once("stddev mean", new Node.Bin(BinOp.DIV, ArrayFunctions.chain(xs, BinOp.ADD), n));
        List<Node> squares = new ArrayList<>();
        for (Node x : xs) {
            Node d = new Node.Bin(BinOp.SUB, x, mean);
            squares.add(new Node.Bin(BinOp.MUL, d, d));
        }
        return new Node.Fn(Builtin.SQRT, List.of(new Node.Bin(BinOp.DIV, ArrayFunctions.chain(squares, BinOp.ADD), n)));
    }

    /**
     * LOGNORMAL(mean, sd [, seed]): mean and standard deviation of the distribution itself; the
     * underlying normal has sigma^2 = ln(1 + sd^2/mean^2) and mu = ln(mean) - sigma^2/2.
     */
    private static Node lognormal(FunctionContext c) {
        Node m = c.arg(0);
        Node s = c.arg(1);
        Node ratio = new Node.Bin(BinOp.DIV, s, m);
        Node var = new Node.Fn(Builtin.LN, List.of(new Node.Bin(BinOp.ADD, ONE, new Node.Bin(BinOp.MUL, ratio, ratio))));
        Node mu = new Node.Bin(BinOp.SUB, new Node.Fn(Builtin.LN, List.of(m)), new Node.Bin(BinOp.DIV, var, new Node.Const(2)));
        return new Node.Random(RandomKind.LOGNORMAL, List.of(ZERO, INF, ZERO, ONE, mu, new Node.Fn(Builtin.SQRT, List.of(var))));
    }
}
