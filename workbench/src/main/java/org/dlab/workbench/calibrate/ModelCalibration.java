package org.dlab.workbench.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ResultSink;
import org.dlab.engine.run.Run;
import org.dlab.workbench.analysis.Calibration;

/**
 * Calibration of a model to observed series ({@code dlab calibrate}): the parameters of a
 * {@link CalibrationSpec} fitted by {@link Calibration} (weighted sum of squared errors, Vensim's
 * payoff; BOBYQA or Nelder-Mead; linearized confidence bounds), the model simulated with the spec's
 * time and constants, its variables read at the observed times (linear interpolation between saved
 * rows), and the fit reported per series before and after: SSE, RMSE, MAPE and R² (1 - SSE/SST
 * about the observed mean).
 */
public final class ModelCalibration {
    /** The fit of one series: unweighted statistics over its observed points, and both curves at those points. */
    public record SeriesFit(String variable, int points, double sse, double rmse, double mape, double r2, double[] times, double[] observed,
            double[] simulated) {}

    /** The result: the parameter estimates with bounds, and the fit per series at the initial values and at the estimate. */
    public record Result(List<CalibrationSpec.Parameter> parameters, Calibration.Fit fit, List<SeriesFit> initial, List<SeriesFit> fitted, double initialPayoff) {
        public Result {
            parameters = List.copyOf(parameters);
            initial = List.copyOf(initial);
            fitted = List.copyOf(fitted);
        }
    }

    private final Model model;
    private final CalibrationSpec spec;
    private final List<ObservedData.Series> data;
    private final int[] paramSlots;
    private final int[] seriesSlots;
    private final Run run;
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();

    public ModelCalibration(Model model, CalibrationSpec spec, List<ObservedData.Series> data) {
        if (data.isEmpty()) throw new ModelException(new Pos(spec.file().toString(), 1, 1), "no observed series to fit");
        this.model = model;
        this.spec = spec;
        this.data = List.copyOf(data);
        run = model.newRun();
        paramSlots = new int[spec.parameters().size()];
        for (int i = 0; i < paramSlots.length; i++) {
            CalibrationSpec.Parameter p = spec.parameters().get(i);
            ScalarVar v = model.variable(p.name());
            if (v == null) throw new ModelException(p.pos(), "no constant '" + p.name() + "' in the model");
            if (!model.plan().settable(v)) throw new ModelException(p.pos(), "'" + p.name() + "' is computed every step; a parameter must be a constant");
            paramSlots[i] = model.plan().slot(v);
        }
        seriesSlots = new int[data.size()];
        for (int k = 0; k < seriesSlots.length; k++) {
            ObservedData.Series s = data.get(k);
            seriesSlots[k] = model.slotOf(s.variable());
            if (seriesSlots[k] < 0) {
                Pos at = spec.series().stream().filter(m -> m.variable().equals(s.variable())).map(CalibrationSpec.SeriesMap::pos).findFirst().orElse(Pos.NONE);
                throw new ModelException(at == Pos.NONE ? new Pos(spec.file().toString(), 1, 1) : at, "no variable '" + s.variable() + "' in the model to compare with the data");
            }
        }
        for (String c : spec.constants().keySet()) {
            if (model.variable(c) == null) throw new ModelException(new Pos(spec.file().toString(), 1, 1), "constants: no constant '" + c + "' in the model");
        }
        // a first run at the initial values: names and the time span are checked before any search
        double[] init = spec.parameters().stream().mapToDouble(CalibrationSpec.Parameter::initial).toArray();
        configure(init);
        double[] span = {Double.NaN, Double.NaN};
        run.simulate((ResultSink) (t, s) -> {
            if (Double.isNaN(span[0])) span[0] = t;
            span[1] = t;
        });
        for (ObservedData.Series s : data) {
            for (int i = 0; i < s.times().length; i++) {
                if (Double.isNaN(s.values()[i])) continue;
                double t = s.times()[i];
                if (t < span[0] - 1e-9 || t > span[1] + 1e-9) {
                    throw new ModelException(new Pos(spec.file().toString(), 1, 1), "observed time " + t + " of '" + s.column() + "' is outside the run (" + span[0] + " to "
                            + span[1] + "); set time: in the calibration file or keep it out with data: {from: ..., to: ...}");
                }
            }
        }
    }

    private void configure(double[] theta) {
        run.reset();
        for (Map.Entry<String, Double> e : spec.time().entrySet()) run.set(e.getKey(), e.getValue());
        for (Map.Entry<String, Double> e : spec.constants().entrySet()) run.set(e.getKey(), e.getValue());
        for (int i = 0; i < theta.length; i++) run.setSlot(paramSlots[i], theta[i]);
    }

    /** The model's values of every series at its observed times, for parameter values {@code theta}; NaN where the run failed. */
    public double[][] simulate(double[] theta) {
        runs.incrementAndGet();
        configure(theta);
        List<double[]> rows = new ArrayList<>();
        try {
            run.simulate((ResultSink) (t, s) -> {
                double[] r = new double[1 + seriesSlots.length];
                r[0] = t;
                for (int k = 0; k < seriesSlots.length; k++) r[1 + k] = s[seriesSlots[k]];
                rows.add(r);
            });
        } catch (RuntimeException e) {
            // a parameter set the model cannot run is a bad fit, not a failed calibration
            double[][] nan = new double[data.size()][];
            for (int k = 0; k < nan.length; k++) {
                nan[k] = new double[data.get(k).times().length];
                Arrays.fill(nan[k], Double.NaN);
            }
            return nan;
        }
        double[][] out = new double[data.size()][];
        for (int k = 0; k < out.length; k++) {
            double[] ts = data.get(k).times();
            out[k] = new double[ts.length];
            for (int i = 0; i < ts.length; i++) out[k][i] = interpolate(rows, k + 1, ts[i]);
        }
        return out;
    }

    private static double interpolate(List<double[]> rows, int col, double t) {
        int lo = 0;
        int hi = rows.size() - 1;
        if (t <= rows.get(0)[0]) return rows.get(0)[col];
        if (t >= rows.get(hi)[0]) return rows.get(hi)[col];
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid)[0] <= t) lo = mid;
            else hi = mid;
        }
        double[] a = rows.get(lo);
        double[] b = rows.get(hi);
        return b[0] == a[0] ? b[col] : a[col] + (b[col] - a[col]) * (t - a[0]) / (b[0] - a[0]);
    }

    /** Fits the parameters with the spec's optimizer options. */
    public Result fit() {
        return fit(spec.optimizer());
    }

    public Result fit(Calibration.Options options) {
        List<Calibration.Parameter> params = new ArrayList<>();
        for (CalibrationSpec.Parameter p : spec.parameters()) params.add(new Calibration.Parameter(p.name(), p.low(), p.high(), p.initial()));
        List<Calibration.Series> series = new ArrayList<>();
        for (ObservedData.Series s : data) series.add(new Calibration.Series(s.variable(), s.values(), s.weights()));
        double[] init = spec.parameters().stream().mapToDouble(CalibrationSpec.Parameter::initial).toArray();
        double[][] before = simulate(init);
        double initialPayoff = Calibration.payoff(before, series);
        Calibration.Fit fit = Calibration.fit(params, this::simulate, series, options);
        return new Result(spec.parameters(), fit, statistics(before), statistics(simulate(fit.estimate())), initialPayoff);
    }

    List<SeriesFit> statistics(double[][] sim) {
        List<SeriesFit> out = new ArrayList<>();
        for (int k = 0; k < data.size(); k++) {
            ObservedData.Series s = data.get(k);
            double sum = 0;
            int n = 0;
            for (double v : s.values()) {
                if (Double.isNaN(v)) continue;
                sum += v;
                n++;
            }
            double mean = sum / n;
            double sse = 0;
            double sst = 0;
            double ape = 0;
            int nonzero = 0;
            for (int i = 0; i < s.values().length; i++) {
                double o = s.values()[i];
                if (Double.isNaN(o)) continue;
                double e = sim[k][i] - o;
                sse += e * e;
                sst += (o - mean) * (o - mean);
                if (o != 0) {
                    ape += Math.abs(e / o);
                    nonzero++;
                }
            }
            out.add(new SeriesFit(s.variable(), n, sse, Math.sqrt(sse / n), nonzero == 0 ? Double.NaN : ape / nonzero, sst > 0 ? 1 - sse / sst : Double.NaN,
                    s.times().clone(), s.values().clone(), sim[k].clone()));
        }
        return out;
    }

    /** Model runs so far (for progress from another thread). */
    public long runs() {
        return runs.get();
    }

    public Model model() {
        return model;
    }
}
