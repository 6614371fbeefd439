package org.dlab.engine.run;

import java.util.Arrays;

/**
 * Runtime of Vensim's VECTOR functions, called from generated code with the whole vector and
 * the position of the element being computed. Vectors are short; plain loops, no collections.
 */
public final class Vectors {
    private Vectors() {}

    /** SUM over a long vector (short ones are expression trees). */
    public static double sum(double[] v, int index) {
        double acc = 0;
        for (double x : v) acc += x;
        return acc;
    }

    public static double prod(double[] v, int index) {
        double acc = 1;
        for (double x : v) acc *= x;
        return acc;
    }

    public static double vmin(double[] v, int index) {
        double acc = v[0];
        for (int i = 1; i < v.length; i++) acc = Math.min(acc, v[i]);
        return acc;
    }

    public static double vmax(double[] v, int index) {
        double acc = v[0];
        for (int i = 1; i < v.length; i++) acc = Math.max(acc, v[i]);
        return acc;
    }

    /** The values of the given slots: a vector of plain variables, without code per element. */
    public static double[] gather(double[] s, int[] slots) {
        double[] v = new double[slots.length];
        for (int i = 0; i < v.length; i++) v[i] = s[slots[i]];
        return v;
    }

    /**
     * VECTOR SELECT: combines the elements of {@code expr} whose {@code sel} is non-zero.
     * Actions 0-4 work on sel*expr (sum, product, min, max, mean), 5 is the product of
     * expr^sel (what Vensim computes, though its help says sel^expr), 6-10 work on expr alone.
     * With nothing selected the result is {@code missing}; error actions 1-3 give NaN (Vensim
     * stops with a floating point error) for none (1, 3) or several (2, 3) selected.
     */
    public static double select(double[] sel, double[] expr, double missing, double action, double errorAction, int index) {
        int a = (int) action;
        int err = (int) errorAction;
        if (a < 0 || a > 10) return Double.NaN;
        int op = a <= 4 ? a : a == 5 ? 1 : a - 6;
        double acc = op == 1 ? 1 : op == 2 ? Double.POSITIVE_INFINITY : op == 3 ? Double.NEGATIVE_INFINITY : 0;
        int count = 0;
        for (int i = 0; i < sel.length; i++) {
            double s = sel[i];
            if (s == 0) continue;
            count++;
            double v = a <= 4 ? s * expr[i] : a == 5 ? Math.pow(expr[i], s) : expr[i];
            switch (op) {
                case 1 -> acc *= v;
                case 2 -> acc = Math.min(acc, v);
                case 3 -> acc = Math.max(acc, v);
                default -> acc += v;
            }
        }
        if (count == 0) return err == 1 || err == 3 ? Double.NaN : missing;
        if (count > 1 && (err == 2 || err == 3)) return Double.NaN;
        return op == 4 ? acc / count : acc;
    }

    /**
     * VECTOR SORT ORDER: the 0-based position, in {@code v}, of the element that comes at
     * {@code index} once sorted; ascending when direction > 0, else the ascending order reversed
     * (so equal values come last-first, as PySD and Vensim's outputs agree).
     */
    public static double sortOrder(double[] v, double direction, int index) {
        int rank = direction > 0 ? index : v.length - 1 - index;
        // the value at that rank, then which of its equal occurrences (stable: by position)
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double t = sorted[rank];
        int first = rank;
        while (first > 0 && Double.compare(sorted[first - 1], t) == 0) first--;
        int k = rank - first;
        for (int i = 0; i < v.length; i++) {
            if (Double.compare(v[i], t) == 0 && k-- == 0) return i;
        }
        return Double.NaN;
    }

    /** VECTOR RANK: the 1-based rank of element {@code index} in the order VECTOR SORT ORDER gives. */
    public static double rank(double[] v, double direction, int index) {
        int r = ascendingRank(v, index);
        return direction > 0 ? r + 1 : v.length - r;
    }

    /**
     * XMILE's RANK(array, rank): the 1-based position of the element holding that rank, rank 1
     * the smallest value (equal values ranked by position); NaN for a rank outside 1..n.
     */
    public static double positionOfRank(double[] v, double rank, int index) {
        if (!(rank >= 1 && rank <= v.length)) return Double.NaN;
        return sortOrder(v, 1, (int) rank - 1) + 1;
    }

    /** VECTOR REORDER: the element of {@code v} that the sort order {@code order} names (0-based). */
    public static double reorder(double[] v, double order, int index) {
        return element(v, order);
    }

    /**
     * VECTOR ELM MAP: the element {@code offset} places after element {@code index} of the whole
     * variable (row-major over all its subscripts); :NA: outside it.
     */
    public static double elmMap(double[] v, double offset, int index) {
        return element(v, index + truncate(offset));
    }

    /** Position of element i in a stable ascending sort, ordered as Arrays.sort orders doubles. */
    private static int ascendingRank(double[] v, int i) {
        int r = 0;
        double x = v[i];
        for (int j = 0; j < v.length; j++) {
            int c = Double.compare(v[j], x);
            if (c < 0 || c == 0 && j < i) r++;
        }
        return r;
    }

    private static double element(double[] v, double position) {
        if (!(position >= 0 && position < v.length)) return Double.NaN;
        return v[(int) position];
    }

    private static double truncate(double x) {
        return x < 0 ? Math.ceil(x) : Math.floor(x);
    }
}
