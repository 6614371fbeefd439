package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's load warnings (here a text cell of a GET DIRECT DATA range, read as 0) go to standard
 * error, one line each, and leave standard output and the exit code as they were.
 */
class LoadWarningsCliTest {
    @TempDir Path dir;

    private static final String WARNING = "warning: flow.csv: cell B2: text 'abc' read as 0 (variable 'x')";

    private Path model() throws IOException {
        Files.writeString(dir.resolve("flow.csv"), "0,1\n1,abc\n2,3\n");
        return Files.writeString(dir.resolve("m.mdl"), "{UTF-8}\nx := GET DIRECT DATA('flow.csv', ',', 'A', 'B1') ~~|\n"
                + "INITIAL TIME = 0 ~~|\nFINAL TIME = 2 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n");
    }

    @Test
    void runPrintsTheWarningOnStandardErrorAndCleanCsvOnStandardOutput() throws IOException {
        Cli.Result r = Cli.run("run", "--vars", "x", model().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("Time,x", "0,1", "1,0", "2,3");
        assertThat(r.err().lines()).containsExactly(WARNING);
    }

    @Test
    void checkBenchAndCompareRunPrintItOnceToo() throws IOException {
        Path m = model();
        Cli.Result check = Cli.run("check", m.toString());
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).doesNotContain("warning");
        assertThat(check.err().lines()).containsExactly(WARNING);

        // bench loads the model twice (first and warm compile); the warning is printed once
        Cli.Result bench = Cli.run("bench", "--runs", "1", "--warmup", "0", m.toString());
        assertThat(bench.code()).as(bench.err()).isZero();
        assertThat(bench.err().lines()).containsExactly(WARNING);

        Path ref = Files.writeString(dir.resolve("ref.csv"), "Time,x\n0,1\n1,0\n2,3\n");
        Cli.Result compare = Cli.run("compare-run", m.toString(), ref.toString());
        assertThat(compare.code()).as(compare.out() + compare.err()).isZero();
        assertThat(compare.out()).doesNotContain("warning");
        assertThat(compare.err().lines()).containsExactly(WARNING);
    }

    @Test
    void aModelWithoutTextCellsPrintsNoWarning() throws IOException {
        Files.writeString(dir.resolve("flow.csv"), "0,1\n1,2\n2,3\n");
        Path m = Files.writeString(dir.resolve("m.mdl"), "{UTF-8}\nx := GET DIRECT DATA('flow.csv', ',', 'A', 'B1') ~~|\n"
                + "INITIAL TIME = 0 ~~|\nFINAL TIME = 2 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n");
        Cli.Result r = Cli.run("run", "--vars", "x", m.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly("Time,x", "0,1", "1,2", "2,3");
        assertThat(r.err()).isEmpty();
    }
}
