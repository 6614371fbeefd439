package org.dlab.engine.ir;

import java.util.List;

/**
 * A model expression as written, independent of the source format. Names are kept as written;
 * resolution against the model's variables happens in the analyzer.
 */
public sealed interface Expr {
    Pos pos();

    /** A number literal. */
    record Num(Pos pos, double value) implements Expr {}

    /** Vensim's :NA: (and XMILE's NaN). */
    record Na(Pos pos) implements Expr {}

    /**
     * A reference to a variable, optionally subscripted. A subscript is a dimension name, an
     * element name, or a dimension marked for reduction with {@code !}.
     */
    record Ref(Pos pos, String name, List<Sub> subs) implements Expr {}

    /** A quoted string argument, e.g. a file name in GET XLS DATA('data.xlsx', ...). */
    record Str(Pos pos, String value) implements Expr {}

    /** A call of a builtin function, a macro, or a lookup table (resolved later). */
    record Call(Pos pos, String function, List<Expr> args) implements Expr {}

    record Binary(Pos pos, BinOp op, Expr left, Expr right) implements Expr {}

    record Unary(Pos pos, UnOp op, Expr operand) implements Expr {}

    /** An inline table: {@code ([(x0,y0)-(x1,y1)], (x,y), ...)} as used by WITH LOOKUP. */
    record Table(Pos pos, double[] xs, double[] ys) implements Expr {}

    /** A subscript inside a reference; {@code pos} (null when made up) is where it is written. */
    record Sub(String name, boolean reduce, Pos pos) {
        public Sub(String name, boolean reduce) {
            this(name, reduce, null);
        }

        /** Where to report a problem with this subscript: itself when known, else its reference. */
        public Pos posOr(Pos fallback) {
            return pos != null ? pos : fallback;
        }
    }

    enum BinOp { ADD, SUB, MUL, DIV, POW, EQ, NE, LT, LE, GT, GE, AND, OR }

    enum UnOp { NEG, PLUS, NOT }
}
