package org.dlab.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finding and running node, for the tests of the JavaScript back end. */
public final class NodeJs {
    private NodeJs() {}

    public static String find() {
        for (String p : List.of("/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node")) {
            if (Files.isExecutable(Path.of(p))) return p;
        }
        return null;
    }

    public static String resource(String name) throws IOException {
        try (InputStream in = NodeJs.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs a script in dir and returns its standard output lines; fails on a non-zero exit. */
    public static List<String> run(String node, Path dir, String script) throws IOException, InterruptedException {
        Path outFile = dir.resolve("stdout.txt");
        Path errFile = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(node, script).directory(dir.toFile())
                .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("node did not finish in 5 minutes");
        }
        if (p.exitValue() != 0) throw new AssertionError("node failed: " + Files.readString(errFile));
        return Files.readAllLines(outFile);
    }
}
