package org.dlab.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.discover.StoreDiscovery;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's questions to a store, checked against plain SQL on the same file and against dlab discover's reading. */
class ReadOnlyStoreTest {
    @TempDir Path tmp;
    Path db;

    @BeforeEach
    void explore() {
        BoundStudy sir = BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));
        db = tmp.resolve("s.duckdb");
        new Exploration(sir, Exploration.Settings.defaults(db).withN(12).withThreads(1).withSeries(10)).run(Progress.NONE);
    }

    private long sql(String query) throws Exception {
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement(); ResultSet r = st.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void filtersCountAndBinTheRunsPlainSqlFinds() throws Exception {
        RunFilter f = new RunFilter(List.of(new RunFilter.Range("Contact Rate", 5.0, null)), List.of("none"));
        long want = sql("SELECT count(*) FROM experiments WHERE \"Contact Rate\" >= 5 AND policy = 'none'");
        long okNone = sql("SELECT count(*) FROM outcomes o JOIN experiments e USING (run) WHERE policy = 'none' AND status = 'ok'");
        // (DuckDB refuses a second connection with other settings in the same process: the references are read first)
        try (ReadOnlyStore s = ReadOnlyStore.open(db, "64MB", 10)) {
            assertThat(s.count(RunFilter.ALL)).isEqualTo(24);
            assertThat(s.count(f)).isEqualTo(want).isGreaterThan(0).isLessThan(12);
            ReadOnlyStore.Counts c = s.counts();
            assertThat(c.futures()).isEqualTo(12);
            assertThat(c.byPolicy().get("vaccinate")[0]).isEqualTo(12);
            // every kept run is in a bin or counted as missing
            ReadOnlyStore.Histogram h = s.histogram(f, "Peak infected", 10, List.of("none"));
            long binned = 0;
            for (long n : h.counts().get("none")) binned += n;
            assertThat(binned + h.missing()).isEqualTo(want);
            List<List<Object>> page = s.experiments(f, List.of("run", "policy", "Contact Rate", "Peak infected"), 100, 0);
            assertThat(page).hasSize((int) want);
            for (List<Object> row : page) {
                assertThat(row.get(1)).isEqualTo("none");
                assertThat((Double) row.get(2)).isGreaterThanOrEqualTo(5.0);
            }
            assertThat(s.outcomeRows(f)).hasSize((int) want);
            ReadOnlyStore.Envelopes e = s.envelopes(RunFilter.ALL, "Infected", List.of(0.5), 1000);
            assertThat(e.runs().get("none")).isEqualTo(okNone);
        }
    }

    @Test
    void theServerAndDiscoverReadTheSameFutures() {
        StoreDiscovery.Question q = new StoreDiscovery.Question("Peak infected", "> 300", "vaccinate", "none");
        FuturesFrame server;
        try (ReadOnlyStore s = ReadOnlyStore.open(db, "64MB", 10)) {
            server = s.futures(q.outcome(), q.policy(), q.versus(), RunFilter.ALL);
        }
        FuturesFrame cli = StoreDiscovery.read(db, q);
        assertThat(server.rows()).isEqualTo(cli.rows()).isEqualTo(12);
        assertThat(server.inputs()).isEqualTo(cli.inputs());
        assertThat(server.outcome(q.outcome())).containsExactly(cli.outcome(q.outcome()));
        for (int i = 0; i < server.inputs().size(); i++) assertThat(server.columns()[i]).containsExactly(cli.columns()[i]);
        // the difference of two policies in the same future: vaccinating never raises the peak in this model
        for (double d : cli.outcome(q.outcome())) assertThat(d).isLessThanOrEqualTo(0);
    }

    @Test
    void aQuestionNamingWhatTheStoreLacksSaysWhatItHas() {
        assertThatThrownBy(() -> StoreDiscovery.read(db, new StoreDiscovery.Question("Peak", "> 1", null, null)))
                .hasMessage("no outcome 'Peak' in " + db + " (it has: Peak infected, Infected at 20, Epidemic start, Burden South, Mean recovered)");
        assertThatThrownBy(() -> StoreDiscovery.read(db, new StoreDiscovery.Question("Peak infected", "> 1", "vaccinate", "lockdown")))
                .hasMessage("no policy 'lockdown' in " + db + " (it has: none, vaccinate)");
    }

    @Test
    void namesOutsideTheStoreAreRefusedBeforeAnySql() throws Exception {
        try (ReadOnlyStore s = ReadOnlyStore.open(db, "64MB", 10)) {
            assertThatThrownBy(() -> s.experiments(RunFilter.ALL, List.of("run\" FROM provenance --"), 10, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.histogram(RunFilter.ALL, "nope", 10, List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> s.envelopes(RunFilter.ALL, "Infected", List.of(0.5), 2)).hasMessageContaining("more than 2 times");
        }
    }

    @Test
    void aDuckDbFileWithoutTheDescriptiveTablesIsNotAStore() throws Exception {
        Path other = tmp.resolve("other.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other.toAbsolutePath()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (x INTEGER)");
        }
        assertThatThrownBy(() -> ReadOnlyStore.open(other, "64MB", 10)).isInstanceOfSatisfying(ReadOnlyStore.Failure.class,
                f -> assertThat(f.kind()).isEqualTo(ReadOnlyStore.Failure.Kind.NOT_A_STORE));
    }
}
