package org.dlab.workbench.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.store.SqlIdentifier;
import org.dlab.workbench.analysis.Robustness;
import org.dlab.workbench.plot.AnalysisCharts;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Outcome;

/**
 * The report's "Robustness" section, for stores where every future ran under every policy: per
 * outcome and policy the regret against the best policy of each future (mean, 90th percentile,
 * maximum), the share of futures meeting the outcome's threshold (satisficing), percentiles of the
 * outcome and the mean-variance signal-to-noise ratio ({@link Robustness}), and a chart of the
 * regret per policy. A future counts for an outcome when it has a finite value under every
 * policy (a failed run or a threshold never crossed leaves it out), so the policies are always
 * compared over the same futures. A crossing time that never came counts as the end of the run
 * (right-censored), so "never falls below" ranks as the latest crossing, not as a missing value.
 */
final class RobustnessSection {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    private RobustnessSection() {}

    /** Null when the store's design is not full (policies ran over different futures). */
    static Map<String, Object> data(Statement st, List<Outcome> outcomes, List<String> policies, Map<String, String> prov, double horizon)
            throws SQLException {
        if (!"full".equals(prov.get("policy_design")) || policies.isEmpty() || outcomes.isEmpty()) return null;
        int np = policies.size();
        long futuresL;
        try (ResultSet r = st.executeQuery("SELECT coalesce(max(scenario), -1) + 1 FROM experiments")) {
            r.next();
            futuresL = r.getLong(1);
        }
        // the report reads every value into memory; beyond this the table is still right but costs a lot
        if (futuresL <= 0 || futuresL * np * outcomes.size() > 50_000_000L) return null;
        int futures = (int) futuresL;
        double[][][] v = new double[outcomes.size()][np][futures];
        for (double[][] o : v) for (double[] p : o) java.util.Arrays.fill(p, Double.NaN);
        StringBuilder sql = new StringBuilder("SELECT e.scenario, e.policy");
        for (Outcome o : outcomes) sql.append(", o.").append(SqlIdentifier.quote(o.name()));
        sql.append(" FROM experiments e JOIN outcomes o USING (run) WHERE o.status = 'ok'");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int p = 0; p < np; p++) index.put(policies.get(p), p);
        try (ResultSet r = st.executeQuery(sql.toString())) {
            while (r.next()) {
                int f = (int) r.getLong(1);
                Integer p = index.get(r.getString(2));
                if (p == null) continue;
                for (int k = 0; k < outcomes.size(); k++) {
                    double x = r.getDouble(3 + k);
                    // a crossing that never happened is right-censored at the end of the run: later than any crossing
                    if (r.wasNull() || Double.isNaN(x)) x = crossing(outcomes.get(k)) ? horizon : Double.NaN;
                    v[k][p][f] = x;
                }
            }
        }
        List<Map<String, Object>> perOutcome = new ArrayList<>();
        List<Robustness.Outcome> thresholded = new ArrayList<>();
        List<Integer> thresholdedIndex = new ArrayList<>();
        for (int k = 0; k < outcomes.size(); k++) {
            Outcome o = outcomes.get(k);
            int[] keep = complete(v[k]);
            if (keep.length == 0) continue;
            Robustness.Outcome ro = new Robustness.Outcome(o.name(), o.kind(), select(v[k], keep), o.threshold());
            Robustness.Table t = Robustness.evaluate(policies, List.of(ro), LEVELS);
            if (o.kind() != Kind.INFO && o.hasThreshold()) {
                thresholded.add(ro);
                thresholdedIndex.add(k);
            }
            Map<String, Object> m = outcome(o, keep.length, futures, policies, t);
            m.put("crossing", crossing(o));
            m.put("horizon", crossing(o) ? num(horizon) : null);
            perOutcome.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcomes", perOutcome);
        if (!thresholded.isEmpty()) {
            // every threshold at once, over the futures complete for all of those outcomes
            double[][][] sub = new double[thresholdedIndex.size()][][];
            for (int i = 0; i < sub.length; i++) sub[i] = v[thresholdedIndex.get(i)];
            int[] keep = completeAll(sub);
            if (keep.length > 0) {
                List<Robustness.Outcome> all = new ArrayList<>();
                for (int i = 0; i < sub.length; i++) {
                    Robustness.Outcome ro = thresholded.get(i);
                    all.add(new Robustness.Outcome(ro.name(), ro.kind(), select(sub[i], keep), ro.threshold()));
                }
                Robustness.Table t = Robustness.evaluate(policies, all, LEVELS);
                List<Object[]> rows = new ArrayList<>();
                for (Robustness.PolicyRow row : t.rows()) rows.add(new Object[] {row.policy(), num(row.satisficingAll())});
                // an ordered map: Map.of's order changes from one JVM to the next, and so did the report's bytes
                Map<String, Object> satisficing = new LinkedHashMap<>();
                satisficing.put("futures", keep.length);
                satisficing.put("outcomes", thresholded.stream().map(Robustness.Outcome::name).toList());
                satisficing.put("rows", rows);
                out.put("satisficingAll", satisficing);
            }
        }
        return out;
    }

    private static Map<String, Object> outcome(Outcome o, int used, int futures, List<String> policies, Robustness.Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("kind", o.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("threshold", num(o.threshold()));
        m.put("futures", used);
        m.put("of", futures);
        List<Object[]> rows = new ArrayList<>();
        int np = policies.size();
        double[][] value = new double[1][np];
        double[][] low = new double[1][np];
        double[][] high = new double[1][np];
        for (int p = 0; p < np; p++) {
            Robustness.Metrics x = t.rows().get(p).metrics().get(0);
            double[] pct = x.percentiles();
            double[] rp = x.regretPercentiles();
            rows.add(new Object[] {policies.get(p), num(x.mean()), num(x.sd()), num(pct[0]), num(pct[1]), num(pct[2]), num(x.meanRegret()), num(rp[2]),
                num(x.maxRegret()), num(x.satisficing()), num(x.signalToNoise())});
            value[0][p] = x.meanRegret();
            low[0][p] = rp[0];
            high[0][p] = rp[2];
        }
        m.put("rows", rows);
        if (o.kind() != Kind.INFO && np > 1) {
            m.put("svg", DiscoverySection.inline(AnalysisCharts.intervalBars("Regret: " + o.name(),
                    "regret against the best policy of each future (bar: mean; whisker: 10th-90th percentile)", policies, List.of("regret"), value, low, high)));
        }
        return m;
    }

    private static boolean crossing(Outcome o) {
        return o.reduce().op() == org.dlab.workbench.study.Study.Op.FIRST_ABOVE || o.reduce().op() == org.dlab.workbench.study.Study.Op.FIRST_BELOW;
    }

    /** Futures with a finite value under every policy. */
    private static int[] complete(double[][] v) {
        return completeAll(new double[][][] {v});
    }

    private static int[] completeAll(double[][][] v) {
        int futures = v[0][0].length;
        int[] keep = new int[futures];
        int n = 0;
        for (int f = 0; f < futures; f++) {
            boolean ok = true;
            for (double[][] o : v) for (double[] p : o) ok &= Double.isFinite(p[f]);
            if (ok) keep[n++] = f;
        }
        return java.util.Arrays.copyOf(keep, n);
    }

    private static double[][] select(double[][] v, int[] keep) {
        double[][] out = new double[v.length][keep.length];
        for (int p = 0; p < v.length; p++) for (int i = 0; i < keep.length; i++) out[p][i] = v[p][keep[i]];
        return out;
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
