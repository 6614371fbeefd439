package org.dlab.workbench.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study.Policy;
import org.dlab.workbench.study.StudyParser;

/**
 * {@code dlab import}: turns the Parquet output of the Spark job ({@code OUT/outcomes/policy=P/*.parquet},
 * optionally {@code OUT/series/...}, {@code OUT/provenance.json}, the study under {@code OUT/study/})
 * into a results store equal to the one {@code dlab explore} would have written, so the report,
 * discovery and the simulator read cluster results like local ones. DuckDB reads the Parquet
 * itself; no Spark is needed here. The whole import is one transaction, and the run index is the
 * store's primary key, so a run present twice in the output is an error rather than a double row.
 */
public final class ParquetImport {
    /** What was imported. */
    public record Result(Path db, long runs, long ok, long failed, long seriesRows) {}

    private ParquetImport() {}

    public static Result load(Path dir, Path db, boolean overwrite) {
        if (!Files.isDirectory(dir)) throw new StoreException(dir.toString(), "no such folder (expected the output folder of 'dlab explore --spark')");
        Path provFile = dir.resolve("provenance.json");
        Path outcomes = dir.resolve("outcomes");
        if (!Files.isRegularFile(provFile)) {
            throw new StoreException(dir.toString(), "no provenance.json: not the output of a finished Spark exploration (the driver writes it last)");
        }
        if (!hasParquet(outcomes)) throw new StoreException(dir.toString(), "no Parquet files under outcomes/");
        Map<String, String> prov;
        try {
            prov = new ObjectMapper().readValue(provFile.toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new StoreException(provFile.toString(), "unreadable: " + ResultsStore.firstLine(e.getMessage()));
        }
        if (!"complete".equals(prov.get("status"))) {
            throw new StoreException(provFile.toString(), "the job's status is '" + prov.get("status") + "', not complete: its output lacks runs or holds some twice");
        }
        String studyRel = prov.get("spark_study_file");
        if (studyRel == null) throw new StoreException(provFile.toString(), "no spark_study_file key: not written by dlab's Spark job");
        BoundStudy bound = BoundStudy.bind(StudyParser.parse(dir.resolve(studyRel)));
        // the study and model shipped beside the output must be the files the job ran, byte for byte
        Map<String, String> shipped = Provenance.builder().sources(bound).map();
        for (Map.Entry<String, String> e : shipped.entrySet()) {
            if (prov.containsKey(e.getKey()) && !prov.get(e.getKey()).equals(e.getValue())) {
                throw new StoreException(provFile.toString(), e.getKey() + " is " + prov.get(e.getKey()) + " but the file under study/ hashes to " + e.getValue()
                        + ": the folder holds another study or model than the job ran");
            }
        }
        List<Policy> policies = bound.selectPolicies(Arrays.asList(prov.getOrDefault("policies", "").split(",")));
        Path seriesDir = dir.resolve("series");
        boolean series = !"none".equals(prov.getOrDefault("series_step", "none")) && hasParquet(seriesDir);
        StoreLayout layout = StoreLayout.of(bound, policies, series);
        long total = Long.parseLong(prov.getOrDefault("runs_total", "-1"));

        Map<String, String> stored = new LinkedHashMap<>(prov);
        stored.remove("status");
        stored.put("imported_from", dir.toAbsolutePath().toString());
        stored.put("imported_at", java.time.Instant.now().toString());
        ResultsStore.create(db, layout, stored, overwrite).closeInPlace();
        try (Connection c = open(db); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            String from = " FROM read_parquet(" + literal(outcomes.toAbsolutePath() + "/**/*.parquet") + ", hive_partitioning = true)";
            StringBuilder policy = new StringBuilder("CASE policy_index");
            for (int i = 0; i < policies.size(); i++) policy.append(" WHEN ").append(i).append(" THEN ").append(literal(policies.get(i).name()));
            policy.append(" END");
            List<String> ex = new ArrayList<>(List.of("run", "scenario", policy.toString()));
            layout.uncertainties().forEach(u -> ex.add(SqlIdentifier.quote(u)));
            layout.levers().forEach(l -> ex.add(SqlIdentifier.quote(l)));
            st.execute("INSERT INTO experiments SELECT " + String.join(", ", ex) + from + " ORDER BY run");
            List<String> out = new ArrayList<>(List.of("run", "status", "reason", "feasible"));
            layout.outcomes().forEach(o -> out.add(SqlIdentifier.quote(o)));
            st.execute("INSERT INTO outcomes SELECT " + String.join(", ", out) + from + " ORDER BY run");
            long seriesRows = 0;
            if (series) {
                List<String> se = new ArrayList<>(List.of("run", "time"));
                layout.seriesVariables().forEach(v -> se.add(SqlIdentifier.quote(v)));
                seriesRows = st.executeLargeUpdate("INSERT INTO series SELECT " + String.join(", ", se) + " FROM read_parquet("
                        + literal(seriesDir.toAbsolutePath() + "/**/*.parquet") + ", hive_partitioning = true) ORDER BY run, time");
            }
            long runs;
            long ok;
            try (ResultSet r = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE status = 'ok') FROM outcomes")) {
                r.next();
                runs = r.getLong(1);
                ok = r.getLong(2);
            }
            if (total >= 0 && runs != total) {
                c.rollback();
                throw new StoreException(dir.toString(), "holds " + runs + " runs, the design has " + total + "; the store is left without runs");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO provenance VALUES ('status', 'complete'), ('finished_at', ?)")) {
                ps.setString(1, prov.getOrDefault("finished_at", ""));
                ps.execute();
            }
            c.commit();
            return new Result(db, runs, ok, runs - ok, seriesRows);
        } catch (SQLException e) {
            throw new StoreException(dir.toString(), "cannot import: " + ResultsStore.firstLine(e.getMessage()));
        }
    }

    private static boolean hasParquet(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Connection open(Path db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("memory_limit", ResultsStore.MEMORY_LIMIT);
        return DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
