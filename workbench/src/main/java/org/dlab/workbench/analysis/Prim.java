package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The Patient Rule Induction Method for scenario discovery: peeling, pasting and the choice of a
 * box on the coverage/density trade-off (Friedman and Fisher 1999, Stat. Comput. 9, sections 2-5;
 * Bryant and Lempert 2010, Technol. Forecast. Soc. Change 77(1)).
 *
 * <p>Peeling: from the box holding all rows, repeatedly remove a slice of {@code peelAlpha} of the
 * rows inside, at the low or high end of one input, choosing the slice whose removal raises the
 * share of cases of interest (density) most; stop when no slice raises it or the next box would
 * fall below {@code minMass} of all rows. Every box on the way is kept: that is the peeling
 * trajectory, the coverage/density trade-off curve. Pasting (Friedman and Fisher 1999, section
 * 2.2): widen a chosen box by slices of {@code pasteAlpha} of its rows while that raises density.
 *
 * <p>Objective: {@link Objective#ORIGINAL} picks the slice giving the highest density;
 * {@link Objective#LENIENT} the highest density gain per row removed, which is the same choice
 * when all slices are equal in size and fairer when ties in integer or categorical-code inputs
 * make some slices larger (as EMA Workbench's "lenient1").
 *
 * <p>Cost, for n rows and D inputs: O(D n) once to sort each input by radix sort
 * ({@link SortedColumns}, shared by pasting and resampling); then each peel walks alpha n rows per input side, and a window
 * is compacted only when it holds twice as many rows as the box, so a whole trajectory of
 * ln(minMass)/ln(1 - alpha) peels costs O(D n) in total. No boxing: rows, sorted orders and
 * membership are primitive arrays, and walks read sorted values sequentially. Memory: the sorted
 * columns (12 D n bytes) plus n booleans.
 */
public final class Prim {
    private Prim() {}

    public enum Objective { ORIGINAL, LENIENT }

    public record Options(double peelAlpha, double pasteAlpha, double minMass, Objective objective) {
        public Options {
            if (!(peelAlpha > 0 && peelAlpha < 0.5)) throw new IllegalArgumentException("peelAlpha must be in (0, 0.5)");
            if (!(pasteAlpha > 0 && pasteAlpha < 0.5)) throw new IllegalArgumentException("pasteAlpha must be in (0, 0.5)");
            if (!(minMass > 0 && minMass < 1)) throw new IllegalArgumentException("minMass must be in (0, 1)");
        }

        /** EMA Workbench's defaults: alpha 0.05 for peeling and pasting, minimum mass 0.05. */
        public static Options defaults() {
            return new Options(0.05, 0.05, 0.05, Objective.LENIENT);
        }
    }

    /** Every input sorted once, for reuse across peeling, pasting and inspection: O(D n). */
    public static SortedColumns sort(Dataset x) {
        return SortedColumns.of(x);
    }

    /** The peeling trajectory for cases of interest {@code y}. */
    public static PrimTrajectory peel(Dataset x, boolean[] y, Options options) {
        return peel(x, y, options, sort(x));
    }

    /** As {@link #peel(Dataset, boolean[], Options)} over sorted orders from {@link #sort(Dataset)}. */
    public static PrimTrajectory peel(Dataset x, boolean[] y, Options options, SortedColumns order) {
        Dataset.checkOutcome(x, y.length);
        return new Peeler(x, y, options, order).run();
    }

    /**
     * The box a scenario-discovery analyst usually takes (Bryant and Lempert 2010, section 4): on
     * the trajectory, the one with the highest coverage among those with density at least
     * {@code minDensity} (the densest if none reaches it), then pasted.
     */
    public static PrimBox find(Dataset x, boolean[] y, Options options, double minDensity) {
        SortedColumns order = sort(x);
        PrimTrajectory t = peel(x, y, options, order);
        return paste(x, y, t.choose(minDensity), options, order);
    }

    /** Pastes a box: see the class comment. O(D n) per pasting step in the worst case. */
    public static PrimBox paste(Dataset x, boolean[] y, PrimBox start, Options options, SortedColumns order) {
        Dataset.checkOutcome(x, y.length);
        int n = x.rows();
        int dims = x.inputs();
        double[] lower = start.box().lower();
        double[] upper = start.box().upper();
        int[] viol = violations(x, lower, upper);
        int nIn = 0;
        int posIn = 0;
        int total = 0;
        for (int i = 0; i < n; i++) {
            if (y[i]) total++;
            if (viol[i] == 0) {
                nIn++;
                if (y[i]) posIn++;
            }
        }
        boolean pasted = false;
        while (true) {
            int k = Math.max(1, (int) Math.ceil(options.pasteAlpha() * nIn));
            double meanOld = posIn / (double) nIn;
            double bestScore = 0;
            int bestDim = -1;
            boolean bestLow = false;
            int bestCount = 0;
            int bestPos = 0;
            int bestFrom = 0;
            double bestLimit = 0;
            for (int d = 0; d < dims; d++) {
                double[] vals = order.values(d);
                int[] ord = order.order(d);
                for (int side = 0; side < 2; side++) {
                    boolean low = side == 0;
                    if (low ? lower[d] == Double.NEGATIVE_INFINITY : upper[d] == Double.POSITIVE_INFINITY) continue;
                    // walk outward from the limit, gathering rows that are outside on d alone
                    int p = low ? firstAtLeast(vals, lower[d]) - 1 : firstAbove(vals, upper[d]);
                    int step = low ? -1 : 1;
                    int count = 0;
                    int pos = 0;
                    double last = Double.NaN;
                    while (p >= 0 && p < n) {
                        int row = ord[p];
                        if (count >= k && vals[p] != last) break;
                        if (viol[row] == 1) {
                            count++;
                            if (y[row]) pos++;
                            last = vals[p];
                        }
                        p += step;
                    }
                    if (count == 0) continue;
                    // the new limit lies between the last row taken and the next value outward
                    double limit;
                    if (p < 0 || p >= n) limit = low ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    else limit = (last + vals[p]) / 2;
                    double meanNew = (posIn + pos) / (double) (nIn + count);
                    double score = options.objective() == Objective.ORIGINAL ? meanNew - meanOld : (meanNew - meanOld) / count;
                    if (meanNew > meanOld && score > bestScore) {
                        bestScore = score;
                        bestDim = d;
                        bestLow = low;
                        bestCount = count;
                        bestPos = pos;
                        bestLimit = limit;
                        bestFrom = p;
                    }
                }
            }
            if (bestDim < 0) break;
            // every row between the old and the new limit is now inside on bestDim
            double[] vals = order.values(bestDim);
            int[] ord = order.order(bestDim);
            if (bestLow) {
                int end = firstAtLeast(vals, lower[bestDim]);
                for (int p = bestFrom + 1; p < end; p++) viol[ord[p]]--;
                lower[bestDim] = bestLimit;
            } else {
                int startP = firstAbove(vals, upper[bestDim]);
                for (int p = startP; p < bestFrom; p++) viol[ord[p]]--;
                upper[bestDim] = bestLimit;
            }
            nIn += bestCount;
            posIn += bestPos;
            pasted = true;
        }
        if (!pasted) return start;
        return new PrimBox(start.index(), new Box(lower, upper), nIn, posIn, total == 0 ? 0 : posIn / (double) total,
                posIn / (double) nIn, nIn / (double) n, true);
    }

    /** For each row, the number of inputs on which it lies outside the limits. O(D n). */
    static int[] violations(Dataset x, double[] lower, double[] upper) {
        int n = x.rows();
        int[] viol = new int[n];
        for (int d = 0; d < x.inputs(); d++) {
            double lo = lower[d];
            double hi = upper[d];
            if (lo == Double.NEGATIVE_INFINITY && hi == Double.POSITIVE_INFINITY) continue;
            double[] col = x.column(d);
            for (int i = 0; i < n; i++) if (col[i] < lo || col[i] > hi) viol[i]++;
        }
        return viol;
    }

    /** First position in sorted values that is >= v (binary search). */
    static int firstAtLeast(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** First position in sorted values that is > v. */
    static int firstAbove(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Mutable peeling state; one instance per run, single-threaded. */
    private static final class Peeler {
        private final Dataset x;
        private final boolean[] y;
        private final Options options;
        private final int n;
        private final int dims;
        private final int total;
        private final boolean[] in;
        /** Per input, rows in sorted order; positions [lo, hi] hold every row still in the box (and some that left). */
        private final int[][] list;
        /** Values parallel to {@link #list}, so walks read memory sequentially. */
        private final double[][] vals;
        private final int[] lo;
        private final int[] hi;
        private final double[] lower;
        private final double[] upper;
        private int nIn;
        private int posIn;

        Peeler(Dataset x, boolean[] y, Options options, SortedColumns order) {
            this.x = x;
            this.y = y;
            this.options = options;
            this.n = x.rows();
            this.dims = x.inputs();
            this.total = Dataset.count(y);
            this.in = new boolean[n];
            java.util.Arrays.fill(in, true);
            // shared sorted orders are only read; compaction writes into fresh, smaller arrays
            this.list = new int[dims][];
            this.vals = new double[dims][];
            for (int d = 0; d < dims; d++) {
                list[d] = order.order(d);
                vals[d] = order.values(d);
            }
            this.lo = new int[dims];
            this.hi = new int[dims];
            for (int d = 0; d < dims; d++) hi[d] = n - 1;
            this.lower = new double[dims];
            this.upper = new double[dims];
            java.util.Arrays.fill(lower, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(upper, Double.POSITIVE_INFINITY);
            this.nIn = n;
            this.posIn = total;
        }

        PrimTrajectory run() {
            List<PrimBox> boxes = new ArrayList<>();
            boxes.add(snapshot(0));
            double minRows = options.minMass() * n;
            while (nIn > 1) {
                int k = Math.max(1, (int) Math.ceil(options.peelAlpha() * nIn));
                double meanOld = posIn / (double) nIn;
                double bestScore = Double.NEGATIVE_INFINITY;
                int bestDim = -1;
                boolean bestLow = false;
                int bestPos = 0;
                int bestNewPos = 0;
                double bestLimit = 0;
                for (int d = 0; d < dims; d++) {
                    for (int side = 0; side < 2; side++) {
                        boolean low = side == 0;
                        long c = slice(d, low, k);
                        if (c == NO_SLICE) continue;
                        int count = (int) (c >>> 32);
                        int newPos = (int) c;
                        if (nIn - count < minRows) continue;
                        int pos = lastPositives;
                        double meanNew = (posIn - pos) / (double) (nIn - count);
                        double score = options.objective() == Objective.ORIGINAL ? meanNew : (meanNew - meanOld) / count;
                        if (meanNew > meanOld && score > bestScore) {
                            bestScore = score;
                            bestDim = d;
                            bestLow = low;
                            bestPos = pos;
                            bestNewPos = newPos;
                            bestLimit = lastLimit;
                        }
                    }
                }
                if (bestDim < 0) break;
                remove(bestDim, bestLow, bestNewPos, bestLimit);
                posIn -= bestPos;
                boxes.add(snapshot(boxes.size()));
                compact();
            }
            double[][] range = new double[dims][];
            for (int d = 0; d < dims; d++) range[d] = Dataset.minMax(x.column(d));
            return new PrimTrajectory(x.names(), range, n, total, boxes);
        }

        private static final long NO_SLICE = -1L;
        /** Side results of {@link #slice}, to keep the hot loop free of allocation. */
        private int lastPositives;
        private double lastLimit;

        /**
         * The slice of at least k in-box rows at one end of input d, widened to take all rows tied
         * with its last value. Returns (count << 32 | first position kept), or NO_SLICE when the
         * slice would empty the box; sets lastPositives and lastLimit.
         */
        private long slice(int d, boolean low, int k) {
            int[] l = list[d];
            double[] vs = vals[d];
            int p = low ? lo[d] : hi[d];
            int end = low ? hi[d] + 1 : lo[d] - 1;
            int step = low ? 1 : -1;
            int count = 0;
            int pos = 0;
            double last = Double.NaN;
            while (p != end) {
                int row = l[p];
                if (in[row]) {
                    double v = vs[p];
                    if (count >= k && v != last) break;
                    count++;
                    if (y[row]) pos++;
                    last = v;
                }
                p += step;
            }
            if (p == end) return NO_SLICE; // nothing would remain
            // p is at the first kept in-box row: the limit lies between it and the last removed
            lastPositives = pos;
            lastLimit = (last + vs[p]) / 2;
            return ((long) count << 32) | (p & 0xFFFFFFFFL);
        }

        private void remove(int d, boolean low, int newPos, double limit) {
            int[] l = list[d];
            int from = low ? lo[d] : newPos + 1;
            int to = low ? newPos : hi[d] + 1;
            for (int p = from; p < to; p++) {
                int row = l[p];
                if (in[row]) {
                    in[row] = false;
                    nIn--;
                }
            }
            if (low) {
                lo[d] = newPos;
                lower[d] = limit;
            } else {
                hi[d] = newPos;
                upper[d] = limit;
            }
        }

        /** Rewrites a window that holds more than twice the box's rows, keeping the walks O(alpha n). */
        private void compact() {
            for (int d = 0; d < dims; d++) {
                int width = hi[d] - lo[d] + 1;
                if (width <= 2 * nIn + 64) continue;
                int[] src = list[d];
                double[] srcV = vals[d];
                int[] dst = new int[nIn];
                double[] dstV = new double[nIn];
                int w = 0;
                for (int p = lo[d]; p <= hi[d]; p++) {
                    if (in[src[p]]) {
                        dst[w] = src[p];
                        dstV[w++] = srcV[p];
                    }
                }
                list[d] = dst;
                vals[d] = dstV;
                lo[d] = 0;
                hi[d] = w - 1;
            }
        }

        private PrimBox snapshot(int index) {
            return new PrimBox(index, new Box(lower, upper), nIn, posIn, total == 0 ? 0 : posIn / (double) total,
                    posIn / (double) nIn, nIn / (double) n, false);
        }
    }
}
