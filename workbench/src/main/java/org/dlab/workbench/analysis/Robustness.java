package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlab.workbench.study.Study.Kind;

/**
 * Robustness of policies across futures: for each policy and outcome, the metrics compared by
 * Kwakkel, Eker and Pruyt (2016, "How robust is a robust policy?", in Robustness Analysis in
 * Decision Aiding, Springer, section 3) and McPhail et al. (2018, Earth's Future 6, Table 1):
 * <ul>
 *   <li>regret (Savage 1951): in each future, the distance to the best policy in that future
 *       (lowest value for a MINIMIZE outcome, highest for MAXIMIZE); reported as maximum, mean and
 *       percentiles over futures;
 *   <li>satisficing (Starr's domain criterion, Starr 1963): the share of futures meeting the
 *       outcome's threshold ({@code <=} for MINIMIZE, {@code >=} for MAXIMIZE), and per policy the
 *       share of futures meeting every threshold at once;
 *   <li>percentiles of the outcome over futures;
 *   <li>mean-variance as a signal-to-noise ratio (Hamarat et al. 2014, Technol. Forecast. Soc.
 *       Change 81): mean / sd for MAXIMIZE (higher is more robust), mean * sd for MINIMIZE (lower
 *       is more robust), with the population standard deviation as EMA Workbench computes it.
 * </ul>
 * INFO outcomes get percentiles, mean and sd only. Cost: O(P F log F) per outcome for P policies
 * and F futures (the sort for percentiles).
 */
public final class Robustness {
    private Robustness() {}

    /**
     * One outcome over the policy x future table.
     *
     * @param values {@code values[policy][future]}, every policy over the same futures
     * @param threshold NaN when the outcome has none
     */
    public record Outcome(String name, Kind kind, double[][] values, double threshold) {
        public Outcome {
            double[][] c = new double[values.length][];
            for (int p = 0; p < values.length; p++) c[p] = values[p].clone();
            values = c;
        }

        public boolean hasThreshold() {
            return !Double.isNaN(threshold);
        }
    }

    /**
     * Metrics of one policy on one outcome. Regret fields and signal-to-noise are NaN for INFO
     * outcomes; satisficing is NaN without a threshold.
     */
    public record Metrics(String outcome, double mean, double sd, double[] percentiles, double signalToNoise, double maxRegret,
            double meanRegret, double[] regretPercentiles, double satisficing) {
        public Metrics {
            percentiles = percentiles.clone();
            regretPercentiles = regretPercentiles.clone();
        }

        @Override
        public double[] percentiles() {
            return percentiles.clone();
        }

        @Override
        public double[] regretPercentiles() {
            return regretPercentiles.clone();
        }
    }

    /** A policy's row: its metrics per outcome and the share of futures meeting all thresholds. */
    public record PolicyRow(String policy, List<Metrics> metrics, double satisficingAll) {
        public PolicyRow {
            metrics = List.copyOf(metrics);
        }

        public Metrics of(String outcome) {
            for (Metrics m : metrics) if (m.outcome().equals(outcome)) return m;
            throw new IllegalArgumentException("no outcome " + outcome);
        }
    }

    /** The robustness table; {@code levels} are the percentile levels in [0, 1]. */
    public record Table(double[] levels, List<PolicyRow> rows) {
        public Table {
            levels = levels.clone();
            rows = List.copyOf(rows);
        }

        @Override
        public double[] levels() {
            return levels.clone();
        }

        public PolicyRow of(String policy) {
            for (PolicyRow r : rows) if (r.policy().equals(policy)) return r;
            throw new IllegalArgumentException("no policy " + policy);
        }
    }

    /** Percentile levels used when none are given: 10th, 50th and 90th. */
    public static final double[] DEFAULT_LEVELS = {0.1, 0.5, 0.9};

    public static Table evaluate(List<String> policies, List<Outcome> outcomes, double[] levels) {
        int np = policies.size();
        if (np == 0) throw new IllegalArgumentException("no policies");
        int futures = -1;
        for (Outcome o : outcomes) {
            if (o.values().length != np) throw new IllegalArgumentException(o.name() + " has " + o.values().length + " policies, expected " + np);
            for (double[] row : o.values()) {
                if (futures < 0) futures = row.length;
                if (row.length != futures || futures == 0) throw new IllegalArgumentException(o.name() + ": every policy needs the same, non-empty set of futures");
            }
        }
        List<List<Metrics>> perPolicy = new ArrayList<>();
        for (int p = 0; p < np; p++) perPolicy.add(new ArrayList<>());
        int[] meetsAll = new int[Math.max(futures, 0)];
        int withThreshold = 0;
        for (Outcome o : outcomes) {
            double[][] v = o.values();
            boolean directed = o.kind() != Kind.INFO;
            double[][] regret = directed ? regret(v, o.kind()) : null;
            boolean sat = directed && o.hasThreshold();
            if (sat) withThreshold++;
            for (int p = 0; p < np; p++) {
                double[] row = v[p];
                double mean = Stats.mean(row);
                double ss = 0;
                for (double x : row) ss += (x - mean) * (x - mean);
                double sd = Math.sqrt(ss / row.length);
                double[] sorted = row.clone();
                Arrays.sort(sorted);
                double[] pct = new double[levels.length];
                for (int i = 0; i < levels.length; i++) pct[i] = Stats.quantileSorted(sorted, levels[i]);
                double snr = Double.NaN;
                double maxR = Double.NaN;
                double meanR = Double.NaN;
                double[] rPct = new double[levels.length];
                Arrays.fill(rPct, Double.NaN);
                if (directed) {
                    snr = o.kind() == Kind.MAXIMIZE ? mean / sd : mean * sd;
                    double[] r = regret[p].clone();
                    Arrays.sort(r);
                    maxR = r[r.length - 1];
                    meanR = Stats.mean(r);
                    for (int i = 0; i < levels.length; i++) rPct[i] = Stats.quantileSorted(r, levels[i]);
                }
                double share = Double.NaN;
                if (sat) {
                    int met = 0;
                    for (int f = 0; f < row.length; f++) {
                        boolean ok = o.kind() == Kind.MINIMIZE ? row[f] <= o.threshold() : row[f] >= o.threshold();
                        if (ok) met++;
                    }
                    share = met / (double) row.length;
                }
                perPolicy.get(p).add(new Metrics(o.name(), mean, sd, pct, snr, maxR, meanR, rPct, share));
            }
        }
        List<PolicyRow> rows = new ArrayList<>();
        for (int p = 0; p < np; p++) {
            double all = Double.NaN;
            if (withThreshold > 0) {
                int met = 0;
                for (int f = 0; f < futures; f++) {
                    boolean ok = true;
                    for (Outcome o : outcomes) {
                        if (o.kind() == Kind.INFO || !o.hasThreshold()) continue;
                        double x = o.values()[p][f];
                        ok &= o.kind() == Kind.MINIMIZE ? x <= o.threshold() : x >= o.threshold();
                    }
                    if (ok) met++;
                }
                all = met / (double) futures;
            }
            rows.add(new PolicyRow(policies.get(p), perPolicy.get(p), all));
        }
        return new Table(levels, rows);
    }

    /** regret[policy][future] = |best in that future - value|, best by the outcome's direction. */
    static double[][] regret(double[][] v, Kind kind) {
        int np = v.length;
        int nf = v[0].length;
        double[][] r = new double[np][nf];
        for (int f = 0; f < nf; f++) {
            double best = v[0][f];
            for (int p = 1; p < np; p++) best = kind == Kind.MINIMIZE ? Math.min(best, v[p][f]) : Math.max(best, v[p][f]);
            for (int p = 0; p < np; p++) r[p][f] = Math.abs(best - v[p][f]);
        }
        return r;
    }
}
