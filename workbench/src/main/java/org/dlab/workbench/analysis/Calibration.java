package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.List;
import org.dlab.workbench.sample.LatinHypercubeSampler;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;

/**
 * Calibration: fit chosen parameters of a model to observed series by minimizing a weighted sum
 * of squared errors, the negative of Vensim's calibration payoff (Vensim Reference Manual,
 * "Payoff definition"), with a derivative-free optimizer, and report approximate confidence
 * bounds.
 *
 * <p>Optimizers (Hipparchus): BOBYQA (Powell 2009, Cambridge report DAMTP 2009/NA06), bound
 * constrained, for two or more parameters; Nelder-Mead (Nelder and Mead 1965, Comput. J. 7) with
 * the parameters clamped to their bounds; one parameter always uses Brent's method (Brent 1973,
 * ch. 5). The search runs in the unit cube of the parameter ranges so one trust radius fits all
 * parameters. Extra starting points come from the workbench's Latin hypercube sampler.
 *
 * <p>Bounds: the payoff's Hessian H at the optimum by central differences; near the optimum
 * H ≈ 2 Jᵀ W J (Gauss-Newton), so the covariance is 2 s² H⁻¹ with s² = payoff / (n - p) when
 * the weights are relative, or 2 H⁻¹ when they are inverse variances (Bates and Watts 1988,
 * Nonlinear Regression Analysis, section 2.3); bounds are estimate ± t(n - p) × standard error.
 * They are linearized bounds: good near a well-determined optimum, optimistic when the payoff
 * is far from quadratic. The Hessian steps may evaluate the model slightly outside the bounds.
 *
 * <p>Cost: the evaluations the optimizer takes per start (each one model run), plus 2p² + 1 runs for the Hessian.
 */
public final class Calibration {
    private Calibration() {}

    public record Parameter(String name, double lower, double upper, double initial) {
        public Parameter {
            if (!(lower < upper) || initial < lower || initial > upper) throw new IllegalArgumentException(name + ": need lower <= initial <= upper, lower < upper");
        }
    }

    /** The model: simulated values for every series, aligned point by point with the data. */
    @FunctionalInterface
    public interface Model {
        double[][] run(double[] parameters);
    }

    /** An observed series; a NaN datum (a gap) is skipped; weights default to 1. */
    public record Series(String name, double[] data, double[] weights) {
        public Series {
            data = data.clone();
            weights = weights == null ? null : weights.clone();
            if (weights != null && weights.length != data.length) throw new IllegalArgumentException(name + ": one weight per datum");
        }

        public double weight(int t) {
            return weights == null ? 1 : weights[t];
        }
    }

    public enum Method { BOBYQA, NELDER_MEAD }

    /**
     * @param starts starting points: the parameters' initial values, then Latin hypercube points
     * @param inverseVarianceWeights whether the weights are 1 / variance of each datum's error
     */
    public record Options(Method method, int maxEvaluations, int starts, long seed, double level, boolean inverseVarianceWeights) {
        public static Options defaults() {
            return new Options(Method.BOBYQA, 5000, 1, 1L, 0.95, false);
        }
    }

    /**
     * The fit. Standard errors and bounds are NaN when the Hessian is not positive definite (a
     * parameter the data do not determine, or an optimum on a bound). {@code budgetReached}: some
     * start ran out of evaluations before converging; its best point so far was used.
     */
    public record Fit(List<String> names, double[] estimate, double[] standardError, double[] lower, double[] upper, double payoff,
            int dataPoints, double residualVariance, double[][] covariance, int evaluations, boolean budgetReached) {
        public Fit {
            names = List.copyOf(names);
            estimate = estimate.clone();
            standardError = standardError.clone();
            lower = lower.clone();
            upper = upper.clone();
            covariance = deep(covariance);
        }

        @Override
        public double[] estimate() {
            return estimate.clone();
        }

        @Override
        public double[] standardError() {
            return standardError.clone();
        }

        @Override
        public double[] lower() {
            return lower.clone();
        }

        @Override
        public double[] upper() {
            return upper.clone();
        }

        @Override
        public double[][] covariance() {
            return deep(covariance);
        }

        public double estimate(String name) {
            return estimate[names.indexOf(name)];
        }

        public double standardError(String name) {
            return standardError[names.indexOf(name)];
        }

        private static double[][] deep(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
            return c;
        }
    }

    /** The payoff to minimize: sum over series and points of weight × (simulated - observed)². */
    public static double payoff(double[][] simulated, List<Series> data) {
        if (simulated.length != data.size()) throw new IllegalArgumentException("model returned " + simulated.length + " series, data has " + data.size());
        double s = 0;
        for (int k = 0; k < data.size(); k++) {
            Series d = data.get(k);
            double[] sim = simulated[k];
            if (sim.length != d.data().length) throw new IllegalArgumentException(d.name() + ": model gives " + sim.length + " points, data " + d.data().length);
            for (int t = 0; t < sim.length; t++) {
                double obs = d.data()[t];
                if (Double.isNaN(obs)) continue;
                double e = sim[t] - obs;
                s += d.weight(t) * e * e;
            }
        }
        return Double.isNaN(s) ? Double.POSITIVE_INFINITY : s;
    }

    public static Fit fit(List<Parameter> params, Model model, List<Series> data, Options options) {
        int p = params.size();
        if (p == 0) throw new IllegalArgumentException("no parameters to fit");
        double[] lo = new double[p];
        double[] range = new double[p];
        for (int i = 0; i < p; i++) {
            lo[i] = params.get(i).lower();
            range[i] = params.get(i).upper() - lo[i];
        }
        int[] evals = {0};
        java.util.function.ToDoubleFunction<double[]> f = u -> {
            evals[0]++;
            double[] theta = new double[p];
            for (int i = 0; i < p; i++) theta[i] = lo[i] + Math.max(0, Math.min(1, u[i])) * range[i];
            return payoff(model.run(theta), data);
        };
        double[] bestU = null;
        double best = Double.POSITIVE_INFINITY;
        boolean[] budgetReached = {false};
        LatinHypercubeSampler lhs = options.starts() > 1 ? new LatinHypercubeSampler(options.starts() - 1, p, options.seed()) : null;
        for (int s = 0; s < options.starts(); s++) {
            double[] u0 = new double[p];
            if (s == 0) for (int i = 0; i < p; i++) u0[i] = (params.get(i).initial() - lo[i]) / range[i];
            else lhs.point(s - 1, u0);
            double[] u = minimize(f, u0, options, budgetReached);
            double v = f.applyAsDouble(u);
            if (v < best) {
                best = v;
                bestU = u;
            }
        }
        double[] theta = new double[p];
        for (int i = 0; i < p; i++) theta[i] = lo[i] + bestU[i] * range[i];
        int n = 0;
        for (Series d : data) for (double v : d.data()) if (!Double.isNaN(v)) n++;
        double s2 = n > p ? best / (n - p) : Double.NaN;
        double[][] cov = covariance(model, data, theta, range, best, options.inverseVarianceWeights() ? 1 : s2);
        double[] se = new double[p];
        double[] low = new double[p];
        double[] high = new double[p];
        double tq = n > p ? new TDistribution(n - p).inverseCumulativeProbability((1 + options.level()) / 2) : Double.NaN;
        for (int i = 0; i < p; i++) {
            se[i] = cov == null ? Double.NaN : Math.sqrt(cov[i][i]);
            low[i] = theta[i] - tq * se[i];
            high[i] = theta[i] + tq * se[i];
        }
        if (cov == null) {
            cov = new double[p][p];
            for (double[] row : cov) java.util.Arrays.fill(row, Double.NaN);
        }
        List<String> names = new ArrayList<>();
        for (Parameter q : params) names.add(q.name());
        return new Fit(names, theta, se, low, high, best, n, s2, cov, evals[0], budgetReached[0]);
    }

    /**
     * Minimizes f over the unit cube from u0; returns the best point. A start that uses up its
     * evaluations returns the best point it evaluated (the user's budget, not a fault) and says so.
     */
    private static double[] minimize(java.util.function.ToDoubleFunction<double[]> f, double[] u0, Options options, boolean[] budgetReached) {
        double[] bestSeen = u0.clone();
        double[] bestValue = {Double.POSITIVE_INFINITY};
        java.util.function.ToDoubleFunction<double[]> recorded = u -> {
            double v = f.applyAsDouble(u);
            if (v < bestValue[0]) {
                bestValue[0] = v;
                System.arraycopy(u, 0, bestSeen, 0, bestSeen.length);
            }
            return v;
        };
        try {
            return minimizeWithin(recorded, u0, options);
        } catch (org.hipparchus.exception.MathIllegalStateException budget) {
            budgetReached[0] = true;
            for (int i = 0; i < bestSeen.length; i++) bestSeen[i] = Math.max(0, Math.min(1, bestSeen[i]));
            return bestSeen;
        }
    }

    private static double[] minimizeWithin(java.util.function.ToDoubleFunction<double[]> f, double[] u0, Options options) {
        int p = u0.length;
        if (p == 1) {
            UnivariatePointValuePair r = new BrentOptimizer(1e-10, 1e-14).optimize(new MaxEval(options.maxEvaluations()),
                    new UnivariateObjectiveFunction(x -> f.applyAsDouble(new double[] {x})), GoalType.MINIMIZE, new SearchInterval(0, 1, u0[0]));
            return new double[] {r.getPoint()};
        }
        PointValuePair r;
        if (options.method() == Method.BOBYQA) {
            // the initial trust radius must fit inside the unit box twice over (BOBYQA's rule)
            double[] start = u0.clone();
            for (int i = 0; i < p; i++) start[i] = Math.max(0, Math.min(1, start[i]));
            r = new BOBYQAOptimizer(2 * p + 1, 0.1, 1e-9).optimize(new MaxEval(options.maxEvaluations()), new ObjectiveFunction(f::applyAsDouble),
                    GoalType.MINIMIZE, new InitialGuess(start), new SimpleBounds(new double[p], ones(p)));
        } else {
            r = new SimplexOptimizer(1e-12, 1e-14).optimize(new MaxEval(options.maxEvaluations()), new ObjectiveFunction(f::applyAsDouble),
                    GoalType.MINIMIZE, new InitialGuess(u0), new NelderMeadSimplex(p, 0.1));
        }
        double[] u = r.getPoint();
        for (int i = 0; i < p; i++) u[i] = Math.max(0, Math.min(1, u[i]));
        return u;
    }

    private static double[] ones(int p) {
        double[] a = new double[p];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /**
     * 2 sigma² H⁻¹ in parameter units, H by central differences with steps of 1e-4 of each range
     * (second differences of a smooth payoff lose about half the digits, so the step balances
     * truncation against rounding); null when H is not positive definite.
     */
    private static double[][] covariance(Model model, List<Series> data, double[] theta, double[] range, double f0, double sigma2) {
        int p = theta.length;
        double[] h = new double[p];
        for (int i = 0; i < p; i++) h[i] = 1e-4 * range[i];
        double[][] hess = new double[p][p];
        for (int i = 0; i < p; i++) {
            double fp = at(model, data, theta, i, h[i], -1, 0);
            double fm = at(model, data, theta, i, -h[i], -1, 0);
            hess[i][i] = (fp - 2 * f0 + fm) / (h[i] * h[i]);
            for (int j = 0; j < i; j++) {
                double fpp = at(model, data, theta, i, h[i], j, h[j]);
                double fpm = at(model, data, theta, i, h[i], j, -h[j]);
                double fmp = at(model, data, theta, i, -h[i], j, h[j]);
                double fmm = at(model, data, theta, i, -h[i], j, -h[j]);
                hess[i][j] = hess[j][i] = (fpp - fpm - fmp + fmm) / (4 * h[i] * h[j]);
            }
        }
        try {
            RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(hess), 1e-12, 1e-14).getSolver().getInverse();
            double[][] c = inv.scalarMultiply(2 * sigma2).getData();
            return c;
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
    }

    private static double at(Model model, List<Series> data, double[] theta, int i, double di, int j, double dj) {
        double[] t = theta.clone();
        t[i] += di;
        if (j >= 0) t[j] += dj;
        return payoff(model.run(t), data);
    }
}
