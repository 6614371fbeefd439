package org.dlab.engine.run;

import java.util.Arrays;

/** Runtime of Vensim's matrix functions, on square matrices stored row-major. */
public final class Matrices {
    /**
     * The last matrix inverted on this thread and its inverse: the compiled model asks for the
     * n^2 elements one call each with the same matrix, so one O(n^3) elimination serves them all.
     */
    private static final ThreadLocal<double[][]> LAST = new ThreadLocal<>();

    private Matrices() {}

    /**
     * INVERT MATRIX: element {@code index} (row-major) of the inverse of the n x n matrix
     * {@code m}, by Gauss-Jordan elimination with partial pivoting; NaN when it is singular.
     */
    public static double invert(double[] m, int index) {
        double[][] last = LAST.get();
        if (last != null && Arrays.equals(last[0], m)) return last[1][index];
        double[] inv = inverse(m);
        LAST.set(new double[][] {m.clone(), inv});
        return inv[index];
    }

    /** The inverse of the n x n matrix m (row-major), all NaN when it is singular or not square. */
    static double[] inverse(double[] m) {
        double[] nan = new double[m.length];
        Arrays.fill(nan, Double.NaN);
        int n = (int) Math.round(Math.sqrt(m.length));
        if (n * n != m.length) return nan;
        double[] a = m.clone();
        double[] inv = new double[m.length];
        for (int i = 0; i < n; i++) inv[i * n + i] = 1;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
            double p = a[pivot * n + col];
            if (p == 0 || Double.isNaN(p)) return nan;
            if (pivot != col) {
                swapRows(a, n, pivot, col);
                swapRows(inv, n, pivot, col);
            }
            for (int k = 0; k < n; k++) {
                a[col * n + k] /= p;
                inv[col * n + k] /= p;
            }
            for (int r = 0; r < n; r++) {
                double f = a[r * n + col];
                if (r == col || f == 0) continue;
                for (int k = 0; k < n; k++) {
                    a[r * n + k] -= f * a[col * n + k];
                    inv[r * n + k] -= f * inv[col * n + k];
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] a, int n, int r1, int r2) {
        for (int k = 0; k < n; k++) {
            double t = a[r1 * n + k];
            a[r1 * n + k] = a[r2 * n + k];
            a[r2 * n + k] = t;
        }
    }
}
