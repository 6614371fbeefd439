package org.dlab.engine.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Runtime of Vensim's matrix functions, on square matrices stored row-major. */
public final class Matrices {
    /**
     * The inverses computed in this step, by call site: {@link #inverse} writes one, then the
     * elements of that call read it with {@link #inverseElement} on the same thread (the
     * element's argument is the inverse's auxiliary, so the plan orders them after it).
     */
    private static final ThreadLocal<Map<Integer, double[]>> INVERSES = ThreadLocal.withInitial(HashMap::new);

    private Matrices() {}

    /**
     * INVERT MATRIX, once per matrix and step: inverts the n x n matrix {@code m} (row-major)
     * for the call {@code site} and returns n (NaN entries when it is singular).
     */
    public static double inverse(double[] m, double site, int unused) {
        INVERSES.get().put((int) site, inverse(m));
        return Math.sqrt(m.length);
    }

    /** Entry {@code index} (row-major) of the inverse last computed for {@code site} on this thread. */
    public static double inverseElement(double order, double site, int index) {
        double[] inv = INVERSES.get().get((int) site);
        return inv == null || index >= inv.length ? Double.NaN : inv[index];
    }

    /** The inverse of the n x n matrix m (row-major), all NaN when it is singular or not square. */
    public static double[] inverse(double[] m) {
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
