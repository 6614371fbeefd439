package org.dlab.engine.model;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;

/**
 * A scalar expression after analysis: names are resolved to scalar variables, subscripts
 * expanded, stateful functions replaced by the stocks and states they stand for.
 */
public sealed interface Node {
    record Const(double value) implements Node {}

    record Var(ScalarVar var) implements Node {}

    /** The simulation time. */
    record Time() implements Node {}

    record Bin(BinOp op, Node left, Node right) implements Node {}

    record Neg(Node operand) implements Node {}

    record Not(Node operand) implements Node {}

    record If(Node cond, Node then, Node otherwise) implements Node {}

    /** A pure builtin function of its arguments. */
    record Fn(Builtin fn, List<Node> args) implements Node {}

    /** A table look-up; {@code mode} selects interpolation, extrapolation, forward or backward. */
    record Lookup(Table table, Node x, LookupMode mode) implements Node {}

    /** A per-run random draw; {@code args} are the distribution's parameters. */
    record Random(RandomKind kind, List<Node> args) implements Node {}

    /**
     * A function of whole vectors (VECTOR SORT ORDER, ALLOCATE AVAILABLE, INVERT MATRIX...):
     * calls {@code org.dlab.engine.run.<owner>.<method>(double[] vector..., extra..., index)},
     * one array per entry of {@code vectors}, where {@code index} is the position of the element
     * being computed. The method names are the engine's own, never text from a model.
     */
    record ArrayCall(String owner, String method, List<List<Node>> vectors, List<Node> extra, int index) implements Node {}

    /** A runtime state object's current value (DELAY FIXED and the like). */
    record State(int index) implements Node {}

    /** RAW: the value only at the table's own x values, missing (NaN) between them. */
    enum LookupMode { INTERPOLATE, EXTRAPOLATE, FORWARD, BACKWARD, RAW }

    /** A lookup table's points; identity matters (one table, one runtime array). */
    final class Table {
        public final double[] xs;
        public final double[] ys;
        public final String name;

        public Table(String name, double[] xs, double[] ys) {
            this.name = name;
            this.xs = xs;
            this.ys = ys;
        }
    }

    static Node num(double v) {
        return new Const(v);
    }
}
