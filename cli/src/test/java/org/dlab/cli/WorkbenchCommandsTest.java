package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explore, compare and export through the command line: exit codes and messages. */
class WorkbenchCommandsTest {
    /** The workbench module's test study (surefire runs in the cli folder). */
    private static final Path MODELS = Path.of("../workbench/src/test/resources/models").toAbsolutePath().normalize();
    private static final Path STUDY = MODELS.resolve("sir-study.yaml");

    @TempDir Path tmp;

    private static Cli.Result run(String... args) {
        return Cli.run(args);
    }

    @Test
    void exploreExportAndCompare() throws Exception {
        Path db = tmp.resolve("r.duckdb");
        Cli.Result r = run("explore", STUDY.toString(), "-n", "30", "--threads", "2", "--db", db.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("60 runs (lhs, n = 30, 2 policies, full design), 2 threads").contains("done: 60 runs (60 ok, 0 failed)");
        Cli.Result again = run("explore", STUDY.toString(), "-n", "30", "--db", db.toString(), "--quiet");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains(db + ":1:1: already exists; continue it with --resume");
        Cli.Result resumed = run("explore", STUDY.toString(), "-n", "30", "--db", db.toString(), "--quiet", "--resume");
        assertThat(resumed.code()).isZero();
        assertThat(resumed.out()).contains("done: 0 runs").contains("60 were already stored");
        Cli.Result ex = run("export", db.toString(), "--format", "csv", "-o", tmp.resolve("csv").toString());
        assertThat(ex.code()).as(ex.err()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("csv/outcomes.csv"))).hasSize(61);
        assertThat(run("export", db.toString(), "-o", tmp.resolve("pq").toString()).code()).isZero();
        assertThat(tmp.resolve("pq/experiments.parquet")).exists();
        Cli.Result cmp = run("compare", STUDY.toString(), "--policies", "none,vaccinate", "-n", "40", "--quiet");
        assertThat(cmp.code()).as(cmp.err()).isZero();
        assertThat(cmp.out()).contains("40 futures, each under every policy").contains("Peak infected").contains("beats none").contains("P(> 300)");
    }

    @Test
    void badInputsExitTwoWithOneLine() throws Exception {
        Path bad = tmp.resolve("study.yaml");
        Files.writeString(bad, "model: " + MODELS.resolve("sir.mdl") + "\nuncertainties:\n  - {name: Contact Rate, dist: uniform, low: 1, hi: 2}\n"
                + "outcomes:\n  - {name: P, variable: Infected, reduce: max}\n");
        Cli.Result r = run("explore", tmp.toString(), "--quiet"); // a folder holding study.yaml
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith(bad + ":3:49: unknown key 'hi' in an uncertainty");
        assertThat(r.err()).doesNotContain("Exception");
        Path file = Files.writeString(tmp.resolve("plain-file"), "");
        Cli.Result store = run("explore", STUDY.toString(), "-n", "2", "--db", file.resolve("x.duckdb").toString(), "--quiet");
        assertThat(store.code()).isEqualTo(2);
        assertThat(store.err().strip()).isEqualTo(file.resolve("x.duckdb") + ":1:1: cannot create the results store: no folder " + file);
        Cli.Result policy = run("compare", STUDY.toString(), "--policies", "none,lockdown", "--quiet");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err()).contains("no policy 'lockdown'").contains("(it has: none, vaccinate)");
        assertThat(run("explore", STUDY.toString(), "--sampler", "halton").err()).contains("unknown sampler 'halton'");
        Cli.Result missing = run("export", tmp.resolve("none.duckdb").toString(), "-o", tmp.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.duckdb:1:1: no such results store");
    }

    @Test
    void defaultStoreNameFollowsTheStudy() {
        assertThat(ExploreCommand.defaultName(Path.of("models/korea/study.yaml"))).isEqualTo("korea");
        assertThat(ExploreCommand.defaultName(Path.of("runs.yaml"))).isEqualTo("runs");
        assertThat(ExploreCommand.defaultName(MODELS)).isEqualTo("models");
        assertThat(ProgressDisplay.line("explore", 250, 1000, 2_000_000_000L)).isEqualTo("explore: 250/1000 runs (25.0%), 125 runs/s, ETA 6 s");
    }
}
