package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/** Pure arithmetic and logic: ABS ... XIDZ, IF THEN ELSE, MIN/MAX. */
final class MathFunctions {
    private MathFunctions() {}

    static void register() {
        unary("abs", Builtin.ABS);
        unary("exp", Builtin.EXP);
        unary("ln", Builtin.LN);
        unary("gamma ln", Builtin.GAMMA_LN);
        unary("sqrt", Builtin.SQRT);
        unary("sin", Builtin.SIN);
        unary("cos", Builtin.COS);
        unary("tan", Builtin.TAN);
        unary("arcsin", Builtin.ARCSIN);
        unary("arccos", Builtin.ARCCOS);
        unary("arctan", Builtin.ARCTAN);
        unary("sinh", Builtin.SINH);
        unary("cosh", Builtin.COSH);
        unary("tanh", Builtin.TANH);
        unary("integer", Builtin.INTEGER);
        unary("int", Builtin.INTEGER);
        unary("round", Builtin.ROUND);
        unary("sign", Builtin.SIGN);
        binary("log", Builtin.LOG);
        binary("power", Builtin.POWER);
        binary("modulo", Builtin.MODULO);
        binary("quantum", Builtin.QUANTUM);
        binary("zidz", Builtin.ZIDZ);
        Library.add("xidz", 3, 3, c -> new Node.Fn(Builtin.XIDZ, List.of(c.arg(0), c.arg(1), c.arg(2))));
        Library.add("if then else", 3, 3, c -> new Node.If(c.arg(0), c.arg(1), c.arg(2)));
        Library.add("min", 1, 2, c -> c.argCount() == 1 ? ArrayFunctions.fold(c, Builtin.MIN) : new Node.Fn(Builtin.MIN, List.of(c.arg(0), c.arg(1))));
        Library.add("max", 1, 2, c -> c.argCount() == 1 ? ArrayFunctions.fold(c, Builtin.MAX) : new Node.Fn(Builtin.MAX, List.of(c.arg(0), c.arg(1))));
        Library.add("game", 1, 1, c -> c.arg(0));
        Library.add("pi", 0, 0, c -> new Node.Const(Math.PI));
        Library.add("divide", 2, 2, c -> new Node.Bin(BinOp.DIV, c.arg(0), c.arg(1)));
    }

    private static void unary(String name, Builtin b) {
        Library.add(name, 1, 1, c -> new Node.Fn(b, List.of(c.arg(0))));
    }

    private static void binary(String name, Builtin b) {
        Library.add(name, 2, 2, (FunctionContext c) -> new Node.Fn(b, List.of(c.arg(0), c.arg(1))));
    }
}
