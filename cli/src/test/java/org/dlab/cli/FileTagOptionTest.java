package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.data.FileAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --file-tag TAG=FILE resolves a model's '?TAG' file reference (Vensim's Model>Settings>XLS Files). */
class FileTagOptionTest {
    @TempDir Path tmp;

    @AfterEach
    void forget() {
        FileAccess.reset();
    }

    @Test
    void runCheckAndBenchTakeTheMapping() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("model")).resolve("m.mdl");
        Files.writeString(Files.createDirectories(model.resolveSibling("scenarios")).resolve("s.csv"), "a,7\n");
        Files.writeString(model, "INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n"
                + "c = GET DIRECT CONSTANTS('?../../scenarios/s.csv', ',', 'B1') ~~|\n");
        String tag = "../../scenarios/s.csv=" + model.resolveSibling("scenarios").resolve("s.csv");

        Cli.Result unmapped = Cli.run("run", model.toString());
        assertThat(unmapped.code()).isEqualTo(2);
        assertThat(unmapped.err().strip()).contains("'?../../scenarios/s.csv': no file is mapped to this tag").doesNotContain("\n");

        Cli.Result run = Cli.run("run", "--file-tag", tag, "--vars", "c", model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("7");
        assertThat(Cli.run("check", "--file-tag", tag, model.toString()).code()).isZero();
        assertThat(Cli.run("bench", "--file-tag", tag, "--runs", "1", "--warmup", "0", model.toString()).code()).isZero();

        Cli.Result bad = Cli.run("run", "--file-tag", "no-equals-sign", model.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--file-tag expects TAG=FILE");
        Cli.Result missing = Cli.run("run", "--file-tag", "t=" + tmp.resolve("gone.csv"), model.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--file-tag t:").contains("no such file");
    }
}
