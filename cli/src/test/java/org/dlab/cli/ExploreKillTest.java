package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code dlab explore} process mid-way, politely (SIGTERM, as Ctrl-C: the shutdown
 * hook commits and closes the store) and brutally (SIGKILL: only committed batches survive), then
 * resumes; the store must end equal to an uninterrupted one.
 */
class ExploreKillTest {
    private static final Path MODELS = Path.of("../workbench/src/test/resources/models").toAbsolutePath().normalize();

    @TempDir Path tmp;

    private Path study() throws Exception {
        // a much finer time step than the sample study, so that the design takes about ten seconds
        // even on an idle machine and the kill lands mid-way
        Path s = tmp.resolve("slow.yaml");
        Files.writeString(s, Files.readString(MODELS.resolve("sir-study.yaml"))
                .replace("model: sir.mdl", "model: " + MODELS.resolve("sir.mdl"))
                .replace("time: {end: 40, saveper: 1}", "time: {end: 40, step: 0.001, saveper: 1}"));
        return s;
    }

    private static int run(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isZero();
        return r.code();
    }

    /** Starts explore in another JVM and kills it three seconds after it created its store. */
    private void startAndKill(Path study, Path db, boolean forcibly) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "org.dlab.cli.Dlab", "explore",
                study.toString(), "-n", "20000", "--threads", "2", "--db", db.toString(), "--quiet"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String header = out.readLine(); // printed when the runs start
        assertThat(header).contains("40000 runs");
        // the header comes before the store is opened, which may take a while on a busy machine
        for (int i = 0; i < 600 && !Files.exists(db); i++) Thread.sleep(100);
        Thread.sleep(3000);
        assertThat(p.isAlive()).as("the exploration must still be running when killed").isTrue();
        if (forcibly) p.destroyForcibly();
        else p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private byte[] export(Path db, String table) throws Exception {
        Path dir = tmp.resolve("export-" + db.getFileName());
        run("export", db.toString(), "--format", "csv", "-o", dir.toString());
        return Files.readAllBytes(dir.resolve(table + ".csv"));
    }

    private static long lines(byte[] csv) {
        long n = 0;
        for (byte b : csv) if (b == '\n') n++;
        return n - 1;
    }

    @Test
    void killedExplorationsResumeToTheUninterruptedStore() throws Exception {
        Path study = study();
        Path full = tmp.resolve("full.duckdb");
        run("explore", study.toString(), "-n", "20000", "--threads", "2", "--db", full.toString(), "--quiet");
        byte[] expected = export(full, "outcomes");
        assertThat(lines(expected)).isEqualTo(40000);
        for (boolean forcibly : new boolean[] {false, true}) {
            Path db = tmp.resolve((forcibly ? "killed" : "stopped") + ".duckdb");
            startAndKill(study, db, forcibly);
            long stored = lines(export(db, "outcomes"));
            // on a slow machine the kill may come before the first batch commits: resume must cope with that too
            assertThat(stored).as("runs committed before the kill").isBetween(0L, 39999L);
            String status = new String(export(db, "provenance"), StandardCharsets.UTF_8);
            // a polite stop records itself; a SIGKILL leaves the status of a running exploration
            assertThat(status).contains(forcibly ? "status,running" : "status,stopped");
            Files.walk(tmp).filter(f -> f.getFileName().toString().startsWith("export-" + db.getFileName())).sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
            run("explore", study.toString(), "-n", "20000", "--threads", "2", "--db", db.toString(), "--quiet", "--resume");
            assertThat(export(db, "outcomes")).as(forcibly ? "after SIGKILL" : "after SIGTERM").isEqualTo(expected);
            assertThat(export(db, "experiments")).isEqualTo(export(full, "experiments"));
        }
    }
}
