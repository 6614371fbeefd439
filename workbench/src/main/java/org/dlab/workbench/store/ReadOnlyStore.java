package org.dlab.workbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * A results store opened for questions from outside (the server): read-only, with capped memory,
 * one DuckDB thread and no access to other files, and a time limit on every statement. Its
 * {@link StoredStudy} names what may be asked; the answers are plain values. Every failure is a
 * {@link Failure} saying whether the store was locked, not a store, or the question too slow.
 */
public final class ReadOnlyStore implements AutoCloseable {
    /** Why a question could not be answered; the message is one line. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** LOCKED: another process writes it; NOT_A_STORE: no descriptive tables; TIMEOUT: a statement took too long. */
        public enum Kind { LOCKED, NOT_A_STORE, TIMEOUT, OTHER }

        private final Kind kind;

        Failure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    private final Connection conn;
    private final int timeoutSeconds;
    private final StoredStudy study;

    /** Reads the store's descriptive tables at once: a file without them is no store to ask. */
    private ReadOnlyStore(Connection conn, int timeoutSeconds) throws SQLException {
        this.study = StoredStudy.read(conn);
        this.conn = conn;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Opens {@code file}; {@code memoryLimit} is DuckDB's (e.g. "256MB"). */
    public static ReadOnlyStore open(Path file, String memoryLimit, int timeoutSeconds) {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        p.setProperty("memory_limit", memoryLimit);
        p.setProperty("threads", "1");
        p.setProperty("enable_external_access", "false");
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:" + file, p);
        } catch (SQLException ex) {
            String m = ex.getMessage() == null ? "" : ex.getMessage();
            throw new Failure(m.contains("lock") ? Failure.Kind.LOCKED : Failure.Kind.OTHER, ResultsStore.firstLine(m));
        }
        try {
            return new ReadOnlyStore(c, timeoutSeconds);
        } catch (SQLException ex) {
            close(c);
            throw new Failure(Failure.Kind.NOT_A_STORE, ResultsStore.firstLine(ex.getMessage()));
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a read-only connection that failed to read: nothing to save
        }
    }

    @Override
    public void close() {
        close(conn);
    }

    public StoredStudy study() {
        return study;
    }

    private static Failure failure(SQLException e) {
        String m = ResultsStore.firstLine(e.getMessage());
        return new Failure(m.toLowerCase(Locale.ROOT).contains("interrupt") ? Failure.Kind.TIMEOUT : Failure.Kind.OTHER, m);
    }

    private PreparedStatement prepare(String sql, RunFilter f, Object... before) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        ps.setQueryTimeout(timeoutSeconds);
        int k = 1;
        for (Object o : before) ps.setObject(k++, o);
        if (f != null) for (Object o : f.params()) ps.setObject(k++, o);
        return ps;
    }

    /** Runs and failed runs per policy that has any ({@code {runs, failed}}), and the number of futures. */
    public record Counts(Map<String, long[]> byPolicy, long futures) {}

    public Counts counts() {
        try (Statement st = conn.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            Map<String, long[]> byPolicy = new LinkedHashMap<>();
            try (ResultSet r = st.executeQuery("SELECT e.policy, count(*), count(*) FILTER (WHERE o.status <> 'ok') "
                    + "FROM experiments e JOIN outcomes o USING (run) GROUP BY e.policy")) {
                while (r.next()) byPolicy.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
            }
            long futures;
            try (ResultSet r = st.executeQuery("SELECT count(DISTINCT scenario) FROM experiments")) {
                futures = r.next() ? r.getLong(1) : 0;
            }
            return new Counts(byPolicy, futures);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** How many runs the filter keeps. */
    public long count(RunFilter f) {
        try (PreparedStatement ps = prepare("SELECT count(*) FROM experiments e WHERE " + f.sql(), f); ResultSet r = ps.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * A page of runs in run order: the named columns (run, scenario, policy, status, inputs,
     * outcomes; names the study does not have are an {@link IllegalArgumentException}) as JSON
     * values: numbers (non-finite as null), text, booleans.
     */
    public List<List<Object>> experiments(RunFilter f, List<String> columns, int limit, long offset) {
        List<String> outcomes = study.outcomeNames();
        List<String> inputs = study.inputs().stream().map(StoredStudy.Input::name).toList();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            boolean outcome = c.equals("status") || outcomes.contains(c);
            if (!outcome && !inputs.contains(c) && !List.of("run", "scenario", "policy").contains(c)) throw new IllegalArgumentException("no column '" + c + "'");
            sql.append(i == 0 ? "" : ", ").append(outcome ? "o." : "e.").append(SqlIdentifier.quote(c));
        }
        sql.append(" FROM experiments e JOIN outcomes o USING (run) WHERE ").append(f.sql()).append(" ORDER BY e.run LIMIT ? OFFSET ?");
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(sql.toString(), f)) {
            ps.setInt(f.params().size() + 1, limit);
            ps.setLong(f.params().size() + 2, offset);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) rows.add(row(r, columns.size()));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return rows;
    }

    private static List<Object> row(ResultSet r, int n) throws SQLException {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            Object v = r.getObject(i);
            if (v instanceof Double d && !Double.isFinite(d)) v = null;
            else if (v instanceof Float x && !Float.isFinite(x)) v = null;
            else if (!(v == null || v instanceof Number || v instanceof Boolean || v instanceof String)) v = String.valueOf(v);
            row.add(v);
        }
        return row;
    }

    /** Counts per policy over {@code bins} common bins of an outcome's finite values, and how many runs have none. */
    public record Histogram(double[] edges, Map<String, long[]> counts, long missing) {}

    public Histogram histogram(RunFilter f, String outcome, int bins, List<String> policies) {
        if (!study.outcomeNames().contains(outcome)) throw new IllegalArgumentException("no outcome '" + outcome + "'");
        String col = "o." + SqlIdentifier.quote(outcome);
        String finite = col + " IS NOT NULL AND isfinite(" + col + ")";
        String from = " FROM experiments e JOIN outcomes o USING (run) WHERE " + f.sql();
        try {
            double lo = Double.NaN;
            double hi = Double.NaN;
            long missing = 0;
            try (PreparedStatement ps = prepare("SELECT min(" + col + ") FILTER (WHERE " + finite + "), max(" + col + ") FILTER (WHERE " + finite
                    + "), count(*) FILTER (WHERE NOT (" + finite + "))" + from, f); ResultSet r = ps.executeQuery()) {
                if (r.next()) {
                    if (r.getObject(1) != null) {
                        lo = r.getDouble(1);
                        hi = r.getDouble(2);
                    }
                    missing = r.getLong(3);
                }
            }
            double width = hi > lo ? (hi - lo) / bins : 1;
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) edges[i] = (Double.isNaN(lo) ? 0 : lo) + i * width;
            Map<String, long[]> counts = new LinkedHashMap<>();
            for (String p : policies) counts.put(p, new long[bins]);
            if (!Double.isNaN(lo)) {
                String bin = "least(?, CAST(floor((" + col + " - ?) / ?) AS INTEGER))";
                try (PreparedStatement ps = prepare("SELECT e.policy, " + bin + " AS b, count(*)" + from + " AND " + finite + " GROUP BY ALL", f,
                        bins - 1, lo, width); ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        long[] c = counts.get(r.getString(1));
                        int b = r.getInt(2);
                        if (c != null && b >= 0 && b < bins) c[b] = r.getLong(3);
                    }
                }
            }
            return new Histogram(edges, counts, missing);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Quantiles of a series variable over the successful runs, per policy and time: rows of
     * {time, q...} (NaN where none), and the runs seen per policy. More than {@code maxTimes}
     * times for a policy is an {@link IllegalArgumentException}.
     */
    public record Envelopes(Map<String, List<double[]>> rows, Map<String, Long> runs) {}

    public Envelopes envelopes(RunFilter f, String variable, List<Double> quantiles, int maxTimes) {
        if (!study.seriesVariables().contains(variable)) throw new IllegalArgumentException("no series variable '" + variable + "'");
        String col = "s." + SqlIdentifier.quote(variable);
        StringBuilder sql = new StringBuilder("SELECT e.policy, s.time, count(DISTINCT s.run)");
        // quantile levels are checked numbers in [0, 1], written as Java prints a double
        for (Double q : quantiles) {
            if (q == null || !(q >= 0 && q <= 1)) throw new IllegalArgumentException("each quantile is a number from 0 to 1");
            sql.append(", quantile_cont(").append(col).append(", ").append(Double.toString(q)).append(')');
        }
        sql.append(" FROM series s JOIN experiments e USING (run) JOIN outcomes o USING (run) WHERE o.status = 'ok' AND isfinite(")
                .append(col).append(") AND ").append(f.sql()).append(" GROUP BY e.policy, s.time ORDER BY e.policy, s.time");
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        Map<String, Long> runs = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(sql.toString(), f); ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                double[] row = new double[quantiles.size() + 1];
                row[0] = r.getDouble(2);
                for (int i = 0; i < quantiles.size(); i++) {
                    row[i + 1] = r.getDouble(4 + i);
                    if (r.wasNull()) row[i + 1] = Double.NaN;
                }
                rows.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(row);
                runs.merge(r.getString(1), r.getLong(3), Math::max);
                if (rows.get(r.getString(1)).size() > maxTimes) throw new IllegalArgumentException("the series has more than " + maxTimes + " times");
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return new Envelopes(rows, runs);
    }

    /** One run's outcomes for a comparison; values NaN where the store has none. */
    public record OutcomeRow(long scenario, String policy, boolean ok, boolean feasible, double[] values) {}

    /** The runs the filter keeps, ordered by scenario then run, with every outcome of the study. */
    public List<OutcomeRow> outcomeRows(RunFilter f) {
        List<String> outcomes = study.outcomeNames();
        int no = outcomes.size();
        StringBuilder sql = new StringBuilder("SELECT e.scenario, e.policy, o.status = 'ok', coalesce(o.feasible, FALSE)");
        for (String o : outcomes) sql.append(", o.").append(SqlIdentifier.quote(o));
        sql.append(" FROM experiments e JOIN outcomes o USING (run) WHERE ").append(f.sql()).append(" ORDER BY e.scenario, e.run");
        List<OutcomeRow> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(sql.toString(), f); ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                double[] v = new double[no];
                for (int i = 0; i < no; i++) {
                    v[i] = r.getDouble(5 + i);
                    if (r.wasNull()) v[i] = Double.NaN;
                }
                out.add(new OutcomeRow(r.getLong(1), r.getString(2), r.getBoolean(3), r.getBoolean(4), v));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** The futures of a discovery, as {@code dlab discover} reads them, narrowed by the filter; only the one outcome. */
    public FuturesFrame futures(String outcome, String policy, String versus, RunFilter f) {
        try {
            return FuturesFrame.read(conn, study, policy, versus, List.of(outcome), f, timeoutSeconds);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The discoveries saved by {@code dlab discover}, oldest first; none when the store has no such tables. */
    public List<DiscoveryTables.Saved> discoveries() {
        if (!study.hasDiscoveries()) return List.of();
        try (Statement st = conn.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            return DiscoveryTables.read(st);
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
