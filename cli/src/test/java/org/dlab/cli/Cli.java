package org.dlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Runs {@code dlab} in-process as a user would, capturing exit code, standard output and error. */
final class Cli {
    record Result(int code, String out, String err) {}

    private Cli() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Dlab.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The teacup model of the shared test suite; the test is skipped (with a notice) when it is absent. */
    static Path teacup() {
        String p = System.getProperty("dlab.shared");
        Path f = p == null ? null : Path.of(p, "sd-test-models", "samples", "teacup", "teacup.mdl");
        Assumptions.assumeTrue(f != null && Files.isRegularFile(f),
                "skipped: teacup.mdl of the shared sd-test-models not found (dlab.shared=" + p + ")");
        return f;
    }

    /** A small model of our own: one stock filled by a constant inflow. */
    static Path smallModel(Path dir) throws java.io.IOException {
        Path f = dir.resolve("tank.mdl");
        Files.writeString(f, """
                {UTF-8}
                level = INTEG(inflow, 10)
                	~	litres
                	~	|
                inflow = 2
                	~	litres/minute
                	~	|
                INITIAL TIME = 0
                	~	minute
                	~	|
                FINAL TIME = 4
                	~	minute
                	~	|
                TIME STEP = 1
                	~	minute
                	~	|
                SAVEPER = TIME STEP
                	~	minute
                	~	|
                """);
        return f;
    }
}
