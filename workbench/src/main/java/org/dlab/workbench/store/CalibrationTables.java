package org.dlab.workbench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.dlab.workbench.analysis.Calibration;
import org.dlab.workbench.calibrate.CalibrationSpec;
import org.dlab.workbench.calibrate.ModelCalibration;

/**
 * A calibration's results in one DuckDB file: {@code calibration_parameters} (name, range,
 * initial, estimate, standard error, bounds), {@code calibration_fit} (per series and stage
 * "initial"/"fitted": points, SSE, RMSE, MAPE, R²), {@code calibration_series} (per series and
 * time: observed, initial and fitted values) and {@code calibration_provenance}. Written whole to a
 * temporary file, then moved into place.
 */
public final class CalibrationTables {
    private CalibrationTables() {}

    public static void write(Path db, ModelCalibration.Result r, Map<String, String> provenance, boolean overwrite) {
        Path abs = db.toAbsolutePath();
        if (Files.exists(abs) && !overwrite) throw new StoreException(db.toString(), "already exists; replace it with --overwrite or name another with --db");
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new StoreException(db.toString(), "cannot create: no folder " + dir);
        Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + abs.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tmp); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("CREATE TABLE calibration_parameters (name VARCHAR, low DOUBLE, high DOUBLE, initial DOUBLE, estimate DOUBLE, std_error DOUBLE, "
                        + "lower_bound DOUBLE, upper_bound DOUBLE)");
                Calibration.Fit f = r.fit();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO calibration_parameters VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < r.parameters().size(); i++) {
                        CalibrationSpec.Parameter p = r.parameters().get(i);
                        ps.setString(1, p.name());
                        set(ps, 2, p.low());
                        set(ps, 3, p.high());
                        set(ps, 4, p.initial());
                        set(ps, 5, f.estimate()[i]);
                        set(ps, 6, f.standardError()[i]);
                        set(ps, 7, f.lower()[i]);
                        set(ps, 8, f.upper()[i]);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                st.execute("CREATE TABLE calibration_fit (variable VARCHAR, stage VARCHAR, points INTEGER, sse DOUBLE, rmse DOUBLE, mape DOUBLE, r2 DOUBLE)");
                st.execute("CREATE TABLE calibration_series (variable VARCHAR, time DOUBLE, observed DOUBLE, initial DOUBLE, fitted DOUBLE)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO calibration_fit VALUES (?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement ss = c.prepareStatement("INSERT INTO calibration_series VALUES (?, ?, ?, ?, ?)")) {
                    for (int k = 0; k < r.fitted().size(); k++) {
                        for (String stage : new String[] {"initial", "fitted"}) {
                            ModelCalibration.SeriesFit s = stage.equals("initial") ? r.initial().get(k) : r.fitted().get(k);
                            ps.setString(1, s.variable());
                            ps.setString(2, stage);
                            ps.setInt(3, s.points());
                            set(ps, 4, s.sse());
                            set(ps, 5, s.rmse());
                            set(ps, 6, s.mape());
                            set(ps, 7, s.r2());
                            ps.addBatch();
                        }
                        ModelCalibration.SeriesFit fit = r.fitted().get(k);
                        ModelCalibration.SeriesFit ini = r.initial().get(k);
                        for (int i = 0; i < fit.times().length; i++) {
                            ss.setString(1, fit.variable());
                            set(ss, 2, fit.times()[i]);
                            set(ss, 3, fit.observed()[i]);
                            set(ss, 4, ini.simulated()[i]);
                            set(ss, 5, fit.simulated()[i]);
                            ss.addBatch();
                        }
                    }
                    ps.executeBatch();
                    ss.executeBatch();
                }
                st.execute("CREATE TABLE calibration_provenance (key VARCHAR PRIMARY KEY, value VARCHAR)");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO calibration_provenance VALUES (?, ?)")) {
                    for (Map.Entry<String, String> e : provenance.entrySet()) {
                        ps.setString(1, e.getKey());
                        ps.setString(2, e.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException e) {
            throw new StoreException(db.toString(), "cannot write the calibration: " + ResultsStore.firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new StoreException(db.toString(), "cannot write the calibration: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(Path.of(tmp + ".wal"));
            } catch (IOException ignored) {
                // a leftover hidden temporary file is harmless; the next write replaces it
            }
        }
    }

    private static void set(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isFinite(v)) ps.setDouble(i, v);
        else ps.setObject(i, null);
    }
}
