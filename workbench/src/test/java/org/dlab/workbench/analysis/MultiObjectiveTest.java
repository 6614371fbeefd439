package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlab.workbench.study.Study.Kind;
import org.junit.jupiter.api.Test;

class MultiObjectiveTest {
    /** DTLZ2 (Deb, Thiele, Laumanns and Zitzler 2002) with 3 objectives and 12 variables. */
    static MultiObjective.Problem dtlz2() {
        int n = 12;
        List<String> levers = new ArrayList<>();
        for (int i = 0; i < n; i++) levers.add("x" + i);
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, 1);
        return new MultiObjective.Problem(levers, lo, hi, List.of("f1", "f2", "f3"), List.of(Kind.MINIMIZE, Kind.MINIMIZE, Kind.MINIMIZE), 0,
                (x, f, c) -> {
                    double g = 0;
                    for (int i = 2; i < n; i++) g += (x[i] - 0.5) * (x[i] - 0.5);
                    double a = x[0] * Math.PI / 2;
                    double b = x[1] * Math.PI / 2;
                    f[0] = (1 + g) * Math.cos(a) * Math.cos(b);
                    f[1] = (1 + g) * Math.cos(a) * Math.sin(b);
                    f[2] = (1 + g) * Math.sin(a);
                });
    }

    // with ideal 0 and reference point (1.1, 1.1, 1.1), the true front (the unit sphere's octant) dominates 1.1^3 - pi/6
    private static final double[] IDEAL = {0, 0, 0};
    private static final double[] REF = {1.1, 1.1, 1.1};
    private static final double TRUE_HV = (Math.pow(1.1, 3) - Math.PI / 6) / Math.pow(1.1, 3);

    @Test
    void dtlz2ReachesTheTrueFrontsHypervolume() {
        // stated targets, as shares of the true front's hypervolume, within stated budgets: a
        // 100-point NSGA-II front and a 91-point NSGA-III front cannot cover the whole surface;
        // the epsilon archive (epsilon 0.03) holds several hundred points and gets closest
        double[] targets = {0.80, 0.95, 0.88};
        int[] budgets = {10_000, 20_000, 10_000};
        for (MultiObjective.Algorithm alg : MultiObjective.Algorithm.values()) {
            MultiObjective.Options o = new MultiObjective.Options(alg, budgets[alg.ordinal()], 100,
                    alg == MultiObjective.Algorithm.EPSILON_NSGA2 ? new double[] {0.03, 0.03, 0.03} : null, 0, 1234, IDEAL, REF);
            long t = System.nanoTime();
            MultiObjective.Result r = MultiObjective.optimize(dtlz2(), o);
            double share = r.convergence().last() / TRUE_HV;
            System.out.printf("%s: %d evaluations, %d solutions, hypervolume %.4f = %.1f%% of the true front's %.4f (%.2f s)%n", alg,
                    r.evaluations(), r.pareto().size(), r.convergence().last(), 100 * share, TRUE_HV, (System.nanoTime() - t) / 1e9);
            assertThat(share).as("%s hypervolume share", alg).isGreaterThanOrEqualTo(targets[alg.ordinal()]);
            assertThat(r.evaluations()).isLessThanOrEqualTo(budgets[alg.ordinal()] + 1000);
            // the front is reached: the median member lies within 0.02 of the unit sphere
            double[] dist = r.pareto().stream().mapToDouble(m -> {
                double[] f = m.objectives();
                return Math.abs(Math.sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]) - 1);
            }).sorted().toArray();
            assertThat(dist[dist.length / 2]).isLessThan(0.02);
            // convergence is tracked: the curve rises overall
            double[] hv = r.convergence().hypervolume();
            assertThat(hv[hv.length - 1]).isGreaterThan(hv[0]);
        }
    }

    @Test
    void exactHypervolumeAgreesWithTheFrameworksIndicator() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(2);
        for (int m = 2; m <= 3; m++) {
            for (int trial = 0; trial < 5; trial++) {
                double[][] pts = new double[40][m];
                for (double[] p : pts) for (int i = 0; i < m; i++) p[i] = rnd.nextDouble() * 1.1;
                double[] zero = new double[m];
                double[] one = new double[m];
                Arrays.fill(one, 1);
                double mine = HypervolumeIndicator.unit(pts);
                org.moeaframework.core.population.NondominatedPopulation pop = new org.moeaframework.core.population.NondominatedPopulation();
                for (double[] p : pts) {
                    org.moeaframework.core.Solution s = new org.moeaframework.core.Solution(0, m);
                    s.setObjectiveValues(p);
                    pop.add(s);
                }
                double[] ref = one;
                double theirs = new org.moeaframework.core.indicator.Hypervolume(new org.moeaframework.problem.DTLZ.DTLZ2(m), zero, ref).evaluate(pop);
                assertThat(mine).as("%d objectives, trial %d", m, trial).isCloseTo(theirs, within(1e-9));
            }
        }
        // one point at the ideal dominates the whole box; a point at the reference nothing
        assertThat(HypervolumeIndicator.unit(new double[][] {{0, 0, 0}})).isEqualTo(1.0);
        assertThat(HypervolumeIndicator.unit(new double[][] {{1, 0, 0}})).isEqualTo(0.0);
        assertThat(HypervolumeIndicator.unit(new double[][] {{0.5, 0.5, 0.5}})).isEqualTo(0.125);
    }

    @Test
    void maximizedObjectivesAndConstraintsAreHonoured() {
        // maximize x + y and minimize x, subject to y <= 0.5: the front is y = 0.5, x in [0, 1]
        MultiObjective.Problem p = new MultiObjective.Problem(List.of("x", "y"), new double[] {0, 0}, new double[] {1, 1}, List.of("sum", "x"),
                List.of(Kind.MAXIMIZE, Kind.MINIMIZE), 1, (x, f, c) -> {
                    f[0] = x[0] + x[1];
                    f[1] = x[0];
                    c[0] = x[1] - 0.5;
                });
        MultiObjective.Result r = MultiObjective.optimize(p, new MultiObjective.Options(MultiObjective.Algorithm.NSGA2, 3000, 40, null, 0, 7, null, null));
        assertThat(r.pareto()).isNotEmpty();
        for (MultiObjective.Member m : r.pareto()) {
            assertThat(m.levers()[1]).isLessThanOrEqualTo(0.5).isGreaterThan(0.45);
            assertThat(m.objectives()[0]).isCloseTo(m.levers()[0] + m.levers()[1], within(1e-12));
        }
        // seeded: the same run gives the same set
        MultiObjective.Result again = MultiObjective.optimize(p, new MultiObjective.Options(MultiObjective.Algorithm.NSGA2, 3000, 40, null, 0, 7, null, null));
        assertThat(again.pareto().size()).isEqualTo(r.pareto().size());
        assertThat(again.pareto().get(0).levers()).containsExactly(r.pareto().get(0).levers());
    }
}
