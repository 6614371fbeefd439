package org.dlab.workbench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario discoveries saved in a results store, beside the runs they were found in, so the
 * report can show them: {@code discoveries} (one row per {@code dlab discover}: the question,
 * the settings and the chosen PRIM box's statistics), {@code discovery_boxes} (the box's limits
 * per restricted uncertainty), {@code discovery_tradeoff} (the peeling trajectory) and
 * {@code discovery_scores} (feature scores per outcome). Tables are created on first save, so
 * stores written before them stay valid and read as having no discoveries.
 */
public final class DiscoveryTables {
    private DiscoveryTables() {}

    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS discoveries (id INTEGER PRIMARY KEY, created_at VARCHAR, outcome VARCHAR, condition VARCHAR, "
                    + "policy VARCHAR, versus VARCHAR, cases INTEGER, runs INTEGER, alpha DOUBLE, min_mass DOUBLE, min_density DOUBLE, "
                    + "box INTEGER, pasted BOOLEAN, coverage DOUBLE, density DOUBLE, mass DOUBLE, restricted INTEGER, resamples INTEGER, "
                    + "resampled_coverage DOUBLE, resampled_density DOUBLE)",
            "CREATE TABLE IF NOT EXISTS discovery_boxes (discovery INTEGER, uncertainty VARCHAR, lower DOUBLE, upper DOUBLE, "
                    + "lower_restricted BOOLEAN, upper_restricted BOOLEAN, quasi_p DOUBLE, resampled_share DOUBLE, data_low DOUBLE, data_high DOUBLE)",
            "CREATE TABLE IF NOT EXISTS discovery_tradeoff (discovery INTEGER, box INTEGER, coverage DOUBLE, density DOUBLE, mass DOUBLE, restricted INTEGER)",
            "CREATE TABLE IF NOT EXISTS discovery_scores (discovery INTEGER, outcome VARCHAR, uncertainty VARCHAR, importance DOUBLE, sd DOUBLE)");

    /** One restricted uncertainty; {@code resampledShare} is NaN when stability was not measured. */
    public record Limit(String uncertainty, double lower, double upper, boolean lowerRestricted, boolean upperRestricted, double quasiP,
            double resampledShare, double dataLow, double dataHigh) {}

    /** One box of the peeling trajectory. */
    public record Point(int box, double coverage, double density, double mass, int restricted) {}

    /** One feature score of one outcome. */
    public record Score(String outcome, String uncertainty, double importance, double sd) {}

    /**
     * A discovery. {@code policy} and {@code versus} are null when not given; {@code id} is
     * assigned on save.
     */
    public record Saved(int id, String createdAt, String outcome, String condition, String policy, String versus, int cases, int runs,
            double alpha, double minMass, double minDensity, int box, boolean pasted, double coverage, double density, double mass,
            int resamples, double resampledCoverage, double resampledDensity, List<Limit> limits, List<Point> tradeoff, List<Score> scores) {
        public Saved {
            limits = List.copyOf(limits);
            tradeoff = List.copyOf(tradeoff);
            scores = List.copyOf(scores);
        }

        /** The question in words, e.g. {@code (P war)[act - wait] > 0}. */
        public String question() {
            String o = versus == null ? outcome : "(" + outcome + ")[" + policy + " - " + versus + "]";
            return o + " " + condition + (policy != null && versus == null ? " under " + policy : "");
        }
    }

    /** Saves a discovery in one transaction and returns its id. */
    public static int save(Path db, Saved d) {
        try (Connection c = ResultsStore.openForUpdate(db)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : SCHEMA) st.execute(sql);
                int id;
                try (ResultSet r = st.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM discoveries")) {
                    r.next();
                    id = r.getInt(1);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO discoveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Object[] v = {id, d.createdAt(), d.outcome(), d.condition(), d.policy(), d.versus(), d.cases(), d.runs(), d.alpha(), d.minMass(),
                        d.minDensity(), d.box(), d.pasted(), d.coverage(), d.density(), d.mass(), d.limits().size(), d.resamples(),
                        d.resampledCoverage(), d.resampledDensity()};
                    bind(ps, v);
                    ps.execute();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO discovery_boxes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Limit l : d.limits()) {
                        bind(ps, new Object[] {id, l.uncertainty(), l.lower(), l.upper(), l.lowerRestricted(), l.upperRestricted(), l.quasiP(),
                            l.resampledShare(), l.dataLow(), l.dataHigh()});
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO discovery_tradeoff VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Point p : d.tradeoff()) {
                        bind(ps, new Object[] {id, p.box(), p.coverage(), p.density(), p.mass(), p.restricted()});
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO discovery_scores VALUES (?, ?, ?, ?, ?)")) {
                    for (Score s : d.scores()) {
                        bind(ps, new Object[] {id, s.outcome(), s.uncertainty(), s.importance(), s.sd()});
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                return id;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot save the discovery: " + ResultsStore.firstLine(e.getMessage()));
        }
    }

    private static void bind(PreparedStatement ps, Object[] v) throws SQLException {
        for (int i = 0; i < v.length; i++) {
            Object o = v[i];
            // DuckDB stores NaN, but the report's JSON cannot carry it: NULL means "no value" in every reader
            if (o instanceof Double x && !Double.isFinite(x)) o = null;
            ps.setObject(i + 1, o);
        }
    }

    /** Every saved discovery, oldest first; empty for a store without discovery tables. */
    public static List<Saved> read(Statement st) throws SQLException {
        List<Saved> out = new ArrayList<>();
        try (ResultSet r = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'discoveries'")) {
            if (!r.next() || r.getLong(1) == 0) return out;
        }
        List<Object[]> heads = new ArrayList<>();
        try (ResultSet r = st.executeQuery("SELECT id, created_at, outcome, condition, policy, versus, cases, runs, alpha, min_mass, min_density, "
                + "box, pasted, coverage, density, mass, resamples, resampled_coverage, resampled_density FROM discoveries ORDER BY id")) {
            while (r.next()) {
                heads.add(new Object[] {r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getInt(7),
                    r.getInt(8), d(r, 9), d(r, 10), d(r, 11), r.getInt(12), r.getBoolean(13), d(r, 14), d(r, 15), d(r, 16), r.getInt(17), d(r, 18), d(r, 19)});
            }
        }
        for (Object[] h : heads) {
            int id = (Integer) h[0];
            List<Limit> limits = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT uncertainty, lower, upper, lower_restricted, upper_restricted, quasi_p, resampled_share, data_low, "
                    + "data_high FROM discovery_boxes WHERE discovery = " + id + " ORDER BY quasi_p NULLS LAST, uncertainty")) {
                while (r.next()) {
                    limits.add(new Limit(r.getString(1), d(r, 2), d(r, 3), r.getBoolean(4), r.getBoolean(5), d(r, 6), d(r, 7), d(r, 8), d(r, 9)));
                }
            }
            List<Point> points = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT box, coverage, density, mass, restricted FROM discovery_tradeoff WHERE discovery = " + id + " ORDER BY box")) {
                while (r.next()) points.add(new Point(r.getInt(1), d(r, 2), d(r, 3), d(r, 4), r.getInt(5)));
            }
            List<Score> scores = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT outcome, uncertainty, importance, sd FROM discovery_scores WHERE discovery = " + id
                    + " ORDER BY outcome, importance DESC")) {
                while (r.next()) scores.add(new Score(r.getString(1), r.getString(2), d(r, 3), d(r, 4)));
            }
            out.add(new Saved(id, (String) h[1], (String) h[2], (String) h[3], (String) h[4], (String) h[5], (Integer) h[6], (Integer) h[7],
                    (Double) h[8], (Double) h[9], (Double) h[10], (Integer) h[11], (Boolean) h[12], (Double) h[13], (Double) h[14], (Double) h[15],
                    (Integer) h[16], (Double) h[17], (Double) h[18], limits, points, scores));
        }
        return out;
    }

    private static double d(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() ? Double.NaN : v;
    }
}
