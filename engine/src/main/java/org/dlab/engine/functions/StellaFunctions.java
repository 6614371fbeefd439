package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;
import org.dlab.engine.model.Builtin;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.Node;

/** Stella (isee) builtins outside XMILE 1.0 that published Stella models use (FRIDA). */
final class StellaFunctions {
    private StellaFunctions() {}

    static void register() {
        Library.add("derivn", 2, 2, StellaFunctions::derivn);
        Library.add("interpolate", 2, 2, StellaFunctions::interpolate);
        // the XMILE front end drops ALLOCATE's second argument (the dimension allocated along)
        Library.add("stella allocate", 4, 5, StellaFunctions::allocate);
    }

    /**
     * ALLOCATE(available, dimension, requests, priorities, width [, shape]): Stella's form of
     * Vensim's ALLOCATE AVAILABLE, every request with a priority curve of the same shape (1
     * rectangular, the default, 2 triangular, 3 normal) and width, centred on its priority.
     */
    private static Node allocate(FunctionContext c) {
        FunctionContext.Vector request = c.argOverLastSubscripts(1, 1);
        FunctionContext.Vector priority = c.argOverLastSubscripts(2, 1);
        if (priority.nodes().size() != request.nodes().size()) {
            throw c.error("ALLOCATE's priorities have " + priority.nodes().size() + " elements, its requests " + request.nodes().size());
        }
        Node shape = c.argCount() > 4 ? c.arg(4) : new Node.Const(1);
        Node width = c.once("allocate width", c.arg(3));
        shape = c.once("allocate shape", shape);
        List<Node> profiles = new java.util.ArrayList<>();
        for (Node p : priority.nodes()) {
            profiles.add(shape);
            profiles.add(p);
            profiles.add(width);
            profiles.add(new Node.Const(0));
        }
        return new Node.ArrayCall("Allocations", "available", List.of(request.nodes(), profiles), List.of(c.arg(0)), request.index());
    }

    /**
     * INTERPOLATE(array[..., *], fraction): linear interpolation along the array's last
     * dimension, fraction 0 at its first element and 1 at its last (held beyond them); written
     * as a sum of hat functions, one per element.
     */
    private static Node interpolate(FunctionContext c) {
        List<Node> xs = c.argOverReduced(0);
        if (xs.size() == 1) return xs.get(0);
        int last = xs.size() - 1;
        Node f = new Node.Bin(BinOp.MUL, c.arg(1), new Node.Const(last));
        Node pos = c.once("interpolate position", new Node.Fn(Builtin.MIN, List.of(new Node.Const(last),
                new Node.Fn(Builtin.MAX, List.of(new Node.Const(0), f)))));
        Node sum = null;
        for (int k = 0; k <= last; k++) {
            Node dist = new Node.Fn(Builtin.ABS, List.of(new Node.Bin(BinOp.SUB, pos, new Node.Const(k))));
            Node w = new Node.Fn(Builtin.MAX, List.of(new Node.Const(0), new Node.Bin(BinOp.SUB, new Node.Const(1), dist)));
            Node term = new Node.Bin(BinOp.MUL, w, xs.get(k));
            sum = sum == null ? term : new Node.Bin(BinOp.ADD, sum, term);
        }
        return sum;
    }

    /**
     * DERIVN(input, order): the order-th time derivative as repeated backward differences,
     * (x - x one DT ago) / DT; 0 on the first step, where there is no earlier value.
     */
    private static Node derivn(FunctionContext c) {
        int order = Smoothing.order(c, 1);
        if (order > 10) throw c.error("DERIVN's order must be from 1 to 10, got " + order);
        Node x = c.once("derivn input", c.arg(0));
        for (int k = 1; k <= order; k++) {
            Node previous = new Node.Var(c.discrete("derivn previous", x, x));
            x = c.once("derivn " + k, new Node.Bin(BinOp.DIV, new Node.Bin(BinOp.SUB, x, previous), c.timeStep()));
        }
        return x;
    }
}
