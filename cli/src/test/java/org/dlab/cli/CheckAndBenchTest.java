package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlab check} reports a model's structure; {@code dlab bench} times it. */
class CheckAndBenchTest {
    @Test
    void checkTeacup() {
        Path model = Cli.teacup();
        Cli.Result r = Cli.run("check", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(model + ": ok");
        assertThat(lines.get(1)).isEqualTo("  stocks: 1, flows and auxiliaries: 1, constants: 6, lookups: 0, hidden states: 0");
        assertThat(lines).contains(
                "  stock     Teacup Temperature  [Degrees Fahrenheit [32,212]]",
                "  auxiliary Heat Loss to Room  [Degrees Fahrenheit/Minute]",
                "  constant  Room Temperature  [Degrees Fahrenheit [-459.67,?]]");
    }

    @Test
    void checkListsSubscriptRanges(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("regions.mdl");
        Files.writeString(f, """
                Region : north, south ~~|
                sales[Region] = 10, 20 ~ units ~|
                total = SUM(sales[Region!]) ~ units ~|
                FINAL TIME = 1 ~~|
                """);
        Cli.Result r = Cli.run("check", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  subscript range Region: north, south\n", "  constant  sales[north]  [units]\n",
                "  constant  total  [units]\n");
    }

    @Test
    void benchPrintsCompileAndPerRunTimes(@TempDir Path dir) throws IOException {
        Cli.Result r = Cli.run("bench", Cli.smallModel(dir).toString(), "--runs", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("first compile \\d+ ms, first run \\d+\\.\\d ms \\(this fresh JVM\\)\\R"
                + "compile \\d+ ms, per-run \\d+\\.\\d µs \\(median of 5 runs after \\d+ warm-up runs; one value kept per saved time\\)");
    }

    @Test
    void benchTeacup() {
        Cli.Result r = Cli.run("bench", Cli.teacup().toString(), "--runs", "5", "--final-time", "10", "--all-columns", "--warmup", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).endsWith("(median of 5 runs after 3 warm-up runs; every variable stored at every saved time)");
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("run", "check", "bench");
        assertThat(Cli.run("--version").out()).contains("dlab");
    }
}
