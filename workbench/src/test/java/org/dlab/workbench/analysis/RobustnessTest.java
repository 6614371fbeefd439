package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dlab.workbench.study.Study.Kind;
import org.junit.jupiter.api.Test;

class RobustnessTest {
    // three policies over four futures
    private static final double[][] COST = {
        {10, 20, 30, 40}, // a
        {15, 15, 15, 15}, // b
        {5, 25, 35, 60}}; // c
    private static final double[][] WELFARE = {
        {1, 2, 3, 4},
        {2, 2, 2, 2},
        {0, 5, 1, 1}};

    private final Robustness.Table table = Robustness.evaluate(List.of("a", "b", "c"),
            List.of(new Robustness.Outcome("cost", Kind.MINIMIZE, COST, 20), new Robustness.Outcome("welfare", Kind.MAXIMIZE, WELFARE, 2),
                    new Robustness.Outcome("note", Kind.INFO, COST, Double.NaN)),
            new double[] {0, 0.5, 1});

    @Test
    void regretAgainstTheBestPolicyInEachFuture() {
        // cost: best per future = 5, 15, 15, 15
        // a: 5, 5, 15, 25 -> max 25, mean 12.5; b: 10, 0, 0, 0 -> max 10, mean 2.5; c: 0, 10, 20, 45 -> max 45, mean 18.75
        assertThat(table.of("a").of("cost").maxRegret()).isEqualTo(25);
        assertThat(table.of("a").of("cost").meanRegret()).isEqualTo(12.5);
        assertThat(table.of("b").of("cost").maxRegret()).isEqualTo(10);
        assertThat(table.of("b").of("cost").meanRegret()).isEqualTo(2.5);
        assertThat(table.of("c").of("cost").maxRegret()).isEqualTo(45);
        assertThat(table.of("c").of("cost").regretPercentiles()).containsExactly(0, 15, 45);
        // welfare (maximize): best per future = 2, 5, 3, 4
        // a: 1, 3, 0, 0 -> max 3; b: 0, 3, 1, 2 -> max 3, mean 1.5; c: 2, 0, 2, 3 -> max 3, mean 1.75
        assertThat(table.of("a").of("welfare").meanRegret()).isEqualTo(1.0);
        assertThat(table.of("b").of("welfare").meanRegret()).isEqualTo(1.5);
        assertThat(table.of("c").of("welfare").meanRegret()).isEqualTo(1.75);
    }

    @Test
    void satisficingSharesPerOutcomeAndJointly() {
        // cost <= 20: a 2/4, b 4/4, c 1/4; welfare >= 2: a 3/4, b 4/4, c 1/4
        assertThat(table.of("a").of("cost").satisficing()).isEqualTo(0.5);
        assertThat(table.of("b").of("cost").satisficing()).isEqualTo(1.0);
        assertThat(table.of("c").of("cost").satisficing()).isEqualTo(0.25);
        assertThat(table.of("a").of("welfare").satisficing()).isEqualTo(0.75);
        // jointly: a meets both in future 2 only (20, 2); b in all four; c in none (5,0), (25,5), ...
        assertThat(table.of("a").satisficingAll()).isEqualTo(0.25);
        assertThat(table.of("b").satisficingAll()).isEqualTo(1.0);
        assertThat(table.of("c").satisficingAll()).isEqualTo(0.0);
    }

    @Test
    void percentilesAndSignalToNoise() {
        Robustness.Metrics a = table.of("a").of("cost");
        assertThat(a.percentiles()).containsExactly(10, 25, 40);
        assertThat(a.mean()).isEqualTo(25);
        // population sd of 10, 20, 30, 40 = sqrt(125)
        assertThat(a.sd()).isCloseTo(Math.sqrt(125), within(1e-12));
        assertThat(a.signalToNoise()).isCloseTo(25 * Math.sqrt(125), within(1e-9));
        assertThat(table.of("b").of("cost").signalToNoise()).isEqualTo(0.0);
        Robustness.Metrics w = table.of("a").of("welfare");
        assertThat(w.signalToNoise()).isCloseTo(2.5 / Math.sqrt(1.25), within(1e-12));
        Robustness.Metrics info = table.of("a").of("note");
        assertThat(info.maxRegret()).isNaN();
        assertThat(info.satisficing()).isNaN();
        assertThat(info.percentiles()).containsExactly(10, 25, 40);
    }
}
