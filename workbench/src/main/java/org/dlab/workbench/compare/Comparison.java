package org.dlab.workbench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;

/**
 * Policies side by side over the same futures. For each outcome and policy: the distribution of
 * the outcome (mean, median, 5th and 95th percentiles), the chance it lands beyond its
 * threshold, how often each policy beats each other in the same future, and the mean regret
 * (the distance to the best policy of each future). Futures where a run failed are left out of
 * the pairwise figures. A threshold never crossed ({@code first_above}/{@code first_below} with no
 * value) counts as later than any crossing when deciding who beats whom, and is reported as
 * P(never); regret, a distance, is taken over the futures where every policy crossed.
 */
public final class Comparison {
    /** The figures of one outcome; arrays are indexed by policy, {@code beats[a][b]} by pair. */
    public record OutcomeStats(Outcome outcome, int[] futures, double[] mean, double[] median, double[] p5, double[] p95,
            double[] beyond, double[] never, double[][] beats, double[] meanRegret, int paired) {
        /** Whether the outcome is the time of a first crossing (NaN meaning never). */
        public boolean crossing() {
            return outcome.reduce().op() == Op.FIRST_ABOVE || outcome.reduce().op() == Op.FIRST_BELOW;
        }
    }

    private final List<String> policies;
    private final List<OutcomeStats> stats;
    private final int[] failed;
    private final double[] feasible;
    private final boolean constrained;
    private final long scenarios;

    private Comparison(List<String> policies, List<OutcomeStats> stats, int[] failed, double[] feasible, boolean constrained, long scenarios) {
        this.policies = policies;
        this.stats = stats;
        this.failed = failed;
        this.feasible = feasible;
        this.constrained = constrained;
        this.scenarios = scenarios;
    }

    public List<OutcomeStats> stats() {
        return stats;
    }

    public int[] failed() {
        return failed.clone();
    }

    /**
     * Computes the comparison from a full scenario × policy design's results (run = scenario × P
     * + policy, as {@link org.dlab.workbench.sample.Design} numbers a full design).
     */
    public static Comparison of(List<String> policies, List<Outcome> outcomes, boolean constrained, long scenarios, MemorySink sink) {
        int np = policies.size();
        int[] failed = new int[np];
        double[] feasible = new double[np];
        for (long s = 0; s < scenarios; s++) {
            for (int p = 0; p < np; p++) {
                long run = s * np + p;
                if (!sink.ok(run)) failed[p]++;
                if (sink.feasible(run)) feasible[p]++;
            }
        }
        for (int p = 0; p < np; p++) feasible[p] /= scenarios;
        List<OutcomeStats> stats = new ArrayList<>();
        for (int o = 0; o < outcomes.size(); o++) stats.add(outcome(outcomes.get(o), o, np, scenarios, sink));
        return new Comparison(List.copyOf(policies), stats, failed, feasible, constrained, scenarios);
    }

    private static OutcomeStats outcome(Outcome out, int o, int np, long scenarios, MemorySink sink) {
        int[] futures = new int[np];
        double[] mean = new double[np];
        double[] median = new double[np];
        double[] p5 = new double[np];
        double[] p95 = new double[np];
        double[] beyond = new double[np];
        for (int p = 0; p < np; p++) {
            double[] v = new double[(int) scenarios];
            int n = 0;
            int over = 0;
            for (long s = 0; s < scenarios; s++) {
                double x = sink.value(s * np + p, o);
                if (Double.isNaN(x)) continue;
                v[n++] = x;
                if (out.hasThreshold() && beyond(out, x)) over++;
            }
            v = Arrays.copyOf(v, n);
            Arrays.sort(v);
            futures[p] = n;
            double sum = 0;
            for (double x : v) sum += x;
            mean[p] = n == 0 ? Double.NaN : sum / n;
            median[p] = quantile(v, 0.5);
            p5[p] = quantile(v, 0.05);
            p95[p] = quantile(v, 0.95);
            beyond[p] = out.hasThreshold() && n > 0 ? over / (double) n : Double.NaN;
        }
        boolean crossing = out.reduce().op() == Op.FIRST_ABOVE || out.reduce().op() == Op.FIRST_BELOW;
        double[] never = new double[np];
        double[][] beats = new double[np][np];
        double[] regret = new double[np];
        int paired = 0;
        int regretFutures = 0;
        double[] row = new double[np];
        int[] ran = new int[np];
        for (long s = 0; s < scenarios; s++) {
            boolean allRan = true;
            boolean allValued = true;
            for (int p = 0; p < np; p++) {
                long run = s * np + p;
                row[p] = sink.value(run, o);
                if (!sink.ok(run)) {
                    allRan = false;
                    continue;
                }
                ran[p]++;
                if (Double.isNaN(row[p])) {
                    allValued = false;
                    if (crossing) never[p]++;
                }
            }
            // a threshold never crossed is later than any crossing
            if (crossing && allRan) for (int p = 0; p < np; p++) if (Double.isNaN(row[p])) row[p] = Double.POSITIVE_INFINITY;
            if (!allRan || !(allValued || crossing)) continue;
            paired++;
            for (int a = 0; a < np; a++) for (int b = 0; b < np; b++) if (a != b && better(out.kind(), row[a], row[b])) beats[a][b]++;
            if (!allValued) continue;
            regretFutures++;
            double best = row[0];
            for (int p = 1; p < np; p++) best = better(out.kind(), row[p], best) ? row[p] : best;
            for (int a = 0; a < np; a++) regret[a] += Math.abs(row[a] - best);
        }
        for (int a = 0; a < np; a++) {
            never[a] = crossing && ran[a] > 0 ? never[a] / ran[a] : Double.NaN;
            regret[a] = regretFutures == 0 || out.kind() == Kind.INFO ? Double.NaN : regret[a] / regretFutures;
            for (int b = 0; b < np; b++) beats[a][b] = paired == 0 || a == b || out.kind() == Kind.INFO ? Double.NaN : beats[a][b] / paired;
        }
        return new OutcomeStats(out, futures, mean, median, p5, p95, beyond, never, beats, regret, paired);
    }

    /**
     * The index of the best policy on an outcome, or -1 for an info outcome. A crossing time is
     * ranked first by the share of futures that never cross (a maximize outcome wants the crossing
     * late, so never is best; a minimize outcome wants it early, so never is worst), then by the
     * median of the crossing years; other outcomes by their median.
     */
    public static int best(OutcomeStats s) {
        Kind kind = s.outcome().kind();
        if (kind == Kind.INFO) return -1;
        int best = -1;
        for (int p = 0; p < s.median().length; p++) {
            if (Double.isNaN(s.median()[p]) && !(s.crossing() && s.never()[p] > 0)) continue;
            if (best < 0 || rankedBefore(s, kind, p, best)) best = p;
        }
        return best;
    }

    private static boolean rankedBefore(OutcomeStats s, Kind kind, int a, int b) {
        if (s.crossing()) {
            double na = s.never()[a];
            double nb = s.never()[b];
            if (Math.abs(na - nb) > 1e-12) return kind == Kind.MAXIMIZE ? na > nb : na < nb;
        }
        double ma = s.median()[a];
        double mb = s.median()[b];
        if (Double.isNaN(mb)) return !Double.isNaN(ma) && kind == Kind.MINIMIZE;
        if (Double.isNaN(ma)) return kind == Kind.MAXIMIZE;
        return better(kind, ma, mb);
    }

    /** Strictly better for the outcome's kind (an info outcome has no better). */
    private static boolean better(Kind kind, double a, double b) {
        if (kind == Kind.MINIMIZE) return a < b;
        if (kind == Kind.MAXIMIZE) return a > b;
        return false;
    }

    /** Beyond the threshold on the bad side: above it when minimizing (or info), below it when maximizing. */
    static boolean beyond(Outcome o, double x) {
        return o.kind() == Kind.MAXIMIZE ? x < o.threshold() : x > o.threshold();
    }

    /** Linear interpolation between order statistics (R's type 7, numpy's default). */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The side-by-side table, one block per outcome. */
    public String table() {
        int np = policies.size();
        int label = 22;
        int[] width = new int[np];
        for (int p = 0; p < np; p++) width[p] = Math.max(11, policies.get(p).length() + 2);
        label = Math.max(label, "mean regret (all crossed)".length() + 3);
        for (String p : policies) label = Math.max(label, ("beats " + p).length() + 3);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d futures, each under every policy%n", scenarios));
        header(b, label, width);
        line(b, "failed runs", label, width, p -> Integer.toString(failed[p]));
        if (constrained) line(b, "P(constraints met)", label, width, p -> fmt(feasible[p]));
        for (OutcomeStats s : stats) {
            Outcome o = s.outcome();
            b.append(String.format(Locale.ROOT, "%n%s  (%s of %s; %s%s)%n", o.name(), o.reduce().describe(), o.variable(),
                    o.kind().name().toLowerCase(Locale.ROOT), o.hasThreshold() ? "; threshold " + Distribution.describeNumber(o.threshold()) : ""));
            header(b, label, width);
            line(b, s.crossing() ? "futures crossing" : "futures with a value", label, width, p -> Integer.toString(s.futures()[p]));
            // a crossing time is a year: printed as one, its statistics over the futures that cross
            java.util.function.DoubleFunction<String> f = s.crossing() ? Figures::year : Comparison::fmt;
            String of = s.crossing() ? " (crossing)" : "";
            line(b, "mean" + of, label, width, p -> f.apply(s.mean()[p]));
            line(b, "median" + of, label, width, p -> f.apply(s.median()[p]));
            line(b, "5th percentile" + of, label, width, p -> f.apply(s.p5()[p]));
            line(b, "95th percentile" + of, label, width, p -> f.apply(s.p95()[p]));
            if (o.hasThreshold()) {
                String sign = o.kind() == Kind.MAXIMIZE ? "<" : ">";
                line(b, "P(" + sign + " " + Distribution.describeNumber(o.threshold()) + ")", label, width, p -> fmt(s.beyond()[p]));
            }
            if (s.crossing()) line(b, "P(never)", label, width, p -> fmt(s.never()[p]));
            if (o.kind() != Kind.INFO && np > 1) {
                for (int other = 0; other < np; other++) {
                    int q = other;
                    line(b, "beats " + policies.get(q), label, width, p -> p == q ? "-" : fmt(s.beats()[p][q]));
                }
                line(b, s.crossing() ? "mean regret (all crossed)" : "mean regret", label, width, p -> fmt(s.meanRegret()[p]));
            }
        }
        return b.toString();
    }

    private interface Cell {
        String at(int policy);
    }

    private void header(StringBuilder b, int label, int[] width) {
        b.append(" ".repeat(label));
        for (int p = 0; p < policies.size(); p++) b.append(pad(policies.get(p), width[p]));
        b.append('\n');
    }

    private void line(StringBuilder b, String name, int label, int[] width, Cell cell) {
        b.append("  ").append(name).append(" ".repeat(Math.max(1, label - 2 - name.length())));
        for (int p = 0; p < policies.size(); p++) b.append(pad(cell.at(p), width[p]));
        b.append('\n');
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? " " + s : " ".repeat(w - s.length()) + s;
    }

    static String fmt(double v) {
        return Figures.number(v);
    }
}
