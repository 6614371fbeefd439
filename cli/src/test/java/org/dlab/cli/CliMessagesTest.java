package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line's messages as a user meets them: one line, the right exit code, a suggestion where one is near. */
class CliMessagesTest {
    @TempDir Path dir;

    private static String oneLine(String s) {
        assertThat(s.strip()).doesNotContain("\n");
        return s.strip();
    }

    @Test
    void aMistypedSubcommandGetsASuggestion() {
        Cli.Result r = Cli.run("serv");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(oneLine(r.err())).contains("'serv'").contains("did you mean 'serve'?");
    }

    @Test
    void aMistypedOptionGetsASuggestion() throws Exception {
        Path model = Cli.smallModel(dir);
        Cli.Result r = Cli.run("run", model.toString(), "--savepr", "1");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(oneLine(r.err())).contains("--savepr").contains("did you mean '--saveper'?");
    }

    @Test
    void aMistypedSetNameGetsASuggestion() throws Exception {
        Path model = Cli.smallModel(dir);
        Cli.Result r = Cli.run("run", model.toString(), "--set", "inflw=3");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(oneLine(r.err())).isEqualTo("dlab: --set: no variable 'inflw' in the model; did you mean 'inflow'?");
    }

    @Test
    void helpTextsFormatWithoutPicocliWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Cli.Result top;
        Cli.Result plot;
        try {
            top = Cli.run("--help");
            plot = Cli.run("plot", "--help");
        } finally {
            System.setErr(saved);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8) + top.err() + plot.err();
        assertThat(warnings).doesNotContain("picocli WARN").doesNotContain("Could not format");
        assertThat(plot.out()).contains("25-75% and 5-95%");
        // the subcommand list shows each description's first line: it must not stop mid-sentence at a comma
        String importLine = top.out().lines().filter(l -> l.strip().startsWith("import")).findFirst().orElseThrow();
        assertThat(importLine.strip()).doesNotEndWith(",");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void serveTakesAFolderAndABusyPortIsOneLineExit2() throws Exception {
        Path model = Cli.smallModel(dir);
        Files.writeString(dir.resolve("study.yaml"), "model: " + model.getFileName() + "\noutcomes:\n  - {name: End, variable: level}\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli.Result r = Cli.run("serve", dir.toString(), "--port", Integer.toString(busy.getLocalPort()));
            assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(oneLine(r.err())).isEqualTo("dlab: port " + busy.getLocalPort() + " on 127.0.0.1 is in use; choose another with --port (0 picks a free one)");
        }
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Cli.Result r = Cli.run("serve", empty.toString(), "--port", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(oneLine(r.err())).contains("a folder without study.yaml");
    }
}
