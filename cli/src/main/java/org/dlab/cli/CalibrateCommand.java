package org.dlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.run.Model;
import org.dlab.workbench.analysis.Calibration;
import org.dlab.workbench.calibrate.CalibrationSpec;
import org.dlab.workbench.calibrate.ModelCalibration;
import org.dlab.workbench.calibrate.ObservedData;
import org.dlab.workbench.store.CalibrationTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dlab calibrate MODEL --data FILE --params FILE.yaml}: fits the calibration file's
 * parameters to observed series (weighted sum of squared errors, derivative-free) and prints the
 * estimates with confidence bounds and the fit per series before and after.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fit chosen constants of a model to observed series: minimize the weighted sum of squared errors (Vensim's payoff) with BOBYQA "
            + "or Nelder-Mead, then print each parameter's estimate with its standard error and confidence bounds, and per series SSE, RMSE, MAPE "
            + "and R-squared at the initial values and at the fit."})
final class CalibrateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file (.mdl or XMILE)")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "observed series: Time column + one column per series, or the layout the calibration file's data: section names")
    Path data;

    @Option(names = "--params", required = true, paramLabel = "FILE.yaml", description = "calibration file: parameters (name, low, high, initial), series, time, constants, optimizer")
    Path params;

    @Option(names = "--method", paramLabel = "bobyqa|nelder-mead", description = "optimizer (default: the calibration file's, else bobyqa)")
    String method;

    @Option(names = "--starts", paramLabel = "N", description = "starting points: the initial values, then Latin hypercube points (default: the file's, else 3; at most "
            + CalibrationSpec.MAX_STARTS + ")")
    Integer starts;

    @Option(names = "--max-evaluations", paramLabel = "N", description = "model runs per start, at most (default: the file's, else 5000; at most " + CalibrationSpec.MAX_EVALUATIONS + ")")
    Integer maxEvaluations;

    @Option(names = "--level", paramLabel = "L", description = "confidence level of the bounds (default 0.95)")
    Double level;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the extra starting points (default 1)")
    Long seed;

    @Mixin StoreOptions storeOptions = new StoreOptions();

    @Mixin QuietOption quietOption = new QuietOption();

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** A line on stderr every few seconds while the fit runs: runs so far and time (the total depends on the optimizer). */
    private static Thread progress(ModelCalibration cal) {
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5000);
                    System.err.printf(Locale.ROOT, "calibrate: %d runs, %.0f s%n", cal.runs(), (System.nanoTime() - t0) / 1e9);
                }
            } catch (InterruptedException done) {
                // the fit finished
            }
        }, "dlab-calibrate-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(model)) throw new UserInputException(model + ": no such model file");
        if (!Files.isRegularFile(data)) throw new UserInputException(data + ": no such data file");
        if (starts != null && (starts < 1 || starts > CalibrationSpec.MAX_STARTS)) throw new UserInputException("--starts must be from 1 to " + CalibrationSpec.MAX_STARTS);
        if (maxEvaluations != null && (maxEvaluations < 10 || maxEvaluations > CalibrationSpec.MAX_EVALUATIONS)) {
            throw new UserInputException("--max-evaluations must be from 10 to " + CalibrationSpec.MAX_EVALUATIONS);
        }
        if (level != null && !(level > 0 && level < 1)) throw new UserInputException("--level must be between 0 and 1, e.g. 0.95");
        Path db = storeOptions.db;
        if (db != null && Files.exists(db) && !storeOptions.overwrite) throw new UserInputException(db + " already exists; replace it with --overwrite");
        CalibrationSpec cs = CalibrationSpec.parse(params);
        Calibration.Options o = cs.optimizer();
        Calibration.Method m = method == null ? o.method() : CalibrationSpec.method(method, new Pos("--method", 0, 0));
        o = new Calibration.Options(m, maxEvaluations == null ? o.maxEvaluations() : maxEvaluations, starts == null ? o.starts() : starts,
                seed == null ? o.seed() : seed, level == null ? o.level() : level, o.inverseVarianceWeights());
        List<ObservedData.Series> observed = ObservedData.read(data, cs);
        Model compiled = ModelLoader.load(model);
        ModelOptions.printWarnings(compiled, spec.commandLine().getErr());
        ModelCalibration cal = new ModelCalibration(compiled, cs, observed);
        int points = observed.stream().mapToInt(ObservedData.Series::points).sum();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: fitting %d parameter%s to %d series (%d points) of %s; %s, %d start%s, at most %d runs each%n", model,
                cs.parameters().size(), cs.parameters().size() == 1 ? "" : "s", observed.size(), points, data, m.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                o.starts(), o.starts() == 1 ? "" : "s", o.maxEvaluations());
        out.flush();
        long t0 = System.nanoTime();
        Thread shown = quietOption.quiet ? null : progress(cal);
        ModelCalibration.Result r;
        try {
            r = cal.fit(o);
        } finally {
            if (shown != null) shown.interrupt();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        print(out, r, o.level(), secs);
        if (db != null) {
            CalibrationTables.write(db, r, CalibrationTables.provenance(model, data, params, o, r), storeOptions.overwrite);
            out.println("stored in " + db + " (tables calibration_parameters, calibration_fit, calibration_series)");
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, ModelCalibration.Result r, double level, double secs) {
        Calibration.Fit f = r.fit();
        out.printf(Locale.ROOT, "payoff (weighted sum of squared errors): %.6g at the initial values, %.6g fitted; %d runs in %.1f s; residual sd %.4g%n",
                r.initialPayoff(), f.payoff(), f.evaluations(), secs, Math.sqrt(f.residualVariance()));
        if (f.budgetReached()) {
            out.println("note: the evaluation budget (--max-evaluations) ran out before the search converged; the best point found is shown");
        }
        int w = "parameter".length();
        for (String n : f.names()) w = Math.max(w, n.length());
        String pct = String.format(Locale.ROOT, "%.0f%%", 100 * level);
        out.printf(Locale.ROOT, "%-" + w + "s %11s %11s %11s %11s %11s   %s%n", "parameter", "initial", "estimate", "std error", pct + " low", pct + " high", "range");
        boolean undetermined = false;
        for (int i = 0; i < f.names().size(); i++) {
            CalibrationSpec.Parameter p = r.parameters().get(i);
            double est = f.estimate()[i];
            boolean atBound = Math.abs(est - p.low()) < 1e-6 * (p.high() - p.low()) || Math.abs(est - p.high()) < 1e-6 * (p.high() - p.low());
            undetermined |= Double.isNaN(f.standardError()[i]);
            out.printf(Locale.ROOT, "%-" + w + "s %11.5g %11.5g %11.4g %11.5g %11.5g   [%s, %s]%s%n", f.names().get(i), p.initial(), est, f.standardError()[i],
                    f.lower()[i], f.upper()[i], num(p.low()), num(p.high()), atBound ? " at a bound" : "");
        }
        if (undetermined) out.println("(NaN bounds: the payoff is not locally quadratic there, e.g. a parameter the data do not determine or one at a bound)");
        out.printf(Locale.ROOT, "%-30s %6s %12s %12s %8s %8s %s%n", "series", "points", "SSE", "RMSE", "MAPE", "R2", "  (initial: SSE, MAPE, R2)");
        for (int k = 0; k < r.fitted().size(); k++) {
            ModelCalibration.SeriesFit s = r.fitted().get(k);
            ModelCalibration.SeriesFit b = r.initial().get(k);
            out.printf(Locale.ROOT, "%-30s %6d %12.5g %12.5g %7.2f%% %8.4f   (%.5g, %.2f%%, %.4f)%n", s.variable(), s.points(), s.sse(), s.rmse(), 100 * s.mape(), s.r2(),
                    b.sse(), 100 * b.mape(), b.r2());
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
