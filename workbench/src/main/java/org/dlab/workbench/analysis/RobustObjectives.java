package org.dlab.workbench.analysis;

import java.util.Arrays;
import java.util.List;
import org.dlab.workbench.study.Study.Kind;

/**
 * Robust search (many-objective robust decision making, Kasprzyk et al. 2013, Environ. Model.
 * Softw. 42; robust optimization in EMA Workbench, Kwakkel 2017): turns a model run in one future
 * into a {@link MultiObjective.Model} whose objectives are robustness statistics of a policy over
 * a fixed sample of futures. Statistics (Kwakkel, Eker and Pruyt 2016; see {@link Robustness}):
 * mean, a percentile, the satisficing share of futures meeting a threshold, and the
 * signal-to-noise ratio. Regret is absent on purpose: it needs the other policies in each future,
 * which a search evaluating one candidate at a time does not have.
 *
 * <p>Cost: one model run per future per candidate; a search of E evaluations over F futures makes
 * E F runs, so F is usually 50 to 500.
 */
public final class RobustObjectives {
    private RobustObjectives() {}

    public enum Statistic { MEAN, PERCENTILE, SATISFICING, SIGNAL_TO_NOISE }

    /**
     * One objective: {@code statistic} of outcome number {@code outcome} over the futures.
     *
     * @param kind the outcome's direction; the objective's own direction follows ({@link #direction})
     * @param arg the percentile level in [0, 1] for PERCENTILE, the threshold for SATISFICING
     */
    public record Objective(String name, int outcome, Kind kind, Statistic statistic, double arg) {
        public Objective {
            if (kind == Kind.INFO) throw new IllegalArgumentException(name + ": a robust objective needs a direction");
        }

        /** The direction to optimize this statistic in: satisficing shares are maximized, the rest follow the outcome. */
        public Kind direction() {
            return statistic == Statistic.SATISFICING ? Kind.MAXIMIZE : kind;
        }
    }

    /** One run: fills the outcomes of the policy {@code levers} in the future {@code future}. */
    @FunctionalInterface
    public interface FutureModel {
        void run(double[] levers, double[] future, double[] outcomes);
    }

    /** The directions of the objectives, for {@link MultiObjective.Problem}. */
    public static List<Kind> kinds(List<Objective> objectives) {
        return objectives.stream().map(Objective::direction).toList();
    }

    /**
     * A search model over {@code futures[future][uncertainty]} with {@code outcomes} outcomes per
     * run. Constraints, if the problem has any, are left at 0 (met); wrap the returned model to add them.
     */
    public static MultiObjective.Model over(double[][] futures, int outcomes, FutureModel model, List<Objective> objectives) {
        double[][] fs = new double[futures.length][];
        for (int i = 0; i < futures.length; i++) fs[i] = futures[i].clone();
        List<Objective> objs = List.copyOf(objectives);
        return (levers, f, c) -> {
            double[][] values = new double[outcomes][fs.length];
            double[] out = new double[outcomes];
            for (int k = 0; k < fs.length; k++) {
                Arrays.fill(out, Double.NaN);
                model.run(levers, fs[k], out);
                for (int o = 0; o < outcomes; o++) values[o][k] = out[o];
            }
            for (int j = 0; j < objs.size(); j++) f[j] = statistic(objs.get(j), values[objs.get(j).outcome()]);
        };
    }

    /** The objective's statistic of one outcome's values over the futures. */
    public static double statistic(Objective o, double[] v) {
        switch (o.statistic()) {
            case MEAN:
                return Stats.mean(v);
            case PERCENTILE:
                return Stats.quantile(v, o.arg());
            case SATISFICING: {
                int met = 0;
                for (double x : v) if (o.kind() == Kind.MINIMIZE ? x <= o.arg() : x >= o.arg()) met++;
                return met / (double) v.length;
            }
            default: {
                double m = Stats.mean(v);
                double ss = 0;
                for (double x : v) ss += (x - m) * (x - m);
                double sd = Math.sqrt(ss / v.length);
                return o.kind() == Kind.MAXIMIZE ? m / sd : m * sd;
            }
        }
    }
}
