package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hyper-rectangle in input space: {@code lower[d] <= x[d] <= upper[d]} for every input d. An
 * unrestricted side is infinite, so "restricted" means "finite" and does not depend on the data.
 * Limits that PRIM and CART set lie halfway between two data values, so whether a limit is
 * inclusive never matters on the data it was found on.
 */
public record Box(double[] lower, double[] upper) {
    public Box {
        if (lower.length != upper.length) throw new IllegalArgumentException("lower and upper differ in length");
        lower = lower.clone();
        upper = upper.clone();
    }

    /** The box that restricts nothing. */
    public static Box unrestricted(int inputs) {
        double[] lo = new double[inputs];
        double[] hi = new double[inputs];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Box(lo, hi);
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    public double lower(int input) {
        return lower[input];
    }

    public double upper(int input) {
        return upper[input];
    }

    public int inputs() {
        return lower.length;
    }

    public boolean restricted(int input) {
        return lower[input] != Double.NEGATIVE_INFINITY || upper[input] != Double.POSITIVE_INFINITY;
    }

    /** Inputs with at least one finite limit, in input order. */
    public int[] restrictedInputs() {
        List<Integer> r = new ArrayList<>();
        for (int d = 0; d < lower.length; d++) if (restricted(d)) r.add(d);
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    public boolean contains(Dataset x, int row) {
        for (int d = 0; d < lower.length; d++) {
            double v = x.value(row, d);
            if (v < lower[d] || v > upper[d]) return false;
        }
        return true;
    }

    /** The same box with one limit replaced. */
    public Box with(int input, double lo, double hi) {
        double[] l = lower.clone();
        double[] u = upper.clone();
        l[input] = lo;
        u[input] = hi;
        return new Box(l, u);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(lower, b.lower) && Arrays.equals(upper, b.upper);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lower) + Arrays.hashCode(upper);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Box[");
        for (int d = 0; d < lower.length; d++) {
            if (!restricted(d)) continue;
            if (s.length() > 4) s.append(", ");
            s.append('x').append(d).append(" in [").append(lower[d]).append(", ").append(upper[d]).append(']');
        }
        return s.append(']').toString();
    }
}
