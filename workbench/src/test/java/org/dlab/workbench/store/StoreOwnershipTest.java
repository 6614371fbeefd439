package org.dlab.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store being written belongs to its writer; --overwrite keeps the old store until the new one finished; export stays in its folder. */
class StoreOwnershipTest {
    @TempDir Path tmp;

    private static final BoundStudy SIR = BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));
    private static final StoreLayout LAYOUT = StoreLayout.of(SIR, SIR.policies(), false);

    private static ResultsStore create(Path db, boolean overwrite, String tag) {
        return ResultsStore.create(db, LAYOUT, Map.of("tag", tag), overwrite);
    }

    private static String tag(Path db) throws Exception {
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT value FROM provenance WHERE key = 'tag'")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void aStoreBeingWrittenCannotBeOverwrittenOrResumedBySomeoneElse() throws Exception {
        Path db = tmp.resolve("r.duckdb");
        try (ResultsStore first = create(db, false, "first")) {
            // was: the second writer deleted the file and both reported success
            assertThatThrownBy(() -> create(db, true, "second")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is being written by another dlab process");
            assertThatThrownBy(() -> ResultsStore.resume(db, LAYOUT, Map.of())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("is being written by another dlab process");
            first.finish("complete");
        }
        assertThat(tag(db)).isEqualTo("first");
        // free again once the writer closed
        try (ResultsStore again = create(db, true, "again")) {
            again.finish("complete");
        }
        assertThat(tag(db)).isEqualTo("again");
    }

    @Test
    void overwriteKeepsTheOldStoreUntilTheNewOneFinished() throws Exception {
        Path db = tmp.resolve("r.duckdb");
        try (ResultsStore old = create(db, false, "old")) {
            old.finish("complete");
        }
        ResultsStore replacing = create(db, true, "new");
        assertThat(tag(db)).isEqualTo("old"); // still readable and intact while the new one is written
        replacing.close(); // closed without finishing: as if interrupted
        assertThat(tag(db)).isEqualTo("old");
        try (ResultsStore failed = create(db, true, "failed")) {
            failed.finish("failed");
        }
        assertThat(tag(db)).isEqualTo("old");
        try (ResultsStore done = create(db, true, "new")) {
            done.finish("complete");
        }
        assertThat(tag(db)).isEqualTo("new");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("r.duckdb.overwrite.tmp");
        }
    }

    @Test
    void exportFileNamesStayInTheOutputFolder() throws Exception {
        Path db = tmp.resolve("hostile.duckdb");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"../../escaped\" AS SELECT 1 AS a");
            st.execute("CREATE TABLE \"" + tmp.resolve("absolute") + "\" AS SELECT 2 AS a");
            st.execute("CREATE TABLE \"..\" AS SELECT 3 AS a");
            st.execute("CREATE VIEW \"leak\" AS SELECT * FROM read_csv('/etc/hostname')");
        }
        Path out = Files.createDirectories(tmp.resolve("a/b/out"));
        List<Path> written = Exporter.export(db, Exporter.Format.CSV, out);
        assertThat(written).hasSize(3).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(out.toRealPath()));
        assertThat(tmp.resolve("escaped.csv")).doesNotExist();
        assertThat(tmp.resolve("absolute.csv")).doesNotExist();
        assertThat(out.resolve("leak.csv")).doesNotExist();
    }

    @Test
    void fileNamesFromTableNames() {
        Set<String> taken = new HashSet<>();
        assertThat(Exporter.fileName("outcomes", taken)).isEqualTo("outcomes");
        assertThat(Exporter.fileName("../x", taken)).isEqualTo("__x");
        assertThat(Exporter.fileName("/etc/x", taken)).isEqualTo("_etc_x");
        assertThat(Exporter.fileName("Outcomes", taken)).isEqualTo("Outcomes-2");
    }
}
