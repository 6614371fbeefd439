package org.dlab.engine.functions;

import org.dlab.engine.model.Node;
import org.dlab.engine.model.Node.LookupMode;

/** Table functions: WITH LOOKUP, LOOKUP EXTRAPOLATE/FORWARD/BACKWARD/INVERT/AREA. */
final class LookupFunctions {
    private LookupFunctions() {}

    static void register() {
        Library.add("with lookup", 2, 2, c -> new Node.Lookup(c.table(1), c.arg(0), LookupMode.INTERPOLATE));
        Library.add("lookup extrapolate", 2, 2, c -> new Node.Lookup(c.table(0), c.arg(1), LookupMode.EXTRAPOLATE));
        Library.add("lookup forward", 2, 2, c -> new Node.Lookup(c.table(0), c.arg(1), LookupMode.FORWARD));
        Library.add("lookup backward", 2, 2, c -> new Node.Lookup(c.table(0), c.arg(1), LookupMode.BACKWARD));
        Library.add("lookup invert", 2, 2, c -> {
            Node.Table t = c.table(0);
            return new Node.Lookup(new Node.Table(t.name + "#inverse", t.ys, t.xs), c.arg(1), LookupMode.INTERPOLATE);
        });
        Library.add("lookup area", 3, 3, c -> {
            // area under the table from x0 to x1: the difference of its running integral
            Node.Table t = c.table(0);
            Node.Table integral = integral(t);
            return new Node.Bin(org.dlab.engine.ir.Expr.BinOp.SUB,
                    new Node.Lookup(integral, c.arg(2), LookupMode.EXTRAPOLATE),
                    new Node.Lookup(integral, c.arg(1), LookupMode.EXTRAPOLATE));
        });
    }

    /** The running trapezoid integral of a piecewise-linear table, itself exact at the points. */
    private static Node.Table integral(Node.Table t) {
        double[] ys = new double[t.xs.length];
        for (int i = 1; i < ys.length; i++) ys[i] = ys[i - 1] + (t.xs[i] - t.xs[i - 1]) * (t.ys[i] + t.ys[i - 1]) / 2;
        return new Node.Table(t.name + "#area", t.xs, ys);
    }
}
