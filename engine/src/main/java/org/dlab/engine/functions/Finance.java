package org.dlab.engine.functions;

import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;

/**
 * NPV(stream, discount rate, initial value, factor), with the equivalent structure Vensim's
 * documentation gives (and SDEverywhere implements): a discount factor
 * {@code df' = -df * r / (1 + r * TIME STEP)} from 1, a cumulative
 * {@code ncum' = stream * df} from the initial value, and
 * {@code NPV = (ncum + stream * TIME STEP * df) * factor}.
 */
final class Finance {
    private Finance() {}

    static void register() {
        Library.add("npv", 4, 4, Finance::npv);
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
