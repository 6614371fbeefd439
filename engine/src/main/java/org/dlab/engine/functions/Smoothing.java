package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/**
 * Exponential smoothing as hidden stocks: SMOOTH, SMOOTHI, SMOOTH3, SMOOTH3I, SMOOTH N, and
 * TREND and FORECAST, which smooth their input. Each stage is a first-order stock
 * {@code S' = (input - S) / (delay / n)} starting at the initial value (the input by default).
 */
final class Smoothing {
    private Smoothing() {}

    static void register() {
        Library.add("smooth", 2, 2, c -> smooth(c, c.arg(0), c.arg(1), c.arg(0), 1));
        Library.add("smoothi", 3, 3, c -> smooth(c, c.arg(0), c.arg(1), c.arg(2), 1));
        Library.add("smooth3", 2, 2, c -> smooth(c, c.arg(0), c.arg(1), c.arg(0), 3));
        Library.add("smooth3i", 3, 3, c -> smooth(c, c.arg(0), c.arg(1), c.arg(2), 3));
        Library.add("smooth n", 4, 4, c -> smooth(c, c.arg(0), c.arg(1), c.arg(2), order(c, 3)));
        Library.add("trend", 3, 3, Smoothing::trend);
        Library.add("forecast", 3, 3, Smoothing::forecast);
    }

    static int order(FunctionContext c, int argIndex) {
        double n = c.constant(c.arg(argIndex));
        if (!(n >= 1 && n <= 1000) || n != Math.rint(n)) throw c.error("the order must be a whole number from 1 to 1000, got " + n);
        return (int) n;
    }

    static Node smooth(FunctionContext c, Node input, Node delay, Node init, int n) {
        Node in = c.once("smooth input", input);
        Node stageTime = n == 1 ? delay : new Node.Bin(BinOp.DIV, delay, new Node.Const(n));
        stageTime = c.once("smooth stage time", stageTime);
        Node previous = in;
        Node initial = c.once("smooth initial", init);
        for (int k = 1; k <= n; k++) {
            Node target = previous;
            Node time = stageTime;
            previous = new Node.Var(c.stock("smooth" + k, initial, self -> new Node.Bin(BinOp.DIV, new Node.Bin(BinOp.SUB, target, self), time)));
        }
        return previous;
    }

    /** TREND(input, average time, initial trend) = ZIDZ(input - average, average time * |average|). */
    private static Node trend(FunctionContext c) {
        Node in = c.once("trend input", c.arg(0));
        Node avgTime = c.once("trend time", c.arg(1));
        Node init = new Node.Bin(BinOp.DIV, in, new Node.Bin(BinOp.ADD, new Node.Const(1), new Node.Bin(BinOp.MUL, c.arg(2), avgTime)));
        Node avg = smooth(c, in, avgTime, init, 1);
        return new Node.Fn(Builtin.ZIDZ, List.of(new Node.Bin(BinOp.SUB, in, avg),
                new Node.Bin(BinOp.MUL, avgTime, new Node.Fn(Builtin.ABS, List.of(avg)))));
    }

    /** FORECAST(input, average time, horizon) = input * (1 + trend * horizon). */
    private static Node forecast(FunctionContext c) {
        Node in = c.once("forecast input", c.arg(0));
        Node avgTime = c.once("forecast time", c.arg(1));
        Node avg = smooth(c, in, avgTime, in, 1);
        Node trend = new Node.Fn(Builtin.ZIDZ, List.of(new Node.Bin(BinOp.SUB, in, avg),
                new Node.Bin(BinOp.MUL, avgTime, new Node.Fn(Builtin.ABS, List.of(avg)))));
        return new Node.Bin(BinOp.MUL, in, new Node.Bin(BinOp.ADD, new Node.Const(1), new Node.Bin(BinOp.MUL, trend, c.arg(2))));
    }
}
