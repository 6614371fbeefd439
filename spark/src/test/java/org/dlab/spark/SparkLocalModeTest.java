package org.dlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.dlab.engine.ModelException;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.store.ParquetImport;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode against the local runner: the same study, design and seed must
 * give the same runs, row for row and bit for bit, once imported into a results store.
 */
class SparkLocalModeTest {
    static final Path KOREA = Path.of("..", "models", "korea", "study.yaml").toAbsolutePath().normalize();
    static final PrintStream LOG = System.out;
    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("dlab local-mode test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    @Test
    void tenThousandRunsEqualTheLocalRunnersRunForRun() throws Exception {
        Path out = tmp.resolve("korea-spark");
        JobSpec spec = JobSpec.parse(new String[] {KOREA.toString(), "--out", out.toString(), "-n", "5000", "--seed", "7",
            "--policies", "wait-and-see,recalibrated"});
        ExploreJob.Summary s = ExploreJob.run(spark, spec, LOG);
        assertThat(s.runsTotal()).isEqualTo(10_000);
        assertThat(s.complete()).isTrue();
        assertThat(s.rows()).isEqualTo(10_000);
        assertThat(s.distinctRuns()).isEqualTo(10_000);
        assertThat(s.perPolicy()).containsEntry("wait-and-see", 5000L).containsEntry("recalibrated", 5000L);
        // local mode is one JVM: the executors compiled the model once, not once per task
        assertThat(s.tasks()).isGreaterThan(1);
        assertThat(s.compilations()).isEqualTo(1);
        assertThat(out.resolve("outcomes/policy=wait-and-see")).isDirectory();
        assertThat(out.resolve("outcomes/policy=recalibrated")).isDirectory();
        assertThat(out.resolve("summary.json")).content().contains("\"complete\" : true");

        Path local = tmp.resolve("local.duckdb");
        Exploration exploration = new Exploration(BoundStudy.bind(StudyParser.parse(KOREA)),
                Exploration.Settings.defaults(local).withN(5000).withSeed(7).withThreads(2).withPolicies(List.of("wait-and-see", "recalibrated")));
        assertThat(exploration.run(Progress.NONE).stopped()).isFalse();

        Path imported = tmp.resolve("imported.duckdb");
        ParquetImport.Result r = ParquetImport.load(out, imported, false);
        assertThat(r.runs()).isEqualTo(10_000);
        assertSameRuns(local, imported, List.of("experiments", "outcomes", "inputs", "outcome_definitions", "policies", "constraints"), 10_000);
        assertThat(designKeys(imported)).isEqualTo(designKeys(local));
    }

    @Test
    void seriesTravelToTheirOwnTableAndImportLikeLocalOnes() throws Exception {
        Path out = tmp.resolve("series-spark");
        JobSpec spec = JobSpec.parse(new String[] {KOREA.toString(), "--out", out.toString(), "-n", "30", "--series", "1",
            "--policies", "disengage,recalibrated", "--sampler", "mc", "--tasks", "3"});
        ExploreJob.Summary s = ExploreJob.run(spark, spec, LOG);
        assertThat(s.complete()).isTrue();
        assertThat(out.resolve("series/policy=disengage")).isDirectory();
        Path local = tmp.resolve("series-local.duckdb");
        new Exploration(BoundStudy.bind(StudyParser.parse(KOREA)), Exploration.Settings.defaults(local).withN(30).withSeries(1)
                .withSampler(org.dlab.workbench.sample.SamplerKind.MC).withThreads(2).withPolicies(List.of("disengage", "recalibrated"))).run(Progress.NONE);
        Path imported = tmp.resolve("series-imported.duckdb");
        ParquetImport.Result r = ParquetImport.load(out, imported, false);
        assertThat(r.seriesRows()).isEqualTo(60L * 27); // 2024..2050 every year
        assertSameRuns(local, imported, List.of("experiments", "outcomes", "series"), 60);
        // the job hashed the bytes of the study and model it shipped: the same files' hashes as on disk here
        Map<String, String> keys = designKeys(imported);
        assertThat(keys).containsEntry("study_sha256", sha256(Files.readAllBytes(KOREA)))
                .containsEntry("model_sha256", sha256(Files.readAllBytes(KOREA.resolveSibling("korea.mdl"))));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void badInputIsOneClearMessage() {
        assertThatThrownBy(() -> JobSpec.parse(new String[] {"no/such/study.yaml", "--out", tmp.resolve("x").toString()}))
                .isInstanceOf(ModelException.class).hasMessageContaining("no such study file");
        assertThatThrownBy(() -> JobSpec.parse(new String[] {KOREA.toString()})).hasMessageContaining("--out");
        assertThatThrownBy(() -> JobSpec.parse(new String[] {KOREA.toString(), "--out", "x", "-n", "ten"})).hasMessageContaining("-n takes a whole number");
        assertThatThrownBy(() -> JobSpec.parse(new String[] {KOREA.toString(), "--out", "x", "--sampler", "lhx"})).hasMessageContaining("unknown sampler");
        Path taken = tmp.resolve("taken");
        assertThatThrownBy(() -> {
            Files.createDirectories(taken);
            ExploreJob.run(spark, JobSpec.parse(new String[] {KOREA.toString(), "--out", taken.toString(), "-n", "2"}), LOG);
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists; pass --overwrite");
        assertThatThrownBy(() -> ParquetImport.load(tmp.resolve("nothing-here"), tmp.resolve("n.duckdb"), false))
                .hasMessageContaining("no such folder");
        assertThatThrownBy(() -> ParquetImport.load(taken, tmp.resolve("n.duckdb"), false)).hasMessageContaining("no provenance.json");
    }

    /** Every row of each table is in both stores (EXCEPT ALL both ways is empty), and the run count is as expected. */
    static void assertSameRuns(Path a, Path b, List<String> tables, long runs) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("ATTACH '" + a + "' AS a (READ_ONLY)");
            st.execute("ATTACH '" + b + "' AS b (READ_ONLY)");
            for (String t : tables) {
                assertThat(count(st, "SELECT count(*) FROM (SELECT * FROM a." + t + " EXCEPT ALL SELECT * FROM b." + t + ")")).as(t + " rows only in the local store").isZero();
                assertThat(count(st, "SELECT count(*) FROM (SELECT * FROM b." + t + " EXCEPT ALL SELECT * FROM a." + t + ")")).as(t + " rows only in the imported store").isZero();
            }
            assertThat(count(st, "SELECT count(DISTINCT run) FROM b.outcomes")).isEqualTo(runs);
            assertThat(count(st, "SELECT count(*) FROM b.outcomes")).isEqualTo(runs);
        }
    }

    static long count(Statement st, String sql) throws SQLException {
        try (ResultSet r = st.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static Map<String, String> designKeys(Path db) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT key, value FROM provenance")) {
            while (r.next()) if (ResultsStore.DESIGN_KEYS.contains(r.getString(1))) m.put(r.getString(1), r.getString(2));
        }
        return m;
    }
}
