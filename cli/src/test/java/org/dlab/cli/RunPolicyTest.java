package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code dlab run MODEL --policy NAME} applies a study's lever values; --set still wins. */
class RunPolicyTest {
    private static final Path KOREA = Path.of("..", "models", "korea", "korea.mdl");

    private static String[] run(String... args) {
        Cli.Result r = Cli.run(args);
        return new String[] {String.valueOf(r.code()), r.out(), r.err()};
    }

    private static double lastValue(String csv) {
        String[] lines = csv.strip().split("\n");
        String[] cells = lines[lines.length - 1].split(",");
        return Double.parseDouble(cells[cells.length - 1]);
    }

    @Test
    void aPolicySetsItsLeversAndSetOverridesThem() {
        String var = "--vars=Security guarantees intensity";
        String[] base = run("run", KOREA.toString(), var);
        String[] rec = run("run", KOREA.toString(), "--policy", "recalibrated", var);
        String[] both = run("run", KOREA.toString(), "--policy", "recalibrated", "--set", "Security guarantees intensity=0.2", var);
        assertThat(base[0]).isEqualTo("0");
        assertThat(rec[0]).as(rec[2]).isEqualTo("0");
        assertThat(lastValue(rec[1])).isEqualTo(0.9); // study.yaml: recalibrated sets it to 0.9
        assertThat(lastValue(both[1])).isEqualTo(0.2);
        assertThat(lastValue(base[1])).isNotEqualTo(0.9);
    }

    @Test
    void anUnknownPolicyIsAOneLineErrorWithExitTwo() {
        String[] r = run("run", KOREA.toString(), "--policy", "nope");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].strip()).startsWith("dlab: --policy: no policy 'nope'").doesNotContain("\n");
    }
}
