package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlab.cli.Cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.dlab.cli.Cli.Result;
import org.dlab.workbench.store.ResultsStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlab explore --spark} and {@code dlab import}: one-line errors, and a local-mode job end to end when dlab-spark.jar is built. */
class SparkCommandsTest {
    static final Path KOREA = Path.of("..", "models", "korea").toAbsolutePath().normalize();
    static final Path JAR = Path.of("..", "spark", "target", "dlab-spark.jar").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void badInputIsOneLineAndExitTwo() {
        Result bad = run("explore", KOREA.toString(), "--spark", "sprak://nowhere");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("dlab: --spark: 'sprak://nowhere' is not a Spark master URL (expected local[N], spark://HOST:PORT, yarn or k8s://...)");
        Result noJar = run("explore", KOREA.toString(), "--spark", "local[2]", "--spark-jar", tmp.resolve("none.jar").toString());
        assertThat(noJar.code()).isEqualTo(2);
        assertThat(noJar.err()).startsWith("dlab: --spark-jar: no such file").doesNotContain("\tat ");
        Result noStudy = run("explore", tmp.resolve("missing").toString(), "--spark", "local[2]");
        assertThat(noStudy.code()).isEqualTo(2);
        assertThat(noStudy.err().lines().count()).isEqualTo(1);
        Result outAlone = run("explore", KOREA.toString(), "--out", tmp.toString());
        assertThat(outAlone.code()).isEqualTo(2);
        assertThat(outAlone.err()).contains("go with --spark");
        Result noFolder = run("import", tmp.resolve("nothing").toString(), "--db", tmp.resolve("x.duckdb").toString());
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err().strip()).endsWith("no such folder (expected the output folder of 'dlab explore --spark')");
        Result notOutput = run("import", tmp.toString(), "--db", tmp.resolve("x.duckdb").toString());
        assertThat(notOutput.code()).isEqualTo(2);
        assertThat(notOutput.err()).contains("no provenance.json");
    }

    /** A job output whose study/ folder holds another model than the job hashed is refused, and no store is made. */
    @Test
    void importRefusesAStudyFolderThatIsNotTheOneTheJobRan() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("job"));
        Files.createDirectories(out.resolve("outcomes/policy=wait-and-see"));
        Files.write(out.resolve("outcomes/policy=wait-and-see/part-0.parquet"), new byte[0]);
        Path shipped = Files.createDirectories(out.resolve("study"));
        Files.copy(KOREA.resolve("study.yaml"), shipped.resolve("study.yaml"));
        Files.write(shipped.resolve("korea.mdl"), (Files.readString(KOREA.resolve("korea.mdl")) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String studySha = ProvenanceAcrossCommandsTest.sha256(Files.readAllBytes(KOREA.resolve("study.yaml")));
        String modelSha = ProvenanceAcrossCommandsTest.sha256(Files.readAllBytes(KOREA.resolve("korea.mdl")));
        Files.writeString(out.resolve("provenance.json"), "{\"status\": \"complete\", \"spark_study_file\": \"study/study.yaml\", \"policies\": \"wait-and-see\", "
                + "\"study_sha256\": \"" + studySha + "\", \"model_sha256\": \"" + modelSha + "\"}");
        Path db = tmp.resolve("job.duckdb");
        Result r = run("import", out.toString(), "--db", db.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("provenance.json").contains("model_sha256 is " + modelSha).contains("another study or model than the job ran");
        assertThat(db).doesNotExist();
    }

    @Test
    void exploreOnSparkLocalModeThenImportGivesAStoreTheReportReads() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(JAR) && Files.isRegularFile(JAR.resolveSibling("spark-classpath.txt")),
                "skipped: " + JAR + " is not built (mvn -B -pl spark -am package -DskipTests)");
        Path out = tmp.resolve("korea-spark");
        Result r = run("explore", KOREA.toString(), "--spark", "local[2]", "-n", "40", "--policies", "wait-and-see,recalibrated", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("outcomes/policy=recalibrated")).isDirectory();
        Path db = tmp.resolve("korea.duckdb");
        Result imported = run("import", out.toString(), "--db", db.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("imported 80 runs (80 ok, 0 failed) -> ");
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(DISTINCT run) FROM outcomes), (SELECT value FROM provenance WHERE key = 'status'), "
                        + "(SELECT value FROM provenance WHERE key = 'runner')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(80);
            assertThat(rs.getString(2)).isEqualTo("complete");
            assertThat(rs.getString(3)).isEqualTo("spark");
        }
        // the job and the import record the hashes of the files' bytes, as every local command does
        assertThat(ProvenanceAcrossCommandsTest.table(db, "provenance"))
                .containsEntry("model_sha256", ProvenanceAcrossCommandsTest.sha256(Files.readAllBytes(KOREA.resolve("korea.mdl"))))
                .containsEntry("study_sha256", ProvenanceAcrossCommandsTest.sha256(Files.readAllBytes(KOREA.resolve("study.yaml"))));
        Result report = run("report", db.toString(), "-o", tmp.resolve("r.html").toString());
        assertThat(report.code()).as(report.err()).isZero();
        Result again = run("import", out.toString(), "--db", db.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--overwrite");
    }
}
