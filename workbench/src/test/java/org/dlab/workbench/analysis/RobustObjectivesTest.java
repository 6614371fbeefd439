package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dlab.workbench.study.Study.Kind;
import org.junit.jupiter.api.Test;

class RobustObjectivesTest {
    // futures: a demand level; outcome 0 = shortfall = max(0, demand - capacity), outcome 1 = cost = capacity
    private static final double[][] FUTURES = {{1}, {2}, {3}, {4}};
    private static final RobustObjectives.FutureModel MODEL = (lever, future, out) -> {
        out[0] = Math.max(0, future[0] - lever[0]);
        out[1] = lever[0];
    };

    @Test
    void statisticsOverFuturesByHand() {
        List<RobustObjectives.Objective> objs = List.of(
                new RobustObjectives.Objective("mean shortfall", 0, Kind.MINIMIZE, RobustObjectives.Statistic.MEAN, 0),
                new RobustObjectives.Objective("p90 shortfall", 0, Kind.MINIMIZE, RobustObjectives.Statistic.PERCENTILE, 0.9),
                new RobustObjectives.Objective("no shortfall", 0, Kind.MINIMIZE, RobustObjectives.Statistic.SATISFICING, 0),
                new RobustObjectives.Objective("cost", 1, Kind.MINIMIZE, RobustObjectives.Statistic.MEAN, 0));
        MultiObjective.Model m = RobustObjectives.over(FUTURES, 2, MODEL, objs);
        double[] f = new double[4];
        m.evaluate(new double[] {2.5}, f, new double[0]);
        // shortfalls 0, 0, 0.5, 1.5: mean 0.5; 90th percentile 0.5 + 0.7 * 1.0 = 1.2; share without 0.5; cost 2.5
        assertThat(f[0]).isCloseTo(0.5, within(1e-12));
        assertThat(f[1]).isCloseTo(1.2, within(1e-12));
        assertThat(f[2]).isEqualTo(0.5);
        assertThat(f[3]).isEqualTo(2.5);
        assertThat(RobustObjectives.kinds(objs)).containsExactly(Kind.MINIMIZE, Kind.MINIMIZE, Kind.MAXIMIZE, Kind.MINIMIZE);
    }

    @Test
    void robustSearchTradesCostAgainstReliability() {
        List<RobustObjectives.Objective> objs = List.of(
                new RobustObjectives.Objective("reliability", 0, Kind.MINIMIZE, RobustObjectives.Statistic.SATISFICING, 0),
                new RobustObjectives.Objective("cost", 1, Kind.MINIMIZE, RobustObjectives.Statistic.MEAN, 0));
        MultiObjective.Problem p = new MultiObjective.Problem(List.of("capacity"), new double[] {0}, new double[] {5}, List.of("reliability", "cost"),
                RobustObjectives.kinds(objs), 0, RobustObjectives.over(FUTURES, 2, MODEL, objs));
        MultiObjective.Result r = MultiObjective.optimize(p, new MultiObjective.Options(MultiObjective.Algorithm.NSGA2, 2000, 20, null, 0, 3, null, null));
        // the Pareto set is one policy per reliability level: capacity just at 1, 2, 3 and 4 (and 0 for free)
        for (MultiObjective.Member mem : r.pareto()) {
            double share = mem.objectives()[0];
            assertThat(mem.levers()[0]).isCloseTo(Math.round(4 * share), within(0.05));
        }
        assertThat(r.pareto().stream().mapToDouble(mm -> mm.objectives()[0]).max().orElse(0)).isEqualTo(1.0);
    }
}
