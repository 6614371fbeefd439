package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dlab serve refuses, before listening, what it must not open. */
class ServeCommandTest {
    @TempDir Path dir;

    int run(StringWriter err, String... args) {
        var cl = Dlab.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void refusesAFileOutsideTheRoots() throws Exception {
        Path outside = Files.writeString(dir.resolve("x.mdl"), "a = 1\n~~|\n");
        Path root = Files.createDirectory(dir.resolve("root"));
        StringWriter err = new StringWriter();
        assertThat(run(err, "serve", outside.toString(), "--root", root.toString(), "--port", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("outside the root folders");
    }

    @Test
    void refusesAMissingFile() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "serve", dir.resolve("none.yaml").toString())).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("no such study or model");
    }

    @Test
    void refusesAMissingStoreFolder() throws Exception {
        Path model = Files.writeString(dir.resolve("x.mdl"), "a = 1\n~~|\n");
        StringWriter err = new StringWriter();
        assertThat(run(err, "serve", model.toString(), "--stores", dir.resolve("nowhere").toString(), "--port", "0")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--stores").contains("no such folder");
    }
}
