package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/** Reductions over subscripts marked with '!': SUM, PROD, VMIN, VMAX. */
final class ArrayFunctions {
    private ArrayFunctions() {}

    static void register() {
        Library.add("sum", 1, 1, c -> reduce(c.argOverReduced(0), "sum", xs -> chain(xs, BinOp.ADD)));
        Library.add("prod", 1, 1, c -> reduce(c.argOverReduced(0), "prod", xs -> chain(xs, BinOp.MUL)));
        Library.add("vmin", 1, 1, c -> reduce(c.argOverReduced(0), "vmin", xs -> foldList(xs, Builtin.MIN)));
        Library.add("vmax", 1, 1, c -> reduce(c.argOverReduced(0), "vmax", xs -> foldList(xs, Builtin.MAX)));
    }

    /** Past this many elements a reduction is a loop over a vector, not an expression tree. */
    static final int TREE_LIMIT = 64;

    /**
     * Short reductions stay expression trees (the JIT folds them into the equation); long ones
     * become one call over the vector, which the code generator fills from data (a vector of
     * plain variables) rather than with code per element.
     */
    private static Node reduce(List<Node> xs, String method, java.util.function.Function<List<Node>, Node> tree) {
        if (xs.size() <= TREE_LIMIT) return tree.apply(xs);
        return new Node.ArrayCall("Vectors", method, List.of(xs), List.of(), 0);
    }

    /** A balanced tree keeps deep sums from making deep recursion in code generation. */
    static Node chain(List<Node> xs, BinOp op) {
        if (xs.size() == 1) return xs.get(0);
        int mid = xs.size() / 2;
        return new Node.Bin(op, chain(xs.subList(0, mid), op), chain(xs.subList(mid, xs.size()), op));
    }

    static Node fold(FunctionContext c, Builtin minOrMax) {
        return foldList(c.argOverReduced(0), minOrMax);
    }

    private static Node foldList(List<Node> xs, Builtin f) {
        if (xs.size() == 1) return xs.get(0);
        int mid = xs.size() / 2;
        return new Node.Fn(f, List.of(foldList(xs.subList(0, mid), f), foldList(xs.subList(mid, xs.size()), f)));
    }
}
