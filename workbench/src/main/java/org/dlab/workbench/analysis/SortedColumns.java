package org.dlab.workbench.analysis;

import java.util.stream.IntStream;

/**
 * Each input's rows in increasing order of value ({@code order[d]}) with the values in that order
 * ({@code values[d]}), so scans along an input read memory sequentially instead of jumping
 * through a million-row column. Built once per dataset and shared (read-only) by PRIM peeling,
 * pasting, resampling and CART.
 *
 * <p>Sorting is a least-significant-digit radix sort (Knuth, TAOCP vol. 3, 5.2.5) on the IEEE 754
 * bits mapped to an order-preserving unsigned key (flip all bits of negatives, the sign bit of
 * positives), 16 bits per pass, skipping passes whose digit is the same for every row: O(n) per
 * input and stable, so ties keep row order. Inputs are sorted in parallel. Memory: 12 n bytes per
 * input plus one n-row scratch per thread.
 */
public final class SortedColumns {
    private final int[][] order;
    private final double[][] values;

    private SortedColumns(int[][] order, double[][] values) {
        this.order = order;
        this.values = values;
    }

    public static SortedColumns of(Dataset x) {
        int dims = x.inputs();
        int[][] order = new int[dims][];
        double[][] values = new double[dims][];
        IntStream.range(0, dims).parallel().forEach(d -> {
            int[] o = new int[x.rows()];
            values[d] = sort(x.column(d), o);
            order[d] = o;
        });
        return new SortedColumns(order, values);
    }

    /** Built from orders already known (a resample's, derived from the full data's). */
    static SortedColumns ofOrders(Dataset x, int[][] order) {
        double[][] values = new double[order.length][];
        for (int d = 0; d < order.length; d++) {
            double[] col = x.column(d);
            int[] o = order[d];
            double[] v = new double[o.length];
            for (int i = 0; i < o.length; i++) v[i] = col[o[i]];
            values[d] = v;
        }
        return new SortedColumns(order, values);
    }

    /** Rows of input d in increasing order of value; shared, do not modify. */
    public int[] order(int d) {
        return order[d];
    }

    /** Values of input d in increasing order; shared, do not modify. */
    public double[] values(int d) {
        return values[d];
    }

    public int inputs() {
        return order.length;
    }

    /** Sorts {@code col}: fills {@code outOrder} with the row permutation and returns the sorted values. */
    static double[] sort(double[] col, int[] outOrder) {
        int n = col.length;
        long[] key = new long[n];
        long[] key2 = new long[n];
        int[] idx = outOrder;
        int[] idx2 = new int[n];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToLongBits(col[i]);
            key[i] = b < 0 ? ~b : b ^ Long.MIN_VALUE;
            idx[i] = i;
        }
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) count[(int) ((key[i] >>> shift) & 0xFFFF)]++;
            if (n > 0 && count[(int) ((key[0] >>> shift) & 0xFFFF)] == n) continue; // one digit: nothing moves
            int sum = 0;
            for (int c = 0; c < count.length; c++) {
                int t = count[c];
                count[c] = sum;
                sum += t;
            }
            for (int i = 0; i < n; i++) {
                int c = (int) ((key[i] >>> shift) & 0xFFFF);
                int to = count[c]++;
                key2[to] = key[i];
                idx2[to] = idx[i];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        if (idx != outOrder) System.arraycopy(idx, 0, outOrder, 0, n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            long k = key[i];
            v[i] = Double.longBitsToDouble(k < 0 ? k ^ Long.MIN_VALUE : ~k);
        }
        return v;
    }
}
