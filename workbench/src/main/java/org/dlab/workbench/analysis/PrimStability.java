package org.dlab.workbench.analysis;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Resampling stability of PRIM's box (Bryant and Lempert 2010, section 3.3, "reproducibility"):
 * PRIM is rerun on resamples of the rows, the box is chosen by the same rule each time, and for
 * each input the share of resamples whose box restricts it is reported. An input restricted in
 * nearly every resample is a robust part of the scenario; one restricted now and then is noise.
 *
 * <p>Resamples are bootstrap draws (n rows with replacement) or, as EMA Workbench's
 * {@code resample}, subsamples without replacement of a given fraction. The sorted orders of a
 * resample are derived from the full data's in O(D n) (rows are re-numbered in their original
 * order, so walking a full sorted order and emitting each drawn copy keeps it sorted), so each
 * resample costs one PRIM run without another sort.
 */
public final class PrimStability {
    private PrimStability() {}

    /**
     * @param share per input, the fraction of resamples whose chosen box restricts it
     * @param meanCoverage mean coverage of the chosen boxes (on their resample)
     * @param meanDensity mean density of the chosen boxes (on their resample)
     */
    public record Result(List<String> names, double[] share, int resamples, double meanCoverage, double meanDensity) {
        public Result {
            names = List.copyOf(names);
            share = share.clone();
        }

        @Override
        public double[] share() {
            return share.clone();
        }

        public double share(String name) {
            return share[names.indexOf(name)];
        }
    }

    /**
     * @param fraction for subsampling without replacement, the share of rows drawn; ignored for the bootstrap
     */
    public static Result run(Dataset x, boolean[] y, Prim.Options options, double minDensity, int resamples, boolean bootstrap,
            double fraction, long seed) {
        Dataset.checkOutcome(x, y.length);
        SortedColumns order = Prim.sort(x);
        int n = x.rows();
        int dims = x.inputs();
        int[] hits = new int[dims];
        double cov = 0;
        double den = 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            int[] mult = new int[n];
            if (bootstrap) {
                for (int i = 0; i < n; i++) mult[rnd.nextInt(n)]++;
            } else {
                // Floyd's algorithm would avoid the O(n) pass; a partial shuffle is simpler and O(n) anyway
                int m = (int) Math.round(fraction * n);
                int[] perm = new int[n];
                for (int i = 0; i < n; i++) perm[i] = i;
                for (int i = 0; i < m; i++) {
                    int j = i + rnd.nextInt(n - i);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    mult[perm[i]] = 1;
                }
            }
            int[] start = new int[n + 1];
            for (int i = 0; i < n; i++) start[i + 1] = start[i] + mult[i];
            int size = start[n];
            int[] sel = new int[size];
            for (int i = 0; i < n; i++) for (int c = start[i]; c < start[i + 1]; c++) sel[c] = i;
            Dataset xs = x.select(sel);
            boolean[] ys = new boolean[size];
            for (int i = 0; i < size; i++) ys[i] = y[sel[i]];
            int[][] os = new int[dims][size];
            for (int d = 0; d < dims; d++) {
                int w = 0;
                for (int row : order.order(d)) for (int c = start[row]; c < start[row + 1]; c++) os[d][w++] = c;
            }
            SortedColumns sorted = SortedColumns.ofOrders(xs, os);
            PrimTrajectory t = Prim.peel(xs, ys, options, sorted);
            PrimBox b = Prim.paste(xs, ys, t.choose(minDensity), options, sorted);
            for (int d : b.restricted()) hits[d]++;
            cov += b.coverage();
            den += b.density();
        }
        double[] share = new double[dims];
        for (int d = 0; d < dims; d++) share[d] = hits[d] / (double) resamples;
        return new Result(x.names(), share, resamples, cov / resamples, den / resamples);
    }
}
