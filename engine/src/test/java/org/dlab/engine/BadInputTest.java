package org.dlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed model in test resources bad-models/ is refused with a {@link ModelException}
 * whose {@code describe()} is one line {@code file:line:col: message} pointing at the fault
 * itself (the column of the unknown name, the unclosed parenthesis, ...) and naming it. The
 * binary and oversized files are made here rather than committed.
 */
class BadInputTest {
    /** One case: the model file, where the error must point and what the message must say. */
    record Case(String file, int line, int col, List<String> says) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("unbalanced-open.mdl", 2, 10, List.of("unbalanced parentheses", "'(' is not closed")),
                new Case("unbalanced-close.mdl", 2, 26, List.of("unbalanced parentheses", "')'")),
                new Case("unknown-function.mdl", 2, 23, List.of("unknown function 'SMOOTHISH'")),
                new Case("undefined-name.mdl", 5, 10, List.of("undefined name 'populaton'")),
                new Case("algebraic-loop.mdl", 2, 1, List.of("algebraic loop: price -> cost -> demand -> price")),
                new Case("algebraic-loop-dynamic.mdl", 5, 1, List.of("algebraic loop: births -> birth fraction -> births")),
                new Case("init-loop.mdl", 2, 1, List.of("loop among initial values: stock -> initial stock -> stock")),
                new Case("subscript-mismatch.mdl", 9, 25, List.of("subscript mismatch", "'Product'", "'sales'")),
                new Case("unknown-subscript.mdl", 7, 25, List.of("unknown subscript 'Regoin'")),
                new Case("unknown-subscript-lhs.mdl", 4, 7, List.of("unknown subscript 'Regions'")),
                new Case("wrong-arg-count.mdl", 2, 10, List.of("IF THEN ELSE takes 3 arguments, got 2")),
                new Case("wrong-arg-count-integ.mdl", 5, 14, List.of("INTEG takes 2 arguments", "got 3")),
                new Case("missing-data-file.mdl", 2, 32, List.of("no-such-file.csv", "not found")),
                new Case("unterminated.mdl", 11, 1, List.of("not terminated by '|'")),
                new Case("unterminated-middle.mdl", 2, 1, List.of("not terminated by '|'")),
                new Case("unclosed-quote.mdl", 2, 10, List.of("unclosed quoted name")),
                new Case("duplicate-definition.mdl", 5, 1, List.of("'growth' is defined more than once")),
                new Case("no-final-time.mdl", 1, 1, List.of("does not define FINAL TIME")),
                new Case("recursive-macro.mdl", 9, 8, List.of("macro PING calls itself: PING -> PONG -> PING")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang is a failure too
    void badModelIsOneLineAtTheFault(Case c) throws URISyntaxException {
        Path file = Path.of(BadInputTest.class.getResource("/bad-models/" + c.file()).toURI());
        assertOneLine(file, c.line(), c.col(), c.says());
    }

    @Test
    void everyBadModelFileHasACase() throws IOException, URISyntaxException {
        Path dir = Path.of(BadInputTest.class.getResource("/bad-models").toURI());
        List<String> covered = cases().map(Case::file).toList();
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).allMatch(covered::contains);
        }
    }

    @Test
    void binaryGarbageIsRefusedAtItsFirstNulByte(@TempDir Path dir) throws IOException {
        // the start of a PNG image: its first NUL byte is the first byte of line 3
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', (byte) 0xff, 0};
        Path file = dir.resolve("picture.mdl");
        Files.write(file, png);
        assertOneLine(file, 3, 1, List.of("binary data"));
    }

    @Test
    void fiftyMegabyteFileIsRefusedBeforeReading(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.mdl");
        byte[] block = "x = 1 ~ units ~ a constant, repeated far past any real model |\n".repeat(1 << 14)
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < 50L << 20; written += block.length) out.write(block);
        }
        assertOneLine(file, 1, 1, List.of("50 MB", "limit"));
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        assertOneLine(dir.resolve("absent.mdl"), 1, 1, List.of("no such model file"));
    }

    private static final Pattern ONE_LINE = Pattern.compile("(.+):(\\d+):(\\d+): (.+)");

    static void assertOneLine(Path file, int line, int col, List<String> says) {
        Throwable t = catchThrowable(() -> ModelLoader.load(file));
        assertThat(t).as("loading %s", file).isInstanceOf(ModelException.class);
        String d = ((ModelException) t).describe();
        assertThat(d).as("one line").doesNotContain("\n", "\r");
        Matcher m = ONE_LINE.matcher(d);
        assertThat(m.matches()).as("'%s' has the form file:line:col: message", d).isTrue();
        assertThat(m.group(1)).isEqualTo(file.toString());
        assertThat(m.group(2) + ":" + m.group(3)).as(d).isEqualTo(line + ":" + col);
        assertThat(m.group(4)).contains(says);
    }
}
