package org.dlab.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The futures of a store as columns, for scenario discovery: {@code columns[input][row]} of the
 * uncertainties and {@code values[outcome][row]} of the outcomes asked for (NaN where the store
 * has none), one row per successful run; with {@code versus}, an outcome is the policy's value
 * minus versus's in the same future.
 */
public record FuturesFrame(List<String> inputs, double[][] columns, List<String> outcomes, double[][] values) {
    public int rows() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public double[] outcome(String name) {
        int k = outcomes.indexOf(name);
        if (k < 0) throw new IllegalArgumentException("the frame has no outcome '" + name + "'");
        return values[k];
    }

    /**
     * The successful runs (both runs, for a difference) that {@code filter} keeps, in run order so
     * the result does not depend on the database's scan order. Names must be the store's (see {@code StoreDiscovery.check}).
     *
     * @param timeoutSeconds the statement's time limit; 0 for none
     */
    public static FuturesFrame read(Connection c, StoredStudy s, String policy, String versus, List<String> outcomes, RunFilter filter, int timeoutSeconds) throws SQLException {
        List<String> names = s.uncertainties();
        int no = outcomes.size();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int k = 0; k < no; k++) {
            if (k > 0) sql.append(", ");
            sql.append("o.").append(SqlIdentifier.quote(outcomes.get(k)));
            if (versus != null) sql.append(" - ob.").append(SqlIdentifier.quote(outcomes.get(k)));
        }
        for (String n : names) sql.append(", e.").append(SqlIdentifier.quote(n));
        sql.append(" FROM experiments e JOIN outcomes o USING (run)");
        // the same future (scenario) under the other policy
        if (versus != null) sql.append(" JOIN experiments eb ON eb.scenario = e.scenario AND eb.policy = ? JOIN outcomes ob ON ob.run = eb.run");
        // failed runs carry meaningless outcomes
        sql.append(" WHERE o.status = 'ok'").append(versus == null ? "" : " AND ob.status = 'ok'")
                .append(policy == null ? "" : " AND e.policy = ?").append(" AND (").append(filter.sql()).append(") ORDER BY e.run");
        List<double[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (timeoutSeconds > 0) ps.setQueryTimeout(timeoutSeconds);
            int k = 1;
            if (versus != null) ps.setString(k++, versus);
            if (policy != null) ps.setString(k++, policy);
            for (Object p : filter.params()) ps.setObject(k++, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double[] row = new double[no + names.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getDouble(i + 1);
                        // NULL stands for a reduction without a value (NaN): never a case
                        if (rs.wasNull()) row[i] = Double.NaN;
                    }
                    rows.add(row);
                }
            }
        }
        double[][] cols = new double[names.size()][rows.size()];
        double[][] ys = new double[no][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int k = 0; k < no; k++) ys[k][r] = row[k];
            for (int i = 0; i < names.size(); i++) cols[i][r] = row[no + i];
        }
        return new FuturesFrame(names, cols, outcomes, ys);
    }
}
