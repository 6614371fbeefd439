package org.dlab.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlab.engine.ModelException;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.run.Runner;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.store.Exporter;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.StoreException;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorationTest {
    @TempDir Path tmp;

    private static final BoundStudy SIR = BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));

    private Exploration.Settings settings(String db) {
        return Exploration.Settings.defaults(tmp.resolve(db)).withN(60).withSeed(7).withThreads(2);
    }

    private static Runner.Summary explore(BoundStudy b, Exploration.Settings s) {
        return new Exploration(b, s).run(Progress.NONE);
    }

    private byte[] export(Path db, String table) throws IOException {
        Path dir = tmp.resolve("export-" + db.getFileName());
        Exporter.export(db, Exporter.Format.CSV, dir);
        return Files.readAllBytes(dir.resolve(table + ".csv"));
    }

    private static List<List<Object>> query(Path db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement(); ResultSet r = st.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(r.getObject(i));
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void sameSeedGivesByteIdenticalTablesOnOneAndTwoThreads() throws Exception {
        Runner.Summary one = explore(SIR, settings("one.duckdb").withThreads(1));
        Runner.Summary two = explore(SIR, settings("two.duckdb").withThreads(2));
        assertThat(one.ok()).isEqualTo(120); // 60 scenarios x 2 policies
        assertThat(two.ok()).isEqualTo(120);
        assertThat(export(tmp.resolve("two.duckdb"), "outcomes")).isEqualTo(export(tmp.resolve("one.duckdb"), "outcomes"));
        assertThat(export(tmp.resolve("two.duckdb"), "experiments")).isEqualTo(export(tmp.resolve("one.duckdb"), "experiments"));
        // the outcomes are real results, not a constant: peaks differ across futures, vaccination lowers them
        List<List<Object>> peaks = query(tmp.resolve("one.duckdb"),
                "SELECT e.policy, min(o.\"Peak infected\"), max(o.\"Peak infected\"), avg(o.\"Peak infected\") FROM outcomes o JOIN experiments e USING (run) GROUP BY e.policy ORDER BY e.policy");
        assertThat((Double) peaks.get(0).get(1)).isLessThan((Double) peaks.get(0).get(2));
        assertThat((Double) peaks.get(1).get(3)).isLessThan((Double) peaks.get(0).get(3)); // vaccinate < none
        // a different seed gives a different design
        explore(SIR, settings("other.duckdb").withSeed(8));
        assertThat(export(tmp.resolve("other.duckdb"), "outcomes")).isNotEqualTo(export(tmp.resolve("one.duckdb"), "outcomes"));
    }

    @Test
    void experimentsHoldTheSampledInputsAndPolicies() throws Exception {
        explore(SIR, settings("e.duckdb").withN(50));
        List<List<Object>> rows = query(tmp.resolve("e.duckdb"),
                "SELECT run, scenario, policy, \"Contact Rate\", \"Vaccination Rate\", \"Severity[South]\", \"Total Population\" FROM experiments ORDER BY run");
        assertThat(rows).hasSize(100);
        for (List<Object> r : rows) {
            long run = (Long) r.get(0);
            assertThat(r.get(1)).isEqualTo(run / 2);
            assertThat(r.get(2)).isEqualTo(run % 2 == 0 ? "none" : "vaccinate");
            assertThat((Double) r.get(4)).isEqualTo(run % 2 == 0 ? 0.0 : 0.05);
            assertThat((Double) r.get(3)).isBetween(3.0, 9.0);
            assertThat((Double) r.get(5)).isIn(1.5, 2.0, 3.0);
            double pop = (Double) r.get(6);
            assertThat(pop).isBetween(900.0, 1100.0).isEqualTo(Math.rint(pop));
        }
        // both policies of a scenario see the same future
        assertThat(rows.get(0).get(3)).isEqualTo(rows.get(1).get(3));
        // Latin hypercube: the 50 scenarios' contact rates fall one in each of 50 strata
        boolean[] strata = new boolean[50];
        for (int i = 0; i < 100; i += 2) strata[(int) (((Double) rows.get(i).get(3) - 3) / 6 * 50)] = true;
        for (boolean s : strata) assertThat(s).isTrue();
        assertThat(query(tmp.resolve("e.duckdb"), "SELECT value FROM provenance WHERE key = 'status'").get(0).get(0)).isEqualTo("complete");
        assertThat(query(tmp.resolve("e.duckdb"), "SELECT value FROM provenance WHERE key = 'model_sha256'").get(0).get(0))
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SIR.study().model()))));
    }

    /** The store names the files the exploration read: an edit after it started does not change the recorded hashes. */
    @Test
    void theHashesAreTakenWhenTheExplorationStarts() throws Exception {
        Path study = tmp.resolve("study.yaml");
        Files.copy(TestModels.resource("sir-study.yaml"), study);
        Files.copy(SIR.study().model(), tmp.resolve(SIR.study().model().getFileName().toString()));
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(study));
        String modelSha = sha256(Files.readAllBytes(bound.study().model()));
        String studySha = sha256(Files.readAllBytes(study));
        Exploration e = new Exploration(bound, settings("edited.duckdb").withN(4));
        Files.writeString(bound.study().model(), Files.readString(bound.study().model()) + "\n", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(study, Files.readString(study) + "\n# edited\n", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(sha256(Files.readAllBytes(bound.study().model()))).isNotEqualTo(modelSha);
        e.run(Progress.NONE);
        assertThat(query(tmp.resolve("edited.duckdb"), "SELECT value FROM provenance WHERE key = 'model_sha256'").get(0).get(0)).isEqualTo(modelSha);
        assertThat(query(tmp.resolve("edited.duckdb"), "SELECT value FROM provenance WHERE key = 'study_sha256'").get(0).get(0)).isEqualTo(studySha);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void resumeAfterAStopEqualsAnUninterruptedRun() throws Exception {
        explore(SIR, settings("full.duckdb"));
        Exploration first = new Exploration(SIR, settings("part.duckdb"));
        first.runner().stopAfter(37);
        Runner.Summary s1 = first.run(Progress.NONE);
        assertThat(s1.stopped()).isTrue();
        long stored = (Long) query(tmp.resolve("part.duckdb"), "SELECT count(*) FROM outcomes").get(0).get(0);
        assertThat(stored).isEqualTo(37);
        assertThat(query(tmp.resolve("part.duckdb"), "SELECT value FROM provenance WHERE key = 'status'").get(0).get(0)).isEqualTo("stopped");
        Runner.Summary s2 = explore(SIR, settings("part.duckdb").withResume(true).withThreads(1));
        assertThat(s2.alreadyDone()).isEqualTo(stored);
        assertThat(s2.ran()).isEqualTo(120 - stored);
        assertThat(export(tmp.resolve("part.duckdb"), "outcomes")).isEqualTo(export(tmp.resolve("full.duckdb"), "outcomes"));
        assertThat(export(tmp.resolve("part.duckdb"), "experiments")).isEqualTo(export(tmp.resolve("full.duckdb"), "experiments"));
        // resuming a complete store runs nothing and duplicates nothing
        Runner.Summary s3 = explore(SIR, settings("part.duckdb").withResume(true));
        assertThat(s3.ran()).isZero();
        assertThat(query(tmp.resolve("part.duckdb"), "SELECT count(*), count(DISTINCT run) FROM experiments").get(0)).containsExactly(120L, 120L);
    }

    @Test
    void aStoreIsResumedOnlyForTheSameExperiment() {
        explore(SIR, settings("a.duckdb").withN(5));
        assertThatThrownBy(() -> explore(SIR, settings("a.duckdb").withN(5))).isInstanceOf(StoreException.class)
                .hasMessageContaining("already exists; continue it with --resume, or replace it with --overwrite");
        assertThatThrownBy(() -> explore(SIR, settings("a.duckdb").withN(5).withSeed(99).withResume(true)))
                .isInstanceOf(StoreException.class).hasMessageContaining("holds a different experiment").hasMessageContaining("seed (stored 7, now 99)");
        assertThat(explore(SIR, settings("a.duckdb").withN(5).withOverwrite(true)).ok()).isEqualTo(10);
    }

    @Test
    void runsThatGoNaNAreRecordedWithTheirReason() throws Exception {
        BoundStudy fragile = BoundStudy.bind(StudyParser.parse(TestModels.resource("fragile-study.yaml")));
        Runner.Summary s = explore(fragile, settings("nan.duckdb").withN(40));
        assertThat(s.ok() + s.failed()).isEqualTo(40);
        assertThat(s.failed()).isEqualTo(20); // Fragility is uniform on [-1, 1]; the square root of a negative is NaN
        assertThat(s.stopped()).isFalse();
        List<List<Object>> rows = query(tmp.resolve("nan.duckdb"),
                "SELECT e.Fragility, o.status, o.reason, o.\"Final level\" FROM experiments e JOIN outcomes o USING (run) ORDER BY run");
        for (List<Object> r : rows) {
            boolean negative = (Double) r.get(0) < 0;
            assertThat(r.get(1)).isEqualTo(negative ? "failed" : "ok");
            if (negative) {
                assertThat((String) r.get(2)).isEqualTo("'Level' became NaN at time 1.0");
                assertThat(r.get(3)).isNull();
            } else {
                assertThat((Double) r.get(3)).isGreaterThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    void runsThatThrowAreRecordedWithTheirReason() throws Exception {
        Path study = tmp.resolve("throws.yaml");
        Files.writeString(study, "model: " + TestModels.resource("fragile.mdl") + "\n"
                + "uncertainties:\n  - {name: TIME STEP, dist: uniform, low: -0.5, high: 1.5}\n"
                + "outcomes:\n  - {name: Final level, variable: Level, reduce: final}\n");
        BoundStudy b = BoundStudy.bind(StudyParser.parse(study));
        Runner.Summary s = explore(b, settings("throws.duckdb").withN(40).withPolicies(List.of()));
        assertThat(s.failed()).isEqualTo(10); // a quarter of the range is not a positive time step
        List<List<Object>> reasons = query(tmp.resolve("throws.duckdb"),
                "SELECT DISTINCT o.reason FROM outcomes o JOIN experiments e USING (run) WHERE e.\"TIME STEP\" <= 0");
        assertThat(reasons).hasSize(10).allSatisfy(r -> assertThat((String) r.get(0)).contains("fragile.mdl:1:1: TIME STEP must be a positive number, got"));
    }

    @Test
    void anUnwritableStorePathIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> explore(SIR, Exploration.Settings.defaults(file.resolve("r.duckdb")).withN(3)))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe()).isEqualTo(file.resolve("r.duckdb") + ":1:1: cannot create the results store: no folder " + file));
        assertThatThrownBy(() -> explore(SIR, Exploration.Settings.defaults(tmp.resolve("no/such/dir/r.duckdb")).withN(3)))
                .isInstanceOf(StoreException.class).hasMessageContaining("no folder");
    }

    @Test
    void seriesAreStoredAtTheChosenResolution() throws Exception {
        explore(SIR, settings("s.duckdb").withN(4).withSeries(5));
        List<List<Object>> rows = query(tmp.resolve("s.duckdb"), "SELECT run, count(*), min(time), max(time) FROM series GROUP BY run ORDER BY run");
        assertThat(rows).hasSize(8);
        for (List<Object> r : rows) assertThat(r.subList(1, 4)).containsExactly(9L, 0.0, 40.0);
        // the series' last value of Infected matches nothing stored elsewhere, but its max matches the outcome
        List<List<Object>> peak = query(tmp.resolve("s.duckdb"),
                "SELECT o.\"Peak infected\" >= max(s.Infected) FROM series s JOIN outcomes o USING (run) GROUP BY o.run, o.\"Peak infected\"");
        for (List<Object> p : peak) assertThat(p.get(0)).isEqualTo(true);
    }

    @Test
    void everySamplerRunsThroughTheStore() {
        for (SamplerKind k : SamplerKind.values()) {
            long n = k == SamplerKind.FF ? 2 : 4;
            Runner.Summary s = explore(SIR, settings(k.cliName + ".duckdb").withSampler(k).withN(n).withPolicies(List.of("none")));
            long expected = switch (k) {
                case SOBOL -> 4 * (2 * 5 + 2);
                case MORRIS -> 4 * (5 + 1);
                case FF -> 2 * 2 * 2 * 3 * 201; // 3 continuous inputs at 2 levels, 3 categories, 201 integers
                default -> 4;
            };
            assertThat(s.ok() + s.failed()).as(k.name()).isEqualTo(expected);
        }
    }

    @Test
    void theSharedSirSampleRuns() throws Exception {
        Optional<Path> mdl = TestModels.shared("sd-test-models/samples/SIR/SIR.mdl");
        if (mdl.isEmpty()) return;
        Path study = tmp.resolve("sir-shared.yaml");
        Files.writeString(study, "model: " + mdl.get().toAbsolutePath() + "\n"
                + "uncertainties:\n  - {name: Contact Infectivity, dist: uniform, low: 0.1, high: 0.6}\n  - {name: Duration, dist: triangular, low: 2, mode: 5, high: 10}\n"
                + "outcomes:\n  - {name: Peak, variable: Infectious, reduce: max, kind: minimize}\n  - {name: Peak day, variable: Infectious, reduce: {first_above: 100}}\n");
        BoundStudy b = BoundStudy.bind(StudyParser.parse(study));
        Runner.Summary s = explore(b, Exploration.Settings.defaults(tmp.resolve("shared.duckdb")).withN(50).withThreads(2));
        assertThat(s.ok()).isEqualTo(50);
        List<List<Object>> r = query(tmp.resolve("shared.duckdb"), "SELECT min(Peak), max(Peak) FROM outcomes");
        // 5 people start infectious: below R0 = 1 the peak is those 5, above it an epidemic
        assertThat((Double) r.get(0).get(0)).isEqualTo(5.0);
        assertThat((Double) r.get(0).get(1)).isGreaterThan(300.0);
    }
}
