package org.dlab.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTablesTest {
    @TempDir Path tmp;

    private static DiscoveryTables.Saved discovery(String outcome, double resampledShare) {
        return new DiscoveryTables.Saved(0, "2026-11-27T08:00:00Z", outcome, "> 0", "act", "wait", 40, 1000, 0.05, 0.05, 0.8, 12, true, 0.9, 0.85,
                0.05, 10, 0.88, 0.83,
                List.of(new DiscoveryTables.Limit("a", 0.6, Double.POSITIVE_INFINITY, true, false, 1e-12, resampledShare, 0, 1),
                        new DiscoveryTables.Limit("b", 0.1, 0.3, true, true, 0.2, 0.4, 0, 1)),
                List.of(new DiscoveryTables.Point(0, 1, 0.04, 1, 0), new DiscoveryTables.Point(12, 0.9, 0.85, 0.05, 2)),
                List.of(new DiscoveryTables.Score(outcome, "a", 0.7, 0.05), new DiscoveryTables.Score("other", "b", 0.6, 0.1)));
    }

    @Test
    void discoveriesRoundTripAndNumberThemselves() throws Exception {
        Path db = tmp.resolve("s.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            // a store written before discovery tables existed reads as having none
            try (Statement st = c.createStatement()) {
                assertThat(DiscoveryTables.read(st)).isEmpty();
            }
        }
        assertThat(DiscoveryTables.save(db, discovery("y", 1.0))).isEqualTo(1);
        assertThat(DiscoveryTables.save(db, discovery("z", Double.NaN))).isEqualTo(2);
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            List<DiscoveryTables.Saved> all = DiscoveryTables.read(st);
            assertThat(all).extracting(DiscoveryTables.Saved::id).containsExactly(1, 2);
            DiscoveryTables.Saved d = all.get(0);
            assertThat(d.question()).isEqualTo("(y)[act - wait] > 0");
            assertThat(d.limits()).extracting(DiscoveryTables.Limit::uncertainty).containsExactly("a", "b");
            // an unrestricted side is stored as NULL and read back as NaN, never as infinity in the report's JSON
            assertThat(d.limits().get(0).upper()).isNaN();
            assertThat(d.limits().get(0).upperRestricted()).isFalse();
            assertThat(d.tradeoff()).hasSize(2);
            assertThat(d.scores()).extracting(DiscoveryTables.Score::outcome).containsExactly("other", "y");
            assertThat(all.get(1).limits().get(0).resampledShare()).isNaN();
        }
    }
}
