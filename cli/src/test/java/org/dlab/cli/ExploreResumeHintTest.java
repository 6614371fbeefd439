package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "continue with" line after a stop repeats the design options, or following it fails ("holds a different experiment"). */
class ExploreResumeHintTest {
    @Test
    void theHintCarriesEveryDesignOption() {
        ExploreCommand c = new ExploreCommand();
        c.study = Path.of("models/my study/study.yaml");
        c.sampler = "sobol";
        c.seedOption.seed = 42;
        c.design = "cycle";
        c.policies = List.of("a", "b");
        c.series = 0.5;
        assertThat(c.resumeCommand(300, Path.of("out.duckdb"))).isEqualTo(
                "dlab explore 'models/my study/study.yaml' -n 300 --sampler sobol --seed 42 --design cycle --policies a,b --series 0.5 --db out.duckdb --resume");
    }
}
