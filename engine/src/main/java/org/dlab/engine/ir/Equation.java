package org.dlab.engine.ir;

import java.util.List;

/**
 * One equation of a model: the left-hand side (variable name with subscripts and exceptions),
 * the kind of definition and its right-hand side, units and documentation.
 */
public record Equation(
        Pos pos,
        String name,
        List<String> subscripts,
        List<List<String>> except,
        Definition definition,
        String units,
        String doc,
        List<Pos> subscriptPositions) {

    /** An equation whose subscripts' own positions are unknown (errors point at its name). */
    public Equation(Pos pos, String name, List<String> subscripts, List<List<String>> except, Definition definition,
            String units, String doc) {
        this(pos, name, subscripts, except, definition, units, doc, List.of());
    }

    /** Where the k-th subscript of the left-hand side is written, else the equation's name. */
    public Pos subscriptPos(int k) {
        return k < subscriptPositions.size() ? subscriptPositions.get(k) : pos;
    }

    /** The forms an equation's right-hand side takes. */
    public sealed interface Definition {}

    /** {@code x = expr} (also XMILE aux and flow). */
    public record Formula(Expr expr) implements Definition {}

    /** {@code x == expr}: an unchangeable constant. */
    public record Unchangeable(Expr expr) implements Definition {}

    /** {@code x = INTEG(rate, init)} and XMILE stocks. */
    public record Stock(Expr rate, Expr initial, boolean nonNegative) implements Definition {}

    /** {@code x = 1, 2, 3; 4, 5, 6;}: one number per element, rows separated by semicolons. */
    public record ConstantList(List<List<Expr>> rows) implements Definition {}

    /** {@code x( [(..)-(..)], (x,y)... )}: a named lookup table. */
    public record Lookup(double[] xs, double[] ys, String extrapolation) implements Definition {}

    /** {@code x := expr} or a bare data name: a data variable, with its interpolation keyword. */
    public record Data(Expr expr, String mode) implements Definition {}
}
