package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.List;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Hypervolume;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.problem.AbstractProblem;

/**
 * The hypervolume indicator (Zitzler and Thiele 1999, IEEE TEC 3(4)) of a front of minimized
 * objectives, the convergence measure of {@link MultiObjective}: exact for up to three
 * objectives, the MOEA Framework's indicator beyond.
 */
final class HypervolumeIndicator {
    private HypervolumeIndicator() {}

    /**
     * Hypervolume of points (minimized) inside the box [ideal, reference], normalized so the whole
     * box has volume 1 (points are rescaled to the unit box, reference point (1, ..., 1); points
     * not better than the reference in every objective add nothing). Two and three objectives are
     * measured exactly here ({@link #unit}); more go to the MOEA Framework's indicator.
     */
    static double of(int m, double[][] points, double[] ideal, double[] reference) {
        double[][] unit = new double[points.length][m];
        for (int j = 0; j < points.length; j++) {
            for (int i = 0; i < m; i++) unit[j][i] = (points[j][i] - ideal[i]) / (reference[i] - ideal[i]);
        }
        if (m <= 3) return unit(unit);
        NondominatedPopulation pop = new NondominatedPopulation();
        for (double[] v : unit) {
            Solution s = new Solution(0, m);
            s.setObjectiveValues(v);
            pop.add(s);
        }
        if (pop.isEmpty()) return 0;
        double[] zero = new double[m];
        double[] one = new double[m];
        java.util.Arrays.fill(one, 1);
        return new Hypervolume(new IndicatorProblem(m), zero, one).evaluate(pop);
    }

    /**
     * Exact hypervolume dominated by points (minimized) up to the reference point (1, ..., 1), for
     * one to three objectives: for two, the area under the non-dominated staircase; for three, the
     * slicing of While et al. (2006, IEEE TEC 10(1), "HSO"): add points in order of the third
     * objective to a staircase kept incrementally and sum each slab's area times its thickness
     * (O(n²)). Far cheaper than a general algorithm for fronts of a few hundred points.
     */
    static double unit(double[][] points) {
        List<double[]> in = new ArrayList<>();
        for (double[] p : points) {
            boolean ok = true;
            for (double v : p) ok &= v < 1;
            if (ok) in.add(p);
        }
        if (in.isEmpty()) return 0;
        int m = in.get(0).length;
        if (m == 1) {
            double best = 1;
            for (double[] p : in) best = Math.min(best, p[0]);
            return 1 - best;
        }
        Staircase st = new Staircase(in.size());
        if (m == 2) {
            for (double[] p : in) st.add(p[0], p[1]);
            return st.area();
        }
        in.sort(java.util.Comparator.comparingDouble(p -> p[2]));
        double volume = 0;
        for (int k = 0; k < in.size(); k++) {
            double[] p = in.get(k);
            st.add(p[0], p[1]);
            double next = k + 1 < in.size() ? in.get(k + 1)[2] : 1;
            if (next > p[2]) volume += st.area() * (next - p[2]);
        }
        return volume;
    }

    /**
     * The non-dominated points of a two-objective set, x ascending and y strictly descending, kept
     * as primitive arrays; insertion and area are O(size).
     */
    private static final class Staircase {
        private final double[] xs;
        private final double[] ys;
        private int size;

        Staircase(int capacity) {
            xs = new double[capacity];
            ys = new double[capacity];
        }

        void add(double x, double y) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (xs[mid] < x) lo = mid + 1;
                else hi = mid;
            }
            if (lo > 0 && ys[lo - 1] <= y) return; // dominated by a point to its left
            if (lo < size && xs[lo] == x && ys[lo] <= y) return;
            int end = lo;
            while (end < size && ys[end] >= y) end++; // points it dominates
            int removed = end - lo;
            if (removed == 0) {
                System.arraycopy(xs, lo, xs, lo + 1, size - lo);
                System.arraycopy(ys, lo, ys, lo + 1, size - lo);
                size++;
            } else if (removed > 1) {
                System.arraycopy(xs, end, xs, lo + 1, size - end);
                System.arraycopy(ys, end, ys, lo + 1, size - end);
                size -= removed - 1;
            }
            xs[lo] = x;
            ys[lo] = y;
        }

        /** Area dominated up to (1, 1). */
        double area() {
            double a = 0;
            for (int i = 0; i < size; i++) a += ((i + 1 < size ? xs[i + 1] : 1) - xs[i]) * (1 - ys[i]);
            return a;
        }
    }

    /** The shape of a problem of m minimized objectives, which the hypervolume indicator needs; never evaluated. */
    private static final class IndicatorProblem extends AbstractProblem {
        IndicatorProblem(int m) {
            super(0, m);
        }

        @Override
        public void evaluate(Solution solution) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Solution newSolution() {
            return new Solution(0, numberOfObjectives);
        }
    }
}
