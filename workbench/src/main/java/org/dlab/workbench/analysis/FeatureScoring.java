package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.dlab.workbench.sample.Hash;

/**
 * Feature scoring by extremely randomized trees (Geurts, Ernst and Wehenkel 2006, Mach. Learn.
 * 63(1), Algorithm 1-3): an ensemble of trees whose splits take a random cut-point on each of K
 * random inputs and keep the best; an input's score is its mean decrease in impurity over the
 * ensemble (Breiman 2001; Louppe et al. 2013, NIPS, eq. 2), normalized per tree to sum to one and
 * averaged, as EMA Workbench's {@code get_feature_scores_all} does with scikit-learn's
 * ExtraTrees.
 *
 * <p>One implementation serves both outcome kinds: impurity is the within-node sum of squared
 * deviations, which for a 0/1 outcome is exactly half of n times the Gini impurity, so a boolean
 * outcome gets Gini importance and a numeric one variance-reduction importance.
 *
 * <p>Cost: a random cut needs no sorting, only the node's min and max, so a level of a tree costs
 * O(D m) for m sampled rows (K counting scans plus moving the D columns), and a tree
 * O(D m depth). Each tree copies its sample into column arrays and keeps every node's rows
 * contiguous in all of them (a stable partition into a second copy after each split), so every
 * scan is sequential and the children's min and max come from the partitioning pass itself.
 * Memory per running tree: 16 (D + 1) m bytes. Trees run in parallel on the common fork-join pool; each has its own generator
 * seeded from (seed, tree), so results do not depend on the number of threads. For large data
 * each tree draws {@code sampleSize} rows without replacement (scikit-learn's
 * {@code max_samples}); 0 means all rows.
 */
public final class FeatureScoring {
    private FeatureScoring() {}

    /**
     * @param maxFeatures fraction of inputs tried at each split (EMA Workbench uses 0.6)
     * @param sampleSize rows per tree, drawn without replacement; 0 for all rows
     */
    public record Options(int trees, double maxFeatures, int minLeaf, int maxDepth, int sampleSize, long seed) {
        public Options {
            if (trees < 1 || !(maxFeatures > 0 && maxFeatures <= 1) || minLeaf < 1 || maxDepth < 1 || sampleSize < 0) {
                throw new IllegalArgumentException("invalid feature scoring options");
            }
        }

        public static Options defaults() {
            return new Options(100, 0.6, 5, 30, 50_000, 1L);
        }
    }

    /** One input's score: mean normalized impurity decrease and its standard deviation over trees. */
    public record Score(String name, int input, double importance, double sd) {}

    public record Result(List<Score> scores) {
        public Result {
            scores = List.copyOf(scores);
        }

        /** Scores by decreasing importance. */
        public List<Score> ranked() {
            List<Score> r = new ArrayList<>(scores);
            r.sort(Comparator.comparingDouble(Score::importance).reversed());
            return List.copyOf(r);
        }

        public Score of(String name) {
            for (Score s : scores) if (s.name().equals(name)) return s;
            throw new IllegalArgumentException("no input " + name);
        }
    }

    /** Scores for a boolean outcome (Gini importance). */
    public static Result classification(Dataset x, boolean[] y, Options options) {
        Dataset.checkOutcome(x, y.length);
        double[] v = new double[y.length];
        for (int i = 0; i < y.length; i++) v[i] = y[i] ? 1 : 0;
        return regression(x, v, options);
    }

    /**
     * Scores for each of several outcomes over the same inputs ({@code outcomes[k][row]}), in
     * order, as EMA Workbench's {@code get_feature_scores_all}: one ensemble per outcome.
     */
    public static java.util.Map<String, Result> all(Dataset x, List<String> names, double[][] outcomes, Options options) {
        if (names.size() != outcomes.length) throw new IllegalArgumentException(names.size() + " names for " + outcomes.length + " outcomes");
        java.util.Map<String, Result> out = new java.util.LinkedHashMap<>();
        for (int k = 0; k < outcomes.length; k++) out.put(names.get(k), regression(x, outcomes[k], options));
        return out;
    }

    /** Scores for a numeric outcome (variance-reduction importance). */
    public static Result regression(Dataset x, double[] y, Options options) {
        Dataset.checkOutcome(x, y.length);
        int dims = x.inputs();
        double[][] perTree = new double[options.trees()][];
        IntStream.range(0, options.trees()).parallel().forEach(t -> perTree[t] = new TreeBuilder(x, y, options, t).build());
        double[] mean = new double[dims];
        double[] sq = new double[dims];
        for (double[] imp : perTree) {
            for (int d = 0; d < dims; d++) {
                mean[d] += imp[d];
                sq[d] += imp[d] * imp[d];
            }
        }
        List<Score> scores = new ArrayList<>();
        int t = options.trees();
        for (int d = 0; d < dims; d++) {
            double m = mean[d] / t;
            double var = t > 1 ? Math.max(0, (sq[d] - t * m * m) / (t - 1)) : 0;
            scores.add(new Score(x.name(d), d, m, Math.sqrt(var)));
        }
        return new Result(scores);
    }

    /** Grows one tree and returns its normalized impurity decrease per input. Single-threaded. */
    private static final class TreeBuilder {
        /**
         * Two copies of the tree's sample, {@code buf[side][input][row]} with the outcome as input
         * D. A node's rows are one contiguous segment of every array of one side; splitting it
         * writes the two children into the other side, so no copy back is needed and a node at
         * depth k lives on side k % 2.
         */
        private final double[][][] buf;
        private final int dims;
        private final int[] dest;
        private final double[] importance;
        private final Options options;
        private final SplittableRandom rnd;
        private final int k;
        private final int[] features;

        /** A node still to split: its segment, its side, and per input the min and max of its rows. */
        private record Pending(int from, int to, int depth, double[] range) {}

        TreeBuilder(Dataset x, double[] yAll, Options options, int tree) {
            this.options = options;
            this.rnd = new SplittableRandom(Hash.word(options.seed(), 0xF5L, tree));
            int n = x.rows();
            int m = options.sampleSize() == 0 || options.sampleSize() >= n ? n : options.sampleSize();
            int[] rows = sample(n, m);
            dims = x.inputs();
            buf = new double[2][dims + 1][m];
            for (int d = 0; d < dims; d++) {
                double[] src = x.column(d);
                double[] dst = buf[0][d];
                for (int i = 0; i < m; i++) dst[i] = src[rows[i]];
            }
            for (int i = 0; i < m; i++) buf[0][dims][i] = yAll[rows[i]];
            dest = new int[m];
            importance = new double[dims];
            k = Math.max(1, (int) Math.round(options.maxFeatures() * dims));
            features = new int[dims];
            for (int d = 0; d < dims; d++) features[d] = d;
        }

        /** m distinct rows of n, in increasing order (sequential reads when gathering); all rows if m == n. */
        private int[] sample(int n, int m) {
            int[] rows = new int[m];
            if (m == n) {
                for (int i = 0; i < n; i++) rows[i] = i;
                return rows;
            }
            // selection sampling (Knuth, TAOCP vol. 2, 3.4.2, Algorithm S): one pass, output sorted
            int chosen = 0;
            for (int i = 0; i < n && chosen < m; i++) {
                if (rnd.nextDouble() * (n - i) < m - chosen) rows[chosen++] = i;
            }
            return rows;
        }

        double[] build() {
            double[] range = new double[2 * dims];
            for (int d = 0; d < dims; d++) {
                double[] mm = Dataset.minMax(buf[0][d]);
                range[2 * d] = mm[0];
                range[2 * d + 1] = mm[1];
            }
            // explicit stack: deep trees must not overflow the thread stack
            java.util.ArrayDeque<Pending> stack = new java.util.ArrayDeque<>();
            stack.push(new Pending(0, buf[0][0].length, 0, range));
            while (!stack.isEmpty()) split(stack.pop(), stack);
            double sum = 0;
            for (double v : importance) sum += v;
            if (sum > 0) for (int d = 0; d < importance.length; d++) importance[d] /= sum;
            return importance;
        }

        /** Splits a node if it should and can be, pushing its children. */
        private void split(Pending node, java.util.ArrayDeque<Pending> stack) {
            int from = node.from();
            int to = node.to();
            int n = to - from;
            if (n < 2 * options.minLeaf() || node.depth() >= options.maxDepth()) return;
            double[][] cols = buf[node.depth() & 1];
            double[] y = cols[dims];
            double s = 0;
            double ss = 0;
            for (int p = from; p < to; p++) {
                double v = y[p];
                s += v;
                ss += v * v;
            }
            double sse = ss - s * s / n;
            if (sse <= 1e-12 * Math.max(1, ss)) return; // pure node
            double base = s * s / n;
            double bestGain = 0;
            int bestDim = -1;
            double bestCut = 0;
            double[] range = node.range();
            // K random inputs by a partial Fisher-Yates shuffle of the feature list
            for (int j = 0; j < k; j++) {
                int r = j + rnd.nextInt(dims - j);
                int f = features[j];
                features[j] = features[r];
                features[r] = f;
                int d = features[j];
                double lo = range[2 * d];
                double hi = range[2 * d + 1];
                if (!(hi > lo)) continue;
                double cut = lo + rnd.nextDouble() * (hi - lo);
                if (cut >= hi) cut = lo;
                double[] col = cols[d];
                int nl = 0;
                double sl = 0;
                // branch-free: a random cut makes "goes left" a coin flip the CPU cannot predict
                for (int p = from; p < to; p++) {
                    int l = col[p] <= cut ? 1 : 0;
                    nl += l;
                    sl += l * y[p];
                }
                int nr = n - nl;
                if (nl < options.minLeaf() || nr < options.minLeaf()) continue;
                double sr = s - sl;
                double gain = sl * sl / nl + sr * sr / nr - base;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestDim = d;
                    bestCut = cut;
                }
            }
            if (bestDim < 0) return;
            importance[bestDim] += bestGain;
            double[] left = new double[2 * dims];
            double[] right = new double[2 * dims];
            int mid = partition(node, bestDim, bestCut, left, right);
            stack.push(new Pending(mid, to, node.depth() + 1, right));
            stack.push(new Pending(from, mid, node.depth() + 1, left));
        }

        /**
         * Writes the node's rows into the other side, left child first, each side in its original
         * order, and notes the children's min and max per input. Returns the split position.
         */
        private int partition(Pending node, int d, double cut, double[] left, double[] right) {
            int from = node.from();
            int to = node.to();
            double[][] src = buf[node.depth() & 1];
            double[][] dst = buf[(node.depth() + 1) & 1];
            double[] c = src[d];
            int nl = 0;
            for (int p = from; p < to; p++) nl += c[p] <= cut ? 1 : 0;
            int mid = from + nl;
            // destination of each row, computed branch-free once and used for every column
            int wl = from;
            int wr = mid;
            for (int p = from; p < to; p++) {
                int l = c[p] <= cut ? 1 : 0;
                dest[p] = l == 1 ? wl : wr;
                wl += l;
                wr += 1 - l;
            }
            for (int j = 0; j <= dims; j++) {
                double[] a = src[j];
                double[] b = dst[j];
                for (int p = from; p < to; p++) b[dest[p]] = a[p];
                if (j == dims) break;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int p = from; p < mid; p++) {
                    lo = Math.min(lo, b[p]);
                    hi = Math.max(hi, b[p]);
                }
                left[2 * j] = lo;
                left[2 * j + 1] = hi;
                lo = Double.POSITIVE_INFINITY;
                hi = Double.NEGATIVE_INFINITY;
                for (int p = mid; p < to; p++) {
                    lo = Math.min(lo, b[p]);
                    hi = Math.max(hi, b[p]);
                }
                right[2 * j] = lo;
                right[2 * j + 1] = hi;
            }
            return mid;
        }
    }
}
