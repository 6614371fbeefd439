package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlab.workbench.study.Study.Kind;
import org.junit.jupiter.api.Test;

/** DTLZ2 with two objectives: every algorithm reaches the known front's hypervolume, and ε-progress is tracked. */
class MultiObjectiveTwoObjectiveTest {
    /** DTLZ2 (Deb, Thiele, Laumanns and Zitzler 2002), 2 objectives, 11 variables: the front is the unit circle's quarter. */
    static MultiObjective.Problem dtlz2() {
        int n = 11;
        List<String> levers = new ArrayList<>();
        for (int i = 0; i < n; i++) levers.add("x" + i);
        double[] hi = new double[n];
        Arrays.fill(hi, 1);
        return new MultiObjective.Problem(levers, new double[n], hi, List.of("f1", "f2"), List.of(Kind.MINIMIZE, Kind.MINIMIZE), 0, (x, f, c) -> {
            double g = 0;
            for (int i = 1; i < n; i++) g += (x[i] - 0.5) * (x[i] - 0.5);
            f[0] = (1 + g) * Math.cos(x[0] * Math.PI / 2);
            f[1] = (1 + g) * Math.sin(x[0] * Math.PI / 2);
        });
    }

    /** With ideal (0, 0) and reference (1.1, 1.1), the quarter circle dominates 1.1² - π/4 of the box's 1.1². */
    static final double TRUE_HV = (1.21 - Math.PI / 4) / 1.21;

    @Test
    void everyAlgorithmReachesTheTrueFront() {
        // stated target: 97% of the true hypervolume within 10,000 evaluations (a 100-point front
        // approximates the arc to about 99%)
        for (MultiObjective.Algorithm alg : MultiObjective.Algorithm.values()) {
            double[] eps = alg == MultiObjective.Algorithm.EPSILON_NSGA2 ? new double[] {0.01, 0.01} : null;
            MultiObjective.Result r = MultiObjective.optimize(dtlz2(), new MultiObjective.Options(alg, 10_000, 100, eps, 0, 42, new double[] {0, 0},
                    new double[] {1.1, 1.1}));
            double share = r.convergence().last() / TRUE_HV;
            System.out.printf("DTLZ2, 2 objectives, %s: %d members, hypervolume %.4f = %.1f%% of the true %.4f, eps-progress %d%n", alg, r.pareto().size(),
                    r.convergence().last(), 100 * share, TRUE_HV, r.convergence().epsilonProgress()[r.convergence().epsilonProgress().length - 1]);
            assertThat(share).as(alg.name()).isGreaterThanOrEqualTo(0.97);
            for (MultiObjective.Member m : r.pareto()) {
                double[] f = m.objectives();
                assertThat(Math.hypot(f[0], f[1])).isBetween(0.99, 1.02);
            }
            int[] progress = r.convergence().epsilonProgress();
            for (int i = 1; i < progress.length; i++) assertThat(progress[i]).isGreaterThanOrEqualTo(progress[i - 1]);
            assertThat(progress[progress.length - 1]).isGreaterThan(progress[0]);
            assertThat(r.stopped()).isFalse();
        }
    }

    @Test
    void aMonitorStopsTheSearchAndKeepsWhatItFound() {
        int[] generations = {0};
        MultiObjective.Result r = MultiObjective.optimize(dtlz2(), new MultiObjective.Options(MultiObjective.Algorithm.NSGA2, 10_000, 50, null, 0, 1, null, null),
                (evals, budget) -> ++generations[0] < 5);
        assertThat(r.stopped()).isTrue();
        assertThat(r.evaluations()).isEqualTo(5 * 50);
        assertThat(r.pareto()).isNotEmpty();
    }
}
