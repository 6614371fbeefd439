package org.dlab.engine.ir;

import java.util.List;

/**
 * A model expression as written, independent of the source format. Names are kept as written;
 * resolution against the model's variables happens in the analyzer.
 */
public sealed interface Expr {
    Pos pos();

    /** The sub-expressions, in the order written: every walk over expressions goes through this. */
    List<Expr> children();

    /** Visits e and every expression under it, parents first. */
    static void walk(Expr e, java.util.function.Consumer<Expr> f) {
        f.accept(e);
        for (Expr c : e.children()) walk(c, f);
    }

    /** A number literal. */
    record Num(Pos pos, double value) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
    }

    /** Vensim's :NA: (and XMILE's NaN). */
    record Na(Pos pos) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
    }

    /**
     * A reference to a variable, optionally subscripted. A subscript is a dimension name, an
     * element name, or a dimension marked for reduction with {@code !}.
     */
    record Ref(Pos pos, String name, List<Sub> subs) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
    }

    /** A quoted string argument, e.g. a file name in GET XLS DATA('data.xlsx', ...). */
    record Str(Pos pos, String value) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
    }

    /** A call of a builtin function, a macro, or a lookup table by its name (resolved later). */
    record Call(Pos pos, String function, List<Expr> args) implements Expr {
        @Override public List<Expr> children() { return args; }
    }

    /**
     * A named lookup table, picked by its subscripts, applied to x: Vensim's {@code x[A](input)},
     * XMILE's {@code LOOKUP(table[element], x)}. Interpolates as a lookup called by name does.
     */
    record LookupCall(Pos pos, Ref table, Expr x) implements Expr {
        @Override public List<Expr> children() { return List.of(table, x); }
    }

    record Binary(Pos pos, BinOp op, Expr left, Expr right) implements Expr {
        @Override public List<Expr> children() { return List.of(left, right); }
    }

    record Unary(Pos pos, UnOp op, Expr operand) implements Expr {
        @Override public List<Expr> children() { return List.of(operand); }
    }

    /** An inline table: {@code ([(x0,y0)-(x1,y1)], (x,y), ...)} as used by WITH LOOKUP. */
    record Table(Pos pos, double[] xs, double[] ys) implements Expr {
        @Override public List<Expr> children() { return List.of(); }
    }

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

    enum BinOp {
        ADD, SUB, MUL, DIV, POW, EQ, NE, LT, LE, GT, GE, AND, OR;

        /**
         * The value as every back end computes it: Java's double arithmetic, comparisons and
         * logic giving 1 or 0 (a comparison with NaN is false, any non-zero value is true).
         */
        public double apply(double l, double r) {
            return switch (this) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                case POW -> Math.pow(l, r);
                case EQ -> l == r ? 1 : 0;
                case NE -> l != r ? 1 : 0;
                case LT -> l < r ? 1 : 0;
                case LE -> l <= r ? 1 : 0;
                case GT -> l > r ? 1 : 0;
                case GE -> l >= r ? 1 : 0;
                case AND -> l != 0 && r != 0 ? 1 : 0;
                case OR -> l != 0 || r != 0 ? 1 : 0;
            };
        }

        /** + - * / and ^: the operators whose result has the operands' kind (not a truth value). */
        public boolean arithmetic() {
            return switch (this) {
                case ADD, SUB, MUL, DIV, POW -> true;
                case EQ, NE, LT, LE, GT, GE, AND, OR -> false;
            };
        }
    }

    enum UnOp { NEG, PLUS, NOT }
}
