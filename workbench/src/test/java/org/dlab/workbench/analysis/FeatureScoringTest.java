package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureScoringTest {
    @Test
    void ranksThePlantedInputsFirst() {
        PlantedBox data = new PlantedBox(5000, 42);
        FeatureScoring.Result r = FeatureScoring.classification(data.x, data.y, FeatureScoring.Options.defaults());
        r.ranked().forEach(s -> System.out.printf("  %s %.4f (sd %.4f)%n", s.name(), s.importance(), s.sd()));
        List<String> top = r.ranked().stream().limit(2).map(FeatureScoring.Score::name).toList();
        assertThat(top).containsExactlyInAnyOrder("x2", "x7");
        assertThat(r.of("x2").importance() + r.of("x7").importance()).isGreaterThan(0.8);
        double sum = r.scores().stream().mapToDouble(FeatureScoring.Score::importance).sum();
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void regressionScoresFollowTheInputsWeights() {
        int n = 4000;
        SplittableRandom rnd = new SplittableRandom(8);
        double[][] cols = new double[4][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 4; d++) cols[d][i] = rnd.nextDouble();
            y[i] = 4 * cols[0][i] + 2 * cols[1][i] + 0.5 * cols[2][i] + 0.05 * rnd.nextGaussian();
        }
        Dataset x = Dataset.ofColumns(List.of("a", "b", "c", "inert"), cols);
        FeatureScoring.Result r = FeatureScoring.regression(x, y, new FeatureScoring.Options(50, 0.6, 5, 30, 0, 4));
        assertThat(r.ranked().stream().map(FeatureScoring.Score::name).toList()).containsExactly("a", "b", "c", "inert");
        // same seed, same scores, whatever the thread interleaving
        FeatureScoring.Result again = FeatureScoring.regression(x, y, new FeatureScoring.Options(50, 0.6, 5, 30, 0, 4));
        assertThat(again.scores()).isEqualTo(r.scores());
        // every outcome at once: one ensemble per outcome, in order
        double[] onlyC = cols[2].clone();
        java.util.Map<String, FeatureScoring.Result> all = FeatureScoring.all(x, List.of("y", "c"), new double[][] {y, onlyC},
                new FeatureScoring.Options(20, 0.6, 5, 30, 0, 4));
        assertThat(all.keySet()).containsExactly("y", "c");
        assertThat(all.get("c").ranked().get(0).name()).isEqualTo("c");
    }
}
