package org.dlab.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.store.SqlIdentifier;
import org.dlab.workbench.report.StoreStats;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.store.ResultsStore;

/**
 * Read-only questions to one results store: its summary, pages of experiments, outcome
 * distributions and percentile envelopes of series, all over the runs a request's filters keep.
 * Every statement has a time limit and every result a size limit.
 */
final class StoreReader {
    private final StoreCatalog.Entry entry;
    private final Connection conn;
    private final StoreSchema schema;

    StoreReader(StoreCatalog.Entry entry, Connection conn) {
        this.entry = entry;
        this.conn = conn;
        try {
            this.schema = StoreSchema.read(conn);
        } catch (SQLException e) {
            throw new ApiException(422, "id", "'" + entry.id() + "' is not a results store of dlab explore: " + ResultsStore.firstLine(e.getMessage()));
        }
    }

    StoreSchema schema() {
        return schema;
    }

    /** The open store, for the workbench's readers (they set their own time limits). */
    Connection connection() {
        return conn;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        ps.setQueryTimeout(StoreApi.QUERY_SECONDS);
        return ps;
    }

    /** A store error as a response: a timeout is the caller's question being too big, anything else the store's fault. */
    ApiException failure(SQLException e) {
        String m = ResultsStore.firstLine(e.getMessage());
        if (m.toLowerCase(java.util.Locale.ROOT).contains("interrupt")) {
            return new ApiException(503, null, "the query took more than " + StoreApi.QUERY_SECONDS + " s; narrow the filters");
        }
        return new ApiException(422, "id", "cannot read store '" + entry.id() + "': " + m);
    }

    StoreApi.Summary summary() {
        try (Statement st = conn.createStatement()) {
            st.setQueryTimeout(StoreApi.QUERY_SECONDS);
            List<StoreApi.PolicyCount> counts = new ArrayList<>();
            long runs = 0;
            long failed = 0;
            try (ResultSet r = st.executeQuery("SELECT e.policy, count(*), count(*) FILTER (WHERE o.status <> 'ok') "
                    + "FROM experiments e JOIN outcomes o USING (run) GROUP BY e.policy")) {
                Map<String, StoreApi.PolicyCount> byPolicy = new LinkedHashMap<>();
                while (r.next()) byPolicy.put(r.getString(1), new StoreApi.PolicyCount(r.getString(1), r.getLong(2), r.getLong(3)));
                for (String p : schema.policies()) {
                    StoreApi.PolicyCount c = byPolicy.getOrDefault(p, new StoreApi.PolicyCount(p, 0, 0));
                    counts.add(c);
                    runs += c.runs();
                    failed += c.failed();
                }
            }
            long futures;
            try (ResultSet r = st.executeQuery("SELECT count(DISTINCT scenario) FROM experiments")) {
                futures = r.next() ? r.getLong(1) : 0;
            }
            Map<String, String> p = schema.provenance();
            String study = p.get("study_file");
            if (study != null) study = java.nio.file.Path.of(study).getFileName().toString();
            return new StoreApi.Summary(entry.id(), entry.title(), p.get("status"), p.get("policy_design"), p.get("sampler"), p.get("n"),
                    p.get("seed"), study, runs, failed, futures, schema.policies(), counts, schema.uncertainties(), schema.levers(),
                    schema.outcomes(), schema.seriesVariables(), schema.discoveries(), StoreApi.Limits.V1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** How many runs the filters keep. */
    long count(StoreSchema.Where w) throws SQLException {
        try (PreparedStatement ps = prepare("SELECT count(*) FROM experiments e WHERE " + w.sql())) {
            w.bind(ps, 1);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    StoreApi.ExperimentsResponse experiments(StoreApi.ExperimentsRequest req) {
        long offset = req.offset() == null ? 0 : req.offset();
        int limit = req.limit() == null ? 100 : req.limit();
        if (offset < 0 || offset > StoreApi.MAX_OFFSET) throw ApiException.badRequest("offset", "must be between 0 and " + StoreApi.MAX_OFFSET);
        if (limit < 1 || limit > StoreApi.MAX_PAGE) throw ApiException.badRequest("limit", "must be between 1 and " + StoreApi.MAX_PAGE + ", got " + limit);
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_POLICIES);
        StoreSchema.Where w = schema.where(req.filters(), pols);
        // columns: run, scenario, policy, then inputs and outcomes by name (checked against the store)
        List<String> known = new ArrayList<>(List.of("run", "scenario", "policy", "status"));
        for (StoreApi.Input i : schema.uncertainties()) known.add(i.name());
        for (StoreApi.Input i : schema.levers()) known.add(i.name());
        for (StoreApi.OutcomeDef o : schema.outcomes()) known.add(o.name());
        List<String> cols = new ArrayList<>();
        if (req.columns() == null || req.columns().isEmpty()) {
            cols.addAll(List.of("run", "scenario", "policy", "status"));
            for (StoreApi.OutcomeDef o : schema.outcomes()) cols.add(o.name());
        } else {
            if (req.columns().size() > known.size()) throw ApiException.badRequest("columns", "at most " + known.size() + " columns");
            for (String c : req.columns()) {
                if (c == null || !known.contains(c)) throw ApiException.badRequest("columns", "no column '" + c + "' in this store");
                if (!cols.contains(c)) cols.add(c);
            }
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            String c = cols.get(i);
            boolean outcome = c.equals("status") || schema.outcomes().stream().anyMatch(o -> o.name().equals(c));
            sql.append(i == 0 ? "" : ", ").append(outcome ? "o." : "e.").append(SqlIdentifier.quote(c));
        }
        sql.append(" FROM experiments e JOIN outcomes o USING (run) WHERE ").append(w.sql()).append(" ORDER BY e.run LIMIT ? OFFSET ?");
        try {
            long total = count(w);
            List<List<Object>> rows = new ArrayList<>();
            try (PreparedStatement ps = prepare(sql.toString())) {
                w.bind(ps, 1);
                ps.setInt(w.params().size() + 1, limit);
                ps.setLong(w.params().size() + 2, offset);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) rows.add(row(r, cols.size()));
                }
            }
            return new StoreApi.ExperimentsResponse(total, offset, cols, rows);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** One result row as JSON values: numbers (non-finite as null), text, booleans. */
    static List<Object> row(ResultSet r, int n) throws SQLException {
        List<Object> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            Object v = r.getObject(i);
            if (v instanceof Double d && !Double.isFinite(d)) v = null;
            else if (v instanceof Float f && !Float.isFinite(f)) v = null;
            else if (!(v == null || v instanceof Number || v instanceof Boolean || v instanceof String)) v = String.valueOf(v);
            row.add(v);
        }
        return row;
    }

    StoreApi.DistributionResponse distribution(StoreApi.DistributionRequest req) {
        StoreApi.OutcomeDef o = schema.outcome("outcome", req.outcome());
        int bins = req.bins() == null ? StoreStats.BINS : req.bins();
        if (bins < StoreApi.MIN_BINS || bins > StoreApi.MAX_BINS) {
            throw ApiException.badRequest("bins", "must be between " + StoreApi.MIN_BINS + " and " + StoreApi.MAX_BINS + ", got " + bins);
        }
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_POLICIES);
        StoreSchema.Where w = schema.where(req.filters(), pols);
        String col = "o." + SqlIdentifier.quote(o.name());
        String finite = col + " IS NOT NULL AND isfinite(" + col + ")";
        String from = " FROM experiments e JOIN outcomes o USING (run) WHERE " + w.sql();
        try {
            double lo = Double.NaN;
            double hi = Double.NaN;
            long missing = 0;
            try (PreparedStatement ps = prepare("SELECT min(" + col + ") FILTER (WHERE " + finite + "), max(" + col + ") FILTER (WHERE " + finite
                    + "), count(*) FILTER (WHERE NOT (" + finite + "))" + from)) {
                w.bind(ps, 1);
                try (ResultSet r = ps.executeQuery()) {
                    if (r.next()) {
                        if (r.getObject(1) != null) {
                            lo = r.getDouble(1);
                            hi = r.getDouble(2);
                        }
                        missing = r.getLong(3);
                    }
                }
            }
            double width = hi > lo ? (hi - lo) / bins : 1;
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) edges[i] = (Double.isNaN(lo) ? 0 : lo) + i * width;
            Map<String, long[]> counts = new LinkedHashMap<>();
            for (String p : pols) counts.put(p, new long[bins]);
            if (!Double.isNaN(lo)) {
                String bin = "least(?, CAST(floor((" + col + " - ?) / ?) AS INTEGER))";
                try (PreparedStatement ps = prepare("SELECT e.policy, " + bin + " AS b, count(*)" + from + " AND " + finite + " GROUP BY ALL")) {
                    ps.setInt(1, bins - 1);
                    ps.setDouble(2, lo);
                    ps.setDouble(3, width);
                    w.bind(ps, 4);
                    try (ResultSet r = ps.executeQuery()) {
                        while (r.next()) {
                            long[] c = counts.get(r.getString(1));
                            int b = r.getInt(2);
                            if (c != null && b >= 0 && b < bins) c[b] = r.getLong(3);
                        }
                    }
                }
            }
            return new StoreApi.DistributionResponse(o.name(), edges, counts, missing);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    StoreApi.EnvelopeResponse envelopes(StoreApi.EnvelopeRequest req) {
        long t0 = System.nanoTime();
        String v = schema.seriesVariable("variable", req.variable());
        List<Double> qs = req.quantiles() == null || req.quantiles().isEmpty() ? List.of(0.05, 0.25, 0.5, 0.75, 0.95) : req.quantiles();
        if (qs.size() > StoreApi.MAX_QUANTILES) throw ApiException.badRequest("quantiles", "at most " + StoreApi.MAX_QUANTILES + " quantiles");
        for (Double q : qs) if (q == null || !(q >= 0 && q <= 1)) throw ApiException.badRequest("quantiles", "each quantile is a number from 0 to 1");
        List<String> pols = schema.policies(req.policies(), StoreApi.MAX_ENVELOPE_POLICIES);
        StoreSchema.Where w = schema.where(req.filters(), pols);
        String col = "s." + SqlIdentifier.quote(v);
        StringBuilder sql = new StringBuilder("SELECT e.policy, s.time, count(DISTINCT s.run)");
        // quantile levels are validated numbers in [0, 1], written as Java prints a double: no request text
        for (Double q : qs) sql.append(", quantile_cont(").append(col).append(", ").append(Double.toString(q)).append(')');
        sql.append(" FROM series s JOIN experiments e USING (run) JOIN outcomes o USING (run) WHERE o.status = 'ok' AND isfinite(")
                .append(col).append(") AND ").append(w.sql()).append(" GROUP BY e.policy, s.time ORDER BY e.policy, s.time");
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        Map<String, Long> runs = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(sql.toString())) {
            w.bind(ps, 1);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    double[] row = new double[qs.size() + 1];
                    row[0] = r.getDouble(2);
                    for (int i = 0; i < qs.size(); i++) {
                        row[i + 1] = r.getDouble(4 + i);
                        if (r.wasNull()) row[i + 1] = Double.NaN;
                    }
                    rows.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(row);
                    runs.merge(r.getString(1), r.getLong(3), Math::max);
                    if (rows.get(r.getString(1)).size() > Api.MAX_ROWS) throw ApiException.badRequest("variable", "the series has more than " + Api.MAX_ROWS + " times");
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        Map<String, StoreApi.Envelope> out = new LinkedHashMap<>();
        for (String p : pols) {
            List<double[]> rs = rows.getOrDefault(p, List.of());
            double[] times = new double[rs.size()];
            List<Double[]> values = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) values.add(new Double[rs.size()]);
            for (int t = 0; t < rs.size(); t++) {
                times[t] = rs.get(t)[0];
                for (int i = 0; i < qs.size(); i++) {
                    double x = rs.get(t)[i + 1];
                    values.get(i)[t] = Double.isFinite(x) ? x : null;
                }
            }
            out.put(p, new StoreApi.Envelope(runs.getOrDefault(p, 0L), times, values));
        }
        return new StoreApi.EnvelopeResponse(v, qs, out, (System.nanoTime() - t0) / 1e6);
    }

    /** The discoveries saved by {@code dlab discover}, read with the workbench's own reader. */
    StoreApi.SavedDiscoveries savedDiscoveries() {
        if (!schema.discoveries()) return new StoreApi.SavedDiscoveries(false, List.of());
        try (Statement st = conn.createStatement()) {
            st.setQueryTimeout(StoreApi.QUERY_SECONDS);
            List<DiscoveryTables.Saved> all = DiscoveryTables.read(st);
            List<StoreApi.SavedDiscovery> out = new ArrayList<>();
            for (DiscoveryTables.Saved d : all.subList(Math.max(0, all.size() - StoreApi.MAX_DISCOVERY_ROWS), all.size())) {
                List<StoreApi.SavedLimit> limits = new ArrayList<>();
                for (DiscoveryTables.Limit l : d.limits()) {
                    limits.add(new StoreApi.SavedLimit(l.uncertainty(), finite(l.lower()), finite(l.upper()), l.lowerRestricted(), l.upperRestricted(),
                            finite(l.quasiP()), finite(l.resampledShare())));
                }
                List<StoreApi.SavedScore> scores = new ArrayList<>();
                for (DiscoveryTables.Score sc : d.scores()) {
                    if (sc.outcome().equals(d.outcome()) && scores.size() < 10) scores.add(new StoreApi.SavedScore(sc.uncertainty(), finite(sc.importance())));
                }
                out.add(new StoreApi.SavedDiscovery(d.id(), d.createdAt(), d.question(), d.outcome(), d.condition(), d.policy(), d.versus(), d.cases(),
                        d.runs(), d.box(), finite(d.coverage()), finite(d.density()), finite(d.mass()), limits, scores));
            }
            return new StoreApi.SavedDiscoveries(true, out);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
