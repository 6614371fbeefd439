package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.StateObject;

/**
 * Material delays as chains of hidden stocks (DELAY1, DELAY3, DELAY N and their I forms): each
 * stage holds {@code init * delay / n} at the start and drains at {@code stage / (delay / n)};
 * the delay's output is the last stage's outflow. DELAY FIXED is a pipeline state.
 */
final class Delays {
    private Delays() {}

    static void register() {
        Library.add("delay1", 2, 2, c -> delay(c, c.arg(0), c.arg(1), c.arg(0), 1));
        Library.add("delay1i", 3, 3, c -> delay(c, c.arg(0), c.arg(1), c.arg(2), 1));
        Library.add("delay3", 2, 2, c -> delay(c, c.arg(0), c.arg(1), c.arg(0), 3));
        Library.add("delay3i", 3, 3, c -> delay(c, c.arg(0), c.arg(1), c.arg(2), 3));
        Library.add("delay n", 4, 4, Delays::delayN);
        Library.add("delay fixed", 3, 3, c -> c.state(StateObject.Type.DELAY_FIXED, List.of(c.arg(1), c.arg(2)), c.arg(0)));
    }

    /**
     * DELAY N as Vensim documents it: the output depends on the delay time of the previous
     * step (not the current one) and the delay conserves what enters it. So the last stage
     * drains with last step's delay time, exactly the output, and the inner stages with the
     * current one. The order drops while order x TIME STEP exceeds the delay time. Vensim
     * treats it as a discrete delay, constant within a step: the stages move once per step
     * (an Euler step from the step's start) under every integration method.
     */
    private static Node delayN(FunctionContext c) {
        int n = Smoothing.order(c, 3);
        Node delay = c.once("delay time", c.arg(1));
        double d0 = c.constant(delay);
        double dt = c.constant(c.timeStep());
        while (n > 1 && n * dt > d0) n--;
        Node in = c.once("delay input", c.arg(0));
        Node stageInit = c.once("delay stage initial", new Node.Bin(BinOp.MUL, c.arg(2), delay));
        Node lastStep = new Node.Var(c.discrete("delay time held", delay, delay));
        Node step = c.timeStep();
        Node inflow = in;
        Node last = null;
        Node order = new Node.Const(n);
        for (int k = 0; k < n; k++) {
            Node stageIn = inflow;
            Node[] out = new Node[1];
            Node drainTime = k == n - 1 ? lastStep : delay;
            int stage = k;
            ScalarVar s = c.discrete("delayN" + (k + 1), stageInit, self -> {
                out[0] = new Node.Var(c.aux("delayN out" + (stage + 1), new Node.Bin(BinOp.DIV, self, drainTime)));
                Node rate = new Node.Bin(BinOp.MUL, order, new Node.Bin(BinOp.SUB, stageIn, out[0]));
                return new Node.Bin(BinOp.ADD, self, new Node.Bin(BinOp.MUL, step, rate));
            });
            inflow = out[0];
            last = new Node.Var(s);
        }
        return new Node.Bin(BinOp.DIV, last, lastStep);
    }

    static Node delay(FunctionContext c, Node input, Node delay, Node init, int n) {
        Node in = c.once("delay input", input);
        Node stageTime = c.once("delay stage time", n == 1 ? delay : new Node.Bin(BinOp.DIV, delay, new Node.Const(n)));
        Node stageInit = c.once("delay stage initial", new Node.Bin(BinOp.MUL, init, stageTime));
        Node inflow = in;
        Node outflow = null;
        for (int k = 1; k <= n; k++) {
            Node stageIn = inflow;
            Node[] out = new Node[1];
            int stage = k;
            c.stock("delay" + k, stageInit, self -> {
                out[0] = new Node.Var(c.aux("delay out" + stage, new Node.Bin(BinOp.DIV, self, stageTime)));
                return new Node.Bin(BinOp.SUB, stageIn, out[0]);
            });
            outflow = out[0];
            inflow = outflow;
        }
        return outflow;
    }
}
