package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.data.FileAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model reads files in its own folder only, unless the user names another with --allow-files. */
class AllowFilesTest {
    @TempDir Path tmp;

    @AfterEach
    void forget() {
        FileAccess.reset();
    }

    @Test
    void aFileBesideTheModelsFolderNeedsAllowFiles() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("c.csv"), "a,7\n");
        Path model = Files.createDirectories(tmp.resolve("model")).resolve("m.mdl");
        Files.writeString(model, "INITIAL TIME = 0 ~~|\nFINAL TIME = 1 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n"
                + "c = GET DIRECT CONSTANTS('../data/c.csv', ',', 'B1') ~~|\n");
        Cli.Result refused = Cli.run("run", model.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("c.csv: outside the model's folder").doesNotContain("\n");
        Cli.Result allowed = Cli.run("run", "--allow-files", data.toString(), model.toString());
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("7");
        Cli.Result missing = Cli.run("run", "--allow-files", tmp.resolve("nope").toString(), model.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--allow-files").contains("no such folder");
    }
}
