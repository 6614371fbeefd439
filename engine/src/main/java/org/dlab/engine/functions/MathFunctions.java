package org.dlab.engine.functions;

import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Node;

/** Arithmetic and logic that is not a row of {@link org.dlab.engine.model.Builtin}: IF THEN ELSE, GAME, PI, DIVIDE. */
final class MathFunctions {
    private MathFunctions() {}

    static void register() {
        Library.add("if then else", 3, 3, c -> new Node.If(c.arg(0), c.arg(1), c.arg(2)));
        Library.add("game", 1, 1, c -> c.arg(0));
        Library.add("pi", 0, 0, c -> new Node.Const(Math.PI));
        Library.add("divide", 2, 2, c -> new Node.Bin(BinOp.DIV, c.arg(0), c.arg(1)));
    }
}
