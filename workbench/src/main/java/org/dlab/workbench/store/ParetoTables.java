package org.dlab.workbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy search's results in one DuckDB file: {@code pareto} (member, every lever's value),
 * {@code pareto_objectives} (member, one column per objective), {@code pareto_outcomes} (member,
 * every outcome: its value in the reference future or its mean over the futures),
 * {@code convergence} (evaluations, runs, hypervolume, ε-progress), {@code search_objectives}
 * (name, outcome, statistic, direction, ε), {@code search_levers} (name, range, baseline, whether
 * searched) and {@code search_provenance} (key, value).
 *
 * <p>The file is written whole to a temporary file in the same folder and then moved into place,
 * so a reader (or a Ctrl-C) never sees half a Pareto set.
 */
public final class ParetoTables {
    private ParetoTables() {}

    /** One objective's definition, as stored. */
    public record ObjectiveDef(String name, String outcome, String statistic, String direction, double epsilon) {}

    /** One lever's range and baseline, and whether the search varied it. */
    public record LeverDef(String name, double low, double high, double baseline, boolean searched) {}

    /** What a search stored; arrays are [member][column]. */
    public record Stored(List<String> levers, List<String> objectives, List<String> outcomes, double[][] leverValues, double[][] objectiveValues,
            double[][] outcomeValues, List<ObjectiveDef> definitions, List<LeverDef> leverDefs, int[] evaluations, long[] runs, double[] hypervolume, int[] epsilonProgress,
            Map<String, String> provenance) {
        public int size() {
            return leverValues.length;
        }
    }

    /** Writes {@code s} to {@code db}; an existing file is an error unless {@code overwrite}. */
    public static void write(Path db, Stored s, boolean overwrite) {
        StoreFile.replace(db, overwrite, "the Pareto set", (c, st) -> {
            table(c, st, "pareto", s.levers(), s.leverValues());
            table(c, st, "pareto_objectives", s.objectives(), s.objectiveValues());
            table(c, st, "pareto_outcomes", s.outcomes(), s.outcomeValues());
            st.execute("CREATE TABLE convergence (checkpoint INTEGER, evaluations INTEGER, runs BIGINT, hypervolume DOUBLE, epsilon_progress INTEGER)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO convergence VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < s.evaluations().length; i++) {
                    ps.setInt(1, i);
                    ps.setInt(2, s.evaluations()[i]);
                    ps.setLong(3, s.runs()[i]);
                    ps.setDouble(4, s.hypervolume()[i]);
                    ps.setInt(5, s.epsilonProgress()[i]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("CREATE TABLE search_objectives (position INTEGER, name VARCHAR, outcome VARCHAR, statistic VARCHAR, direction VARCHAR, epsilon DOUBLE)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO search_objectives VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < s.definitions().size(); i++) {
                    ObjectiveDef d = s.definitions().get(i);
                    ps.setInt(1, i);
                    ps.setString(2, d.name());
                    ps.setString(3, d.outcome());
                    ps.setString(4, d.statistic());
                    ps.setString(5, d.direction());
                    if (Double.isNaN(d.epsilon())) ps.setObject(6, null);
                    else ps.setDouble(6, d.epsilon());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("CREATE TABLE search_levers (position INTEGER, name VARCHAR, low DOUBLE, high DOUBLE, baseline DOUBLE, searched BOOLEAN)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO search_levers VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < s.leverDefs().size(); i++) {
                    LeverDef d = s.leverDefs().get(i);
                    ps.setInt(1, i);
                    ps.setString(2, d.name());
                    ps.setDouble(3, d.low());
                    ps.setDouble(4, d.high());
                    ps.setDouble(5, d.baseline());
                    ps.setBoolean(6, d.searched());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            StoreFile.keyValues(c, st, "search_provenance", s.provenance());
        });
    }

    private static void table(Connection c, Statement st, String name, List<String> columns, double[][] rows) throws SQLException {
        StringBuilder b = new StringBuilder("CREATE TABLE " + name + " (member INTEGER PRIMARY KEY");
        for (String col : columns) b.append(", ").append(SqlIdentifier.quote(col)).append(" DOUBLE");
        st.execute(b.append(')').toString());
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size() + 1, "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + name + " VALUES (" + marks + ")")) {
            for (int m = 0; m < rows.length; m++) {
                ps.setInt(1, m);
                for (int i = 0; i < columns.size(); i++) {
                    double v = rows[m][i];
                    if (Double.isFinite(v)) ps.setDouble(i + 2, v);
                    else ps.setObject(i + 2, null);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Reads a stored search. */
    public static Stored read(Path db) {
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement()) {
            if (!hasTable(st, "pareto_objectives")) throw new StoreException(db.toString(), "holds no Pareto set (make one with 'dlab optimize')");
            List<String> levers = columns(st, "pareto");
            List<String> objectives = columns(st, "pareto_objectives");
            List<String> outcomes = columns(st, "pareto_outcomes");
            double[][] lv = rows(st, "pareto", levers.size());
            double[][] ov = rows(st, "pareto_objectives", objectives.size());
            double[][] uv = rows(st, "pareto_outcomes", outcomes.size());
            List<ObjectiveDef> defs = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT name, outcome, statistic, direction, epsilon FROM search_objectives ORDER BY position")) {
                while (r.next()) {
                    double eps = r.getDouble(5);
                    defs.add(new ObjectiveDef(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.wasNull() ? Double.NaN : eps));
                }
            }
            List<LeverDef> leverDefs = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT name, low, high, baseline, searched FROM search_levers ORDER BY position")) {
                while (r.next()) leverDefs.add(new LeverDef(r.getString(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getBoolean(5)));
            }
            List<int[]> conv = new ArrayList<>();
            List<Long> runs = new ArrayList<>();
            List<Double> hv = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT evaluations, epsilon_progress, runs, hypervolume FROM convergence ORDER BY checkpoint")) {
                while (r.next()) {
                    conv.add(new int[] {r.getInt(1), r.getInt(2)});
                    runs.add(r.getLong(3));
                    hv.add(r.getDouble(4));
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            try (ResultSet r = st.executeQuery("SELECT key, value FROM search_provenance")) {
                while (r.next()) prov.put(r.getString(1), r.getString(2));
            }
            return new Stored(levers, objectives, outcomes, lv, ov, uv, defs, leverDefs, conv.stream().mapToInt(a -> a[0]).toArray(),
                    runs.stream().mapToLong(Long::longValue).toArray(), hv.stream().mapToDouble(Double::doubleValue).toArray(),
                    conv.stream().mapToInt(a -> a[1]).toArray(), prov);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot read the Pareto set: " + ResultsStore.firstLine(e.getMessage()));
        }
    }

    private static boolean hasTable(Statement st, String name) throws SQLException {
        try (ResultSet r = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + name + "'")) {
            return r.next() && r.getLong(1) > 0;
        }
    }

    private static List<String> columns(Statement st, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (r.next()) out.add(r.getString(1));
        }
        out.remove("member");
        return out;
    }

    private static double[][] rows(Statement st, String table, int width) throws SQLException {
        List<double[]> out = new ArrayList<>();
        try (ResultSet r = st.executeQuery("SELECT * FROM " + table + " ORDER BY member")) {
            while (r.next()) {
                double[] row = new double[width];
                for (int i = 0; i < width; i++) {
                    row[i] = r.getDouble(i + 2);
                    if (r.wasNull()) row[i] = Double.NaN;
                }
                out.add(row);
            }
        }
        return out.toArray(new double[0][]);
    }
}
