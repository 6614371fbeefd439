package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A classification tree (CART: Breiman, Friedman, Olshen and Stone 1984, ch. 2 and 4) grown with
 * Gini impurity and exact threshold splits, limited by depth and leaf size; its leaves are boxes,
 * so it is the second scenario-discovery method of Lempert et al. (2008, Technol. Forecast. Soc.
 * Change 75(6)), next to PRIM. No pruning: the limits play that role.
 *
 * <p>Split search keeps, for every input, the node's rows sorted by that input in one segment of
 * a per-input index array (the pre-sorted scheme of SLIQ, Mehta, Agrawal and Rissanen 1996);
 * splitting stable-partitions each segment, so the sorted order survives without re-sorting.
 * Cost: O(D n) to sort ({@link SortedColumns}), then O(D n) per tree level; memory 4 D n bytes.
 */
public final class Cart {
    private Cart() {}

    public record Options(int maxDepth, int minLeaf, int minSplit) {
        public Options {
            if (maxDepth < 0 || minLeaf < 1 || minSplit < 2) throw new IllegalArgumentException("need maxDepth >= 0, minLeaf >= 1, minSplit >= 2");
        }

        public static Options defaults() {
            return new Options(6, 20, 40);
        }
    }

    /** A node: a leaf, or a split sending rows with {@code x[input] <= threshold} left. */
    public sealed interface Node permits Leaf, Split {
        int count();

        int positives();

        default double density() {
            return count() == 0 ? 0 : positives() / (double) count();
        }
    }

    public record Leaf(int count, int positives) implements Node {}

    public record Split(int input, double threshold, Node left, Node right, int count, int positives) implements Node {}

    /** A leaf as a box with its scenario-discovery statistics. */
    public record LeafBox(Box box, int count, int positives, double coverage, double density, double mass) {}

    /** A grown tree. */
    public record Tree(List<String> names, Node root, int rows, int positives) {
        public Tree {
            names = List.copyOf(names);
        }

        /** Whether the leaf holding this point has a majority of cases of interest. */
        public boolean predict(double[] point) {
            Node n = root;
            while (n instanceof Split s) n = point[s.input()] <= s.threshold() ? s.left() : s.right();
            return n.positives() * 2 > n.count();
        }

        /** Every leaf as a box, by decreasing coverage. */
        public List<LeafBox> leaves() {
            List<LeafBox> out = new ArrayList<>();
            Box all = Box.unrestricted(names.size());
            collect(root, all, out);
            out.sort(Comparator.comparingDouble(LeafBox::coverage).reversed());
            return List.copyOf(out);
        }

        /** The leaves where cases of interest are the majority, by decreasing coverage. */
        public List<LeafBox> positiveLeaves() {
            return leaves().stream().filter(l -> l.positives() * 2 > l.count()).toList();
        }

        private void collect(Node n, Box b, List<LeafBox> out) {
            if (n instanceof Split s) {
                int d = s.input();
                collect(s.left(), b.with(d, b.lower(d), Math.min(b.upper(d), s.threshold())), out);
                collect(s.right(), b.with(d, Math.max(b.lower(d), s.threshold()), b.upper(d)), out);
            } else {
                out.add(new LeafBox(b, n.count(), n.positives(), positives == 0 ? 0 : n.positives() / (double) positives, n.density(),
                        n.count() / (double) rows));
            }
        }
    }

    /**
     * Grows a tree. A right child's lower limit equals its parent's threshold, which lies halfway
     * between two data values, so {@link Box#contains} agrees with the tree on the data.
     */
    public static Tree grow(Dataset x, boolean[] y, Options options) {
        Dataset.checkOutcome(x, y.length);
        int n = x.rows();
        Grower g = new Grower(x, y, options, SortedColumns.of(x));
        Node root = g.grow(0, n, 0);
        return new Tree(x.names(), root, n, Dataset.count(y));
    }

    private static final class Grower {
        private final Dataset x;
        private final boolean[] y;
        private final Options options;
        private final int[][] ord;
        private final boolean[] left;
        private final int[] buffer;

        Grower(Dataset x, boolean[] y, Options options, SortedColumns sorted) {
            this.x = x;
            this.y = y;
            this.options = options;
            // the shared sorted orders are partitioned in place, so work on copies
            this.ord = new int[sorted.inputs()][];
            for (int d = 0; d < ord.length; d++) this.ord[d] = Arrays.copyOf(sorted.order(d), x.rows());
            this.left = new boolean[x.rows()];
            this.buffer = new int[x.rows()];
        }

        Node grow(int from, int to, int depth) {
            int count = to - from;
            int pos = 0;
            int[] any = ord.length > 0 ? ord[0] : null;
            for (int p = from; p < to; p++) if (y[any[p]]) pos++;
            if (depth >= options.maxDepth() || count < options.minSplit() || pos == 0 || pos == count || ord.length == 0) {
                return new Leaf(count, pos);
            }
            // parent impurity (times count / 2): pos (count - pos) / count
            double parent = pos * (double) (count - pos) / count;
            double best = parent - 1e-12;
            int bestDim = -1;
            double bestThreshold = 0;
            for (int d = 0; d < ord.length; d++) {
                int[] o = ord[d];
                double[] col = x.column(d);
                int nl = 0;
                int pl = 0;
                for (int p = from; p < to - 1; p++) {
                    int row = o[p];
                    nl++;
                    if (y[row]) pl++;
                    double v = col[row];
                    double next = col[o[p + 1]];
                    if (v == next || nl < options.minLeaf() || count - nl < options.minLeaf()) continue;
                    int nr = count - nl;
                    int pr = pos - pl;
                    double imp = pl * (double) (nl - pl) / nl + pr * (double) (nr - pr) / nr;
                    if (imp < best) {
                        best = imp;
                        bestDim = d;
                        bestThreshold = (v + next) / 2;
                    }
                }
            }
            if (bestDim < 0) return new Leaf(count, pos);
            double[] col = x.column(bestDim);
            int nLeft = 0;
            for (int p = from; p < to; p++) {
                int row = ord[bestDim][p];
                left[row] = col[row] <= bestThreshold;
                if (left[row]) nLeft++;
            }
            for (int[] o : ord) partition(o, from, to);
            Node l = grow(from, from + nLeft, depth + 1);
            Node r = grow(from + nLeft, to, depth + 1);
            return new Split(bestDim, bestThreshold, l, r, count, pos);
        }

        /** Stable partition of o[from, to) by the left flags: each side keeps its sorted order. */
        private void partition(int[] o, int from, int to) {
            int w = from;
            int b = 0;
            for (int p = from; p < to; p++) {
                int row = o[p];
                if (left[row]) o[w++] = row;
                else buffer[b++] = row;
            }
            System.arraycopy(buffer, 0, o, w, b);
        }
    }
}
