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
import org.dlab.workbench.store.SqlIdentifier;
import org.dlab.workbench.compare.Comparison;
import org.dlab.workbench.compare.MemorySink;
import org.dlab.workbench.plot.Palette;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;
import org.dlab.workbench.store.ResultsStore;
import org.dlab.workbench.store.OutputFile;
import org.dlab.workbench.store.StoreException;
import org.dlab.workbench.store.StoredStudy;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Outcome;

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
            data = data(StoredStudy.read(c), st, db);
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

    private static Map<String, Object> data(StoredStudy stored, Statement st, Path db) throws SQLException {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, String> prov = stored.provenance();
        d.put("store", db.getFileName().toString());
        d.put("provenance", prov);
        List<String> policies = stored.policies();
        d.put("policies", policies);
        d.put("inputs", stored.inputs().stream().map(Report::input).toList());
        d.put("levers", rows(st, "SELECT policy, lever, value, set_by_policy FROM policies WHERE lever IS NOT NULL ORDER BY position, lever"));
        d.put("constraints", rows(st, "SELECT * FROM constraints"));
        List<Outcome> outcomes = stored.outcomes();
        d.put("counts", rows(st, "SELECT e.policy, count(*) AS runs, count(*) FILTER (WHERE o.status = 'failed') AS failed "
                + "FROM experiments e JOIN outcomes o USING (run) GROUP BY e.policy ORDER BY e.policy"));
        List<Map<String, Object>> dists = new ArrayList<>();
        for (Outcome o : outcomes) dists.add(histogram(st, o, policies));
        d.put("outcomes", dists);
        Comparison cmp = "full".equals(prov.get("policy_design")) ? comparison(st, outcomes, policies, prov) : null;
        VariableUnits units = VariableUnits.of(stored);
        Study.Presentation pres = presentation(prov);
        Map<String, Object> answer = AnswerSection.data(prov, pres, outcomes, policies, cmp, DiscoveryTables.read(st), units);
        d.put("answer", answer);
        d.put("comparison", cmp == null ? null : comparisonTables(cmp, policies, (String) answer.get("reference")));
        d.put("palette", Palette.HEX);
        d.put("fans", fans(st, stored.seriesVariables(), policies, units));
        d.put("robustness", RobustnessSection.data(st, outcomes, policies, prov, horizon(prov, stored.hasSeries(), st)));
        d.put("discoveries", DiscoverySection.data(st, stored));
        return d;
    }

    /** The inputs table's columns, in order, as the page's JSON has always had them. */
    private static final List<String> INPUT_COLUMNS = List.of("name", "role", "distribution", "description", "unit", "low", "high", "baseline");

    private static Map<String, Object> input(StoredStudy.Input i) {
        List<Object> values = java.util.Arrays.asList(i.name(), i.role(), i.distribution(), i.description(), i.unit(), i.low(), i.high(), i.baseline());
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < INPUT_COLUMNS.size(); k++) m.put(INPUT_COLUMNS.get(k), values.get(k));
        return m;
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

    /** The study's presentation keys, from the study text the store keeps; none when it is missing or no longer parses. */
    static Study.Presentation presentation(Map<String, String> prov) {
        String text = prov.get("study_text");
        if (text == null) return Study.Presentation.NONE;
        try {
            return StudyParser.parseStored(Path.of(prov.getOrDefault("study_file", "study.yaml")), text).presentation();
        } catch (RuntimeException e) {
            return Study.Presentation.NONE;
        }
    }

    /**
     * The end of the runs, where a crossing that never happened is censored for robustness: the
     * study's end time, else the last saved series time, else NaN.
     */
    static double horizon(Map<String, String> prov, boolean hasSeries, Statement st) throws SQLException {
        String text = prov.get("study_text");
        if (text != null) {
            try {
                Double end = StudyParser.parseStored(Path.of(prov.getOrDefault("study_file", "study.yaml")), text).time().end();
                if (end != null) return end;
            } catch (RuntimeException e) {
                // fall through to the series
            }
        }
        if (hasSeries) {
            try (ResultSet r = st.executeQuery("SELECT max(time) FROM series")) {
                if (r.next()) {
                    double t = r.getDouble(1);
                    if (!r.wasNull()) return t;
                }
            }
        }
        return Double.NaN;
    }

    /** The comparison's figures, from a full design's store (run = scenario × P + policy). */
    private static Comparison comparison(Statement st, List<Outcome> outcomes, List<String> policies, Map<String, String> prov)
            throws SQLException {
        long total = Long.parseLong(prov.getOrDefault("runs_total", "0"));
        int np = policies.size();
        if (total == 0 || total % np != 0) return null;
        MemorySink sink = new MemorySink(total, outcomes.size());
        StringBuilder sql = new StringBuilder("SELECT run, status, feasible");
        for (Outcome o : outcomes) sql.append(", ").append(SqlIdentifier.quote(o.name()));
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
        return Comparison.of(policies, outcomes, false, total / np, sink);
    }

    /**
     * The comparison's tables, one per outcome, a row per policy (so 15 policies stay within a
     * screen's width): the distribution, the thresholds, and how often it beats the reference
     * policy and, on average, each other policy.
     */
    private static List<Map<String, Object>> comparisonTables(Comparison c, List<String> policies, String reference) {
        int np = policies.size();
        int ref = Math.max(0, policies.indexOf(reference));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Comparison.OutcomeStats s : c.stats()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Outcome o = s.outcome();
            m.put("name", o.name());
            m.put("crossing", s.crossing());
            int best = Comparison.best(s);
            m.put("best", best < 0 ? null : policies.get(best));
            List<String> header = new ArrayList<>(List.of("policy", s.crossing() ? "futures crossing" : "futures", "mean", "median", "5th pct", "95th pct"));
            boolean threshold = o.hasThreshold();
            if (threshold) header.add("P(" + (o.kind() == Kind.MAXIMIZE ? "< " : "> ") + org.dlab.workbench.compare.Figures.number(o.threshold()) + ")");
            if (s.crossing()) header.add("P(never)");
            boolean paired = o.kind() != Kind.INFO && np > 1;
            if (paired) {
                header.add("beats " + policies.get(ref));
                header.add("beats others (mean)");
                header.add(s.crossing() ? "mean regret (all crossed)" : "mean regret");
            }
            List<Object[]> rows = new ArrayList<>();
            for (int p = 0; p < np; p++) {
                List<Object> r = new ArrayList<>(List.of(policies.get(p), s.futures()[p]));
                for (double v : new double[] {s.mean()[p], s.median()[p], s.p5()[p], s.p95()[p]}) r.add(num(v));
                if (threshold) r.add(num(s.beyond()[p]));
                if (s.crossing()) r.add(num(s.never()[p]));
                if (paired) {
                    r.add(p == ref ? null : num(s.beats()[p][ref]));
                    double sum = 0;
                    for (int q = 0; q < np; q++) if (q != p) sum += s.beats()[p][q];
                    r.add(num(sum / (np - 1)));
                    r.add(num(s.meanRegret()[p]));
                }
                rows.add(r.toArray());
            }
            m.put("header", header);
            m.put("rows", rows);
            out.add(m);
        }
        return out;
    }

    /** Quantile bands of each series variable over time, per policy, as the page's JSON wants them. */
    private static List<Map<String, Object>> fans(Statement st, List<String> variables, List<String> policies, VariableUnits units) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String v : variables) {
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
            fan.put("unit", units.wordsOf(v));
            out.add(fan);
        }
        return out;
    }
}
