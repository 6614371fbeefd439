package org.dlab.engine.model;

import java.util.List;
import org.dlab.engine.ir.Expr.BinOp;

/**
 * A scalar expression after analysis: names are resolved to scalar variables, subscripts
 * expanded, stateful functions replaced by the stocks and states they stand for.
 */
public sealed interface Node {
    /** The operands, in evaluation order: every walk over nodes goes through this. */
    List<Node> children();

    /** Visits n (when not null) and every node under it, parents first. */
    static void walk(Node n, java.util.function.Consumer<Node> f) {
        if (n == null) return;
        f.accept(n);
        for (Node c : n.children()) walk(c, f);
    }

    record Const(double value) implements Node {
        @Override public List<Node> children() { return List.of(); }
    }

    record Var(ScalarVar var) implements Node {
        @Override public List<Node> children() { return List.of(); }
    }

    /** The simulation time. */
    record Time() implements Node {
        @Override public List<Node> children() { return List.of(); }
    }

    record Bin(BinOp op, Node left, Node right) implements Node {
        @Override public List<Node> children() { return List.of(left, right); }
    }

    record Neg(Node operand) implements Node {
        @Override public List<Node> children() { return List.of(operand); }
    }

    record Not(Node operand) implements Node {
        @Override public List<Node> children() { return List.of(operand); }
    }

    record If(Node cond, Node then, Node otherwise) implements Node {
        @Override public List<Node> children() { return List.of(cond, then, otherwise); }
    }

    /** A pure builtin function of its arguments. */
    record Fn(Builtin fn, List<Node> args) implements Node {
        @Override public List<Node> children() { return args; }
    }

    /** A table look-up; {@code mode} selects interpolation, extrapolation, forward or backward. */
    record Lookup(Table table, Node x, LookupMode mode) implements Node {
        @Override public List<Node> children() { return List.of(x); }
    }

    /** A per-run random draw; {@code args} are the distribution's parameters. */
    record Random(RandomKind kind, List<Node> args) implements Node {
        @Override public List<Node> children() { return args; }
    }

    /**
     * A function of whole vectors (VECTOR SORT ORDER, ALLOCATE AVAILABLE, INVERT MATRIX...):
     * calls {@code org.dlab.engine.run.<owner>.<method>(double[] vector..., extra..., index)},
     * one array per entry of {@code vectors}, where {@code index} is the position of the element
     * being computed. The method names are the engine's own, never text from a model.
     */
    record ArrayCall(String owner, String method, List<List<Node>> vectors, List<Node> extra, int index) implements Node {
        @Override public List<Node> children() {
            List<Node> all = new java.util.ArrayList<>();
            vectors.forEach(all::addAll);
            all.addAll(extra);
            return all;
        }
    }

    /** A runtime state object's current value (DELAY FIXED and the like). */
    record State(int index) implements Node {
        @Override public List<Node> children() { return List.of(); }
    }

    /**
     * How a table is read, with the method of run.LookupTable and the function of runtime.js
     * that read it so. RAW: the value only at the table's own x values, missing (NaN) between them.
     */
    enum LookupMode {
        INTERPOLATE("interpolate", "lookup"),
        EXTRAPOLATE("extrapolate", "lookupExtrapolate"),
        FORWARD("forward", "lookupForward"),
        BACKWARD("backward", "lookupBackward"),
        RAW("raw", "lookupRaw");

        public final String javaMethod;
        public final String javaScript;

        LookupMode(String javaMethod, String javaScript) {
            this.javaMethod = javaMethod;
            this.javaScript = javaScript;
        }
    }

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
