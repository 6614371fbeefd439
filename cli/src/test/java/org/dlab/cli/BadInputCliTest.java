package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the command line: every malformed model of the engine's bad-models/ and
 * every bad option gives exit code 2 and exactly one line on standard error, never a stack
 * trace, and nothing on standard output.
 */
class BadInputCliTest {
    /** The engine's malformed models, shared with its BadInputTest (tests run in the module folder). */
    static final Path BAD_MODELS = Path.of("..", "engine", "src", "test", "resources", "bad-models");

    static Stream<Path> badModels() throws IOException {
        try (Stream<Path> s = Files.list(BAD_MODELS)) {
            return s.filter(p -> p.toString().endsWith(".mdl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void runOnABadModel(Path model) {
        assertOneLineExit2(Cli.run("run", model.toString()), model.toString() + ":\\d+:\\d+: .+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void checkOnABadModel(Path model) {
        assertOneLineExit2(Cli.run("check", model.toString()), model.toString() + ":\\d+:\\d+: .+");
    }

    @Test
    void theFolderOfBadModelsIsThere() throws IOException {
        assertThat(badModels().count()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void binaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("image.mdl");
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        assertOneLineExit2(Cli.run("run", f.toString()), "\\Q" + f + "\\E:3:1: .*binary data.*");
    }

    @Test
    void hundredThousandNestedParentheses(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("deep.mdl");
        Files.writeString(f, "FINAL TIME = 1 ~~|\nx = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " ~~|\n");
        assertOneLineExit2(Cli.run("run", f.toString()), "\\Q" + f + "\\E:2:\\d+: expression is nested too deeply.*");
    }

    @Test
    void fiftyMegabyteModel(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.mdl");
        byte[] block = "x = 1 ~~|\n".repeat(100_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var out = Files.newOutputStream(f)) {
            for (long n = 0; n < 50L << 20; n += block.length) out.write(block);
        }
        assertOneLineExit2(Cli.run("check", f.toString()), "\\Q" + f + "\\E:1:1: model file is 50 MB; the limit is 32 MB");
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        Path f = dir.resolve("absent.mdl");
        assertOneLineExit2(Cli.run("run", f.toString()), ".*absent\\.mdl.*no such model file.*");
    }

    @Test
    void aFolderInsteadOfAModel(@TempDir Path dir) {
        assertOneLineExit2(Cli.run("check", dir.toString()), ".*" + dir.getFileName() + ".*");
    }

    @Test
    void notAnMdlFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.xlsx");
        Files.writeString(f, "x = 1 ~~|");
        assertOneLineExit2(Cli.run("run", f.toString()), ".*model\\.xlsx.*\\.mdl.*");
    }

    static Stream<List<String>> badOptions() {
        return Stream.of(
                List.of("--set", "Room Temperature"),
                List.of("--set", "=5"),
                List.of("--set", "Room Temperature=warm"),
                List.of("--set", "Room Temperature="),
                List.of("--set", "Room Temperature=1,5"),
                List.of("--set", "Room Temperature=0x10"),
                List.of("--set", "Room Temperature=5f"),
                List.of("--set", "Room Temperature=NaN"),
                List.of("--set", "Room Temperature=Infinity"),
                List.of("--set", "Room Temperature=1e400"),
                List.of("--set", "No Such Variable=1"),
                List.of("--set", "Heat Loss to Room=1"),
                List.of("--final-time", "soon"),
                List.of("--final-time", "-5"),
                List.of("--time-step", "0"),
                List.of("--time-step", "-1"),
                List.of("--saveper", "x"),
                List.of("--method", "leapfrog"),
                List.of("--format", "xml"),
                List.of("--vars", "No Such Variable"),
                List.of("--no-such-option"),
                List.of("--vars"));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("badOptions")
    void runWithABadOption(List<String> option) {
        List<String> args = new java.util.ArrayList<>(List.of("run", Cli.teacup().toString()));
        args.addAll(option);
        assertOneLineExit2(Cli.run(args.toArray(String[]::new)), ".+");
    }

    @Test
    void benchWithBadRuns(@TempDir Path dir) throws IOException {
        Path m = Cli.smallModel(dir);
        assertOneLineExit2(Cli.run("bench", m.toString(), "--runs", "0"), "dlab: --runs .*");
        assertOneLineExit2(Cli.run("bench", m.toString(), "--runs", "many"), "dlab: .*");
    }

    @Test
    void missingModelArgument() {
        assertOneLineExit2(Cli.run("run"), "dlab: .*");
    }

    @Test
    void unknownCommand() {
        assertOneLineExit2(Cli.run("simulate", "x.mdl"), "dlab: .*");
    }

    static void assertOneLineExit2(Cli.Result r, String pattern) {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr").hasSize(1);
        assertThat(r.err().strip()).matches(pattern).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).as("stdout").isEmpty();
    }
}
