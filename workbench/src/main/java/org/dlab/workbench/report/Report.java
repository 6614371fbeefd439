package org.dlab.workbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ir.Pos;
import org.dlab.workbench.compare.Comparison;
import org.dlab.workbench.compare.MemorySink;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.OutputFile;
import org.dlab.workbench.store.StoreException;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;
import org.dlab.workbench.study.Study.Reduction;

/**
 * {@code dlab report}: one self-contained HTML file from a results store: fan charts of the
 * outcome variables over time per policy (when the store has series), the distribution of each
 * outcome per policy, the comparison table, robustness of each policy across futures
 * ({@link RobustnessSection}), the scenario discoveries saved by {@code dlab discover}
 * ({@link DiscoverySection}), and the study's assumptions. uPlot's script and
 * stylesheet are inlined from its WebJar, and the data is embedded as JSON, so the file opens
 * offline and can be mailed.
 */
public final class Report {
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private Report() {}

    /** Writes the report of the store at {@code db} to {@code out} (atomically: a temporary file moved into place). */
    public static void write(Path db, Path out) {
        Map<String, Object> data;
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            data = data(st, db);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot read the store: " + ResultsStore.firstLine(e.getMessage()));
        }
        String html = template().replace("/*UPLOT_CSS*/", resource(UPLOT + "uPlot.min.css"))
                .replace("/*UPLOT_JS*/", resource(UPLOT + "uPlot.iife.min.js"))
                .replace("/*REPORT_JS*/", resource("/org/dlab/workbench/report/report.js"))
                .replace("/*DATA*/", json(data).replace("</", "<\\/"));
        OutputFile.replace(out, "the report", html);
    }

    private static String template() {
        return resource("/org/dlab/workbench/report/report.html");
    }

    private static String resource(String name) {
        try (InputStream in = Report.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    private static String json(Object o) {
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON has no NaN or infinity: they become null. */
    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Map<String, Object>> rows(Statement st, String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet r = st.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = r.getObject(i);
                    if (v instanceof Double d) v = num(d);
                    row.put(r.getMetaData().getColumnLabel(i), v);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Map<String, Object> data(Statement st, Path db) throws SQLException {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, String> prov = new LinkedHashMap<>();
        for (Map<String, Object> r : rows(st, "SELECT key, value FROM provenance ORDER BY key")) prov.put((String) r.get("key"), (String) r.get("value"));
        d.put("store", db.getFileName().toString());
        d.put("provenance", prov);
        List<String> policies = StoreStats.policies(st);
        d.put("policies", policies);
        d.put("inputs", rows(st, "SELECT * FROM inputs"));
        d.put("levers", rows(st, "SELECT policy, lever, value, set_by_policy FROM policies WHERE lever IS NOT NULL ORDER BY position, lever"));
        d.put("constraints", rows(st, "SELECT * FROM constraints"));
        List<Outcome> outcomes = new ArrayList<>();
        for (Map<String, Object> r : rows(st, "SELECT * FROM outcome_definitions")) outcomes.add(outcome(r));
        d.put("counts", rows(st, "SELECT e.policy, count(*) AS runs, count(*) FILTER (WHERE o.status = 'failed') AS failed "
                + "FROM experiments e JOIN outcomes o USING (run) GROUP BY e.policy ORDER BY e.policy"));
        List<Map<String, Object>> dists = new ArrayList<>();
        for (Outcome o : outcomes) dists.add(histogram(st, o, policies));
        d.put("outcomes", dists);
        d.put("comparison", "full".equals(prov.get("policy_design")) ? comparison(st, outcomes, policies, prov) : null);
        d.put("fans", fans(st, policies));
        d.put("robustness", RobustnessSection.data(st, outcomes, policies, prov));
        d.put("discoveries", DiscoverySection.data(st));
        return d;
    }

    private static Outcome outcome(Map<String, Object> r) {
        String reduce = (String) r.get("reduce");
        Op op = Op.FINAL;
        double arg = Double.NaN;
        for (Op candidate : Op.values()) {
            String word = candidate.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            if (reduce.equals(word) || reduce.startsWith(word + " ")) {
                op = candidate;
                if (reduce.length() > word.length()) arg = Double.parseDouble(reduce.substring(word.length() + 1));
            }
        }
        Kind kind = Kind.valueOf(((String) r.get("kind")).toUpperCase(java.util.Locale.ROOT));
        Object t = r.get("threshold");
        double threshold = t == null ? Double.NaN : ((Number) t).doubleValue();
        return new Outcome((String) r.get("name"), (String) r.get("variable"), new Reduction(op, arg), kind, threshold, Pos.NONE, Pos.NONE, Pos.NONE);
    }

    /** The distribution of one outcome as the page's JSON wants it. */
    private static Map<String, Object> histogram(Statement st, Outcome o, List<String> policies) throws SQLException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", o.name());
        h.put("variable", o.variable());
        h.put("reduce", o.reduce().describe());
        h.put("kind", o.kind().name().toLowerCase(java.util.Locale.ROOT));
        h.put("threshold", num(o.threshold()));
        StoreStats.Histogram hist = StoreStats.histogram(st, o.name(), policies);
        h.put("edges", hist.edges());
        h.put("counts", hist.counts());
        return h;
    }

    /** The comparison table's figures, from a full design's store (run = scenario × P + policy). */
    private static List<Map<String, Object>> comparison(Statement st, List<Outcome> outcomes, List<String> policies, Map<String, String> prov)
            throws SQLException {
        long total = Long.parseLong(prov.getOrDefault("runs_total", "0"));
        int np = policies.size();
        if (total == 0 || total % np != 0) return null;
        MemorySink sink = new MemorySink(total, outcomes.size());
        StringBuilder sql = new StringBuilder("SELECT run, status, feasible");
        for (Outcome o : outcomes) sql.append(", ").append(StoreStats.q(o.name()));
        try (ResultSet r = st.executeQuery(sql.append(" FROM outcomes").toString())) {
            while (r.next()) {
                double[] v = new double[outcomes.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.getDouble(4 + i);
                    if (r.wasNull()) v[i] = Double.NaN;
                }
                boolean ok = "ok".equals(r.getString(2));
                sink.accept(new RunRecord(r.getLong(1), r.getLong(1) / np, (int) (r.getLong(1) % np), new double[0], v, r.getBoolean(3), ok ? null : "failed", null, 0));
            }
        }
        Comparison c = Comparison.of(policies, outcomes, false, total / np, sink);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Comparison.OutcomeStats s : c.stats()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.outcome().name());
            List<Object[]> rows = new ArrayList<>();
            rows.add(row("futures with a value", s.futures()));
            rows.add(row("mean", s.mean()));
            rows.add(row("median", s.median()));
            rows.add(row("5th percentile", s.p5()));
            rows.add(row("95th percentile", s.p95()));
            if (s.outcome().hasThreshold()) {
                rows.add(row("P(" + (s.outcome().kind() == Kind.MAXIMIZE ? "< " : "> ") + s.outcome().threshold() + ")", s.beyond()));
            }
            if (s.crossing()) rows.add(row("P(never)", s.never()));
            if (s.outcome().kind() != Kind.INFO && np > 1) {
                for (int b = 0; b < np; b++) {
                    double[] col = new double[np];
                    for (int a = 0; a < np; a++) col[a] = s.beats()[a][b];
                    rows.add(row("beats " + policies.get(b), col));
                }
                rows.add(row("mean regret", s.meanRegret()));
            }
            m.put("rows", rows);
            out.add(m);
        }
        return out;
    }

    private static Object[] row(String label, double[] v) {
        Object[] r = new Object[v.length + 1];
        r[0] = label;
        for (int i = 0; i < v.length; i++) r[i + 1] = num(v[i]);
        return r;
    }

    private static Object[] row(String label, int[] v) {
        Object[] r = new Object[v.length + 1];
        r[0] = label;
        for (int i = 0; i < v.length; i++) r[i + 1] = v[i];
        return r;
    }

    /** Quantile bands of each series variable over time, per policy, as the page's JSON wants them. */
    private static List<Map<String, Object>> fans(Statement st, List<String> policies) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String v : StoreStats.seriesVariables(st)) {
            Map<String, Object> fan = new LinkedHashMap<>();
            fan.put("variable", v);
            Map<String, Object> byPolicy = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : StoreStats.fan(st, v, policies).byPolicy().entrySet()) {
                List<List<Object>> cols = new ArrayList<>();
                for (double[] col : e.getValue()) {
                    List<Object> c = new ArrayList<>(col.length);
                    for (double x : col) c.add(num(x));
                    cols.add(c);
                }
                byPolicy.put(e.getKey(), cols);
            }
            fan.put("policies", byPolicy);
            out.add(fan);
        }
        return out;
    }
}
