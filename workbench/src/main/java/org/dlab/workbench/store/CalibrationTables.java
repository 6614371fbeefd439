package org.dlab.workbench.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
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

    /** The fit's provenance: its three input files with the hashes of their bytes, the optimizer's settings and the fit's payoff. */
    public static Map<String, String> provenance(Path model, Path data, Path params, Calibration.Options o, ModelCalibration.Result r) {
        return Provenance.builder()
                .put("kind", "calibration")
                .file("model", model)
                .file("data", data)
                .file("params", params)
                .put("method", o.method().name().toLowerCase(Locale.ROOT))
                .put("starts", Integer.toString(o.starts()))
                .put("level", Double.toString(o.level()))
                .put("payoff", Double.toString(r.fit().payoff()))
                .put("evaluations", Integer.toString(r.fit().evaluations()))
                .dlabVersion()
                .finishedNow()
                .map();
    }

    public static void write(Path db, ModelCalibration.Result r, Map<String, String> provenance, boolean overwrite) {
        StoreFile.replace(db, overwrite, "the calibration", (c, st) -> {
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
            StoreFile.keyValues(c, st, "calibration_provenance", provenance);
        });
    }

    private static void set(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isFinite(v)) ps.setDouble(i, v);
        else ps.setObject(i, null);
    }
}
