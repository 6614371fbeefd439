package org.dlab.workbench.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.store.SqlIdentifier;

/**
 * The figures both the HTML report and {@code dlab plot} draw, read from a results store:
 * per-policy outcome histograms over common bins and per-policy quantile bands of a
 * series variable over time. One place, so a paper's figure and the report never disagree.
 */
public final class StoreStats {
    public static final int BINS = 30;
    /** The fan chart's quantiles: outer band, inner band, median, inner band, outer band. */
    public static final double[] FAN = {0.05, 0.25, 0.5, 0.75, 0.95};

    private StoreStats() {}

    /** Counts per policy over the common bin {@code edges} (BINS + 1 of them). */
    public record Histogram(double[] edges, Map<String, long[]> counts) {}

    /**
     * Per policy, columns time then one per {@link #FAN} quantile; a quantile with no value (every
     * run NaN at that time) is NaN.
     */
    public record Fan(String variable, Map<String, double[][]> byPolicy) {}

    /** Counts per policy over common bins, so the policies' distributions overlay. */
    public static Histogram histogram(Statement st, String outcome, List<String> policies) throws SQLException {
        String col = "o." + SqlIdentifier.quote(outcome);
        String finite = col + " IS NOT NULL AND NOT isnan(" + col + ") AND NOT isinf(" + col + ")";
        double lo = Double.NaN;
        double hi = Double.NaN;
        try (ResultSet r = st.executeQuery("SELECT min(" + col + "), max(" + col + ") FROM outcomes o WHERE " + finite)) {
            if (r.next() && r.getObject(1) != null) {
                lo = r.getDouble(1);
                hi = r.getDouble(2);
            }
        }
        double[] edges = new double[BINS + 1];
        double width = hi > lo ? (hi - lo) / BINS : 1;
        for (int i = 0; i <= BINS; i++) edges[i] = (Double.isNaN(lo) ? 0 : lo) + i * width;
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String p : policies) counts.put(p, new long[BINS]);
        if (!Double.isNaN(lo)) {
            // clamped at both ends: DuckDB reads the literals as DECIMAL, so the minimum itself can land a hair below bin 0
            String bin = "greatest(0, least(" + (BINS - 1) + ", CAST(floor((" + col + " - " + lo + ") / " + width + ") AS INTEGER)))";
            try (ResultSet r = st.executeQuery("SELECT e.policy, " + bin + " AS b, count(*) FROM outcomes o JOIN experiments e USING (run) WHERE "
                    + finite + " GROUP BY ALL")) {
                while (r.next()) {
                    long[] c = counts.get(r.getString(1));
                    if (c != null) c[r.getInt(2)] = r.getLong(3);
                }
            }
        }
        return new Histogram(edges, counts);
    }

    /** Quantile bands of one series variable over time, per policy. */
    public static Fan fan(Statement st, String variable, List<String> policies) throws SQLException {
        Map<String, double[][]> byPolicy = new LinkedHashMap<>();
        for (String p : policies) {
            StringBuilder sql = new StringBuilder("SELECT s.time");
            for (double f : FAN) sql.append(", quantile_cont(s.").append(SqlIdentifier.quote(variable)).append(", ").append(f).append(")");
            sql.append(" FROM series s JOIN experiments e USING (run) WHERE e.policy = '").append(p.replace("'", "''"))
                    .append("' AND NOT isnan(s.").append(SqlIdentifier.quote(variable)).append(") GROUP BY s.time ORDER BY s.time");
            List<double[]> rows = new ArrayList<>();
            try (ResultSet r = st.executeQuery(sql.toString())) {
                while (r.next()) {
                    double[] row = new double[FAN.length + 1];
                    for (int i = 0; i <= FAN.length; i++) {
                        row[i] = r.getDouble(i + 1);
                        if (r.wasNull()) row[i] = Double.NaN;
                    }
                    rows.add(row);
                }
            }
            double[][] cols = new double[FAN.length + 1][rows.size()];
            for (int t = 0; t < rows.size(); t++) for (int i = 0; i <= FAN.length; i++) cols[i][t] = rows.get(t)[i];
            byPolicy.put(p, cols);
        }
        return new Fan(variable, byPolicy);
    }
}
