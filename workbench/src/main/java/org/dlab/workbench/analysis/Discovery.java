package org.dlab.workbench.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * Scenario discovery in one call, for {@code dlab discover DB --outcome NAME --where "> 0.2"}:
 * the cases of interest are the rows whose outcome meets a condition; PRIM finds and pastes a box
 * (Bryant and Lempert 2010), inspects it and measures its resampling stability; CART gives the
 * second view; extra-trees feature scoring ranks the inputs against the outcome itself (not only
 * the condition), so an input that matters below the threshold shows too.
 */
public final class Discovery {
    private Discovery() {}

    /**
     * @param minDensity the density the chosen PRIM box must reach (Bryant and Lempert use 0.8 and more)
     * @param resamples PRIM reruns for stability; 0 to skip
     */
    public record Options(Prim.Options prim, double minDensity, int resamples, Cart.Options cart, FeatureScoring.Options scoring, long seed) {
        public static Options defaults() {
            return new Options(Prim.Options.defaults(), 0.8, 10, Cart.Options.defaults(), FeatureScoring.Options.defaults(), 1L);
        }
    }

    /** Everything a report on one outcome needs. */
    public record Report(String condition, int cases, int rows, PrimTrajectory trajectory, PrimBox box, PrimInspection inspection,
            PrimStability.Result stability, Cart.Tree tree, FeatureScoring.Result scores) {}

    /** PRIM's part of a discovery: the peeling trajectory, the chosen box and its inspection. */
    public record PrimPart(PrimTrajectory trajectory, PrimBox box, PrimInspection inspection) {}

    /**
     * Peels, then takes box {@code box} of the trajectory, or with -1 pastes the first box that
     * reaches {@code minDensity}, and inspects it.
     */
    public static PrimPart prim(Dataset x, boolean[] y, Prim.Options options, double minDensity, int box) {
        SortedColumns sorted = Prim.sort(x);
        PrimTrajectory t = Prim.peel(x, y, options, sorted);
        if (box >= t.boxes().size()) {
            throw new IllegalArgumentException("box " + box + " is beyond the trajectory, whose boxes are 0 to " + (t.boxes().size() - 1));
        }
        PrimBox chosen = box >= 0 ? t.boxes().get(box) : Prim.paste(x, y, t.choose(minDensity), options, sorted);
        return new PrimPart(t, chosen, PrimInspection.inspect(x, y, chosen));
    }

    /**
     * A condition on an outcome's value written as an operator and a number: {@code > 0.2},
     * {@code <= -1e3}, {@code == 0}, {@code != 0}, {@code >= 5}, {@code < 7}. NaN (a failed run)
     * never meets a condition.
     */
    public static DoublePredicate condition(String text) {
        String t = text.trim();
        String[] ops = {">=", "<=", "==", "!=", ">", "<"};
        for (String op : ops) {
            if (!t.startsWith(op)) continue;
            String num = t.substring(op.length()).trim();
            double v;
            try {
                v = Double.parseDouble(num);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': expected a number after " + op + ", got '" + num + "'");
            }
            // "> NaN" would match nothing and "< Infinity" everything: a typo, never a question
            if (!Double.isFinite(v)) throw new IllegalArgumentException("'" + text + "': the number after " + op + " must be finite, got '" + num + "'");
            switch (op) {
                case ">=": return x -> x >= v;
                case "<=": return x -> x <= v;
                case "==": return x -> x == v;
                case "!=": return x -> !Double.isNaN(x) && x != v;
                case ">": return x -> x > v;
                default: return x -> x < v;
            }
        }
        throw new IllegalArgumentException("'" + text + "': a condition starts with one of >, >=, <, <=, ==, != (e.g. \"> 0.2\")");
    }

    /** The case flags of an outcome under a condition. */
    public static boolean[] cases(double[] outcome, DoublePredicate condition) {
        boolean[] y = new boolean[outcome.length];
        for (int i = 0; i < y.length; i++) y[i] = condition.test(outcome[i]);
        return y;
    }

    /**
     * Runs the whole analysis. Rows whose outcome is NaN (failed runs) are not cases; for feature
     * scoring they are dropped. Cost: see {@link Prim}, {@link PrimStability}, {@link Cart},
     * {@link FeatureScoring}.
     */
    public static Report run(Dataset x, double[] outcome, String condition, Options options) {
        return run(x, outcome, condition, options, -1);
    }

    /**
     * As {@link #run(Dataset, double[], String, Options)}, but with {@code box >= 0} the analyst's
     * own pick from the trajectory is inspected as it is (not pasted), as one does after reading
     * the trade-off curve; -1 takes the rule's choice, pasted.
     */
    public static Report run(Dataset x, double[] outcome, String condition, Options options, int box) {
        Dataset.checkOutcome(x, outcome.length);
        boolean[] y = cases(outcome, condition(condition));
        PrimPart p = prim(x, y, options.prim(), options.minDensity(), box);
        PrimTrajectory t = p.trajectory();
        PrimBox chosen = p.box();
        PrimInspection insp = p.inspection();
        PrimStability.Result stab = options.resamples() > 0
                ? PrimStability.run(x, y, options.prim(), options.minDensity(), options.resamples(), true, 0, options.seed())
                : null;
        Cart.Tree tree = Cart.grow(x, y, options.cart());
        FeatureScoring.Result scores = scores(x, outcome, options.scoring());
        return new Report(condition.trim().toLowerCase(Locale.ROOT), Dataset.count(y), x.rows(), t, chosen, insp, stab, tree, scores);
    }

    /** A limit whose quasi-p-value is above this is not significant (Bryant and Lempert 2010 use 0.05). */
    public static final double MAX_QUASI_P = 0.05;
    /** More restricted inputs than this make a box hard to read as a scenario (Bryant and Lempert: a few). */
    public static final int MAX_RESTRICTED = 6;

    /**
     * The inputs to keep when screening before PRIM, as EMA practice does: the {@code top} inputs
     * with the highest extra-trees importance on the outcome's value (ties keep the data's order);
     * every input when {@code top} is at least their number or the outcome cannot be scored.
     */
    public static List<String> screen(Dataset x, FeatureScoring.Result scores, int top) {
        if (top < 1) throw new IllegalArgumentException("screening keeps at least 1 input, got " + top);
        if (scores == null || top >= x.inputs()) return x.names();
        List<String> keep = new ArrayList<>();
        for (FeatureScoring.Score s : scores.ranked()) {
            if (keep.size() == top) break;
            keep.add(s.name());
        }
        return keep;
    }

    /**
     * Why a box may not be an interpretable scenario, one sentence per problem (empty when none):
     * restricted limits whose quasi-p-value exceeds {@link #MAX_QUASI_P}, and more than
     * {@link #MAX_RESTRICTED} restricted inputs. One rule for the CLI, the report and the server.
     */
    public static List<String> boxWarnings(PrimInspection inspection) {
        List<String> out = new ArrayList<>();
        List<String> weak = new ArrayList<>();
        int restricted = 0;
        for (PrimInspection.Limit l : inspection.bySignificance()) {
            if (!l.lowerRestricted() && !l.upperRestricted()) continue;
            restricted++;
            if (!(l.quasiP() <= MAX_QUASI_P)) weak.add(String.format(Locale.ROOT, "%s (%.3g)", l.name(), l.quasiP()));
        }
        if (!weak.isEmpty()) {
            out.add(weak.size() + " limit(s) not significant (quasi-p > " + MAX_QUASI_P + "): " + String.join(", ", weak)
                    + "; a box without them may describe the cases as well");
        }
        if (restricted > MAX_RESTRICTED) {
            out.add(restricted + " restricted inputs (more than " + MAX_RESTRICTED + "): hard to read as a scenario; "
                    + "screen the inputs first (dlab discover --inputs top:N) or pick an earlier box (--box)");
        }
        return out;
    }

    /**
     * Extra-trees scores of a numeric outcome, dropping the rows where it is NaN (failed runs, a
     * threshold never crossed); null when fewer than two rows have a value or all values are equal,
     * since no split then explains anything.
     */
    public static FeatureScoring.Result scores(Dataset x, double[] outcome, FeatureScoring.Options options) {
        int valid = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : outcome) {
            if (Double.isNaN(v)) continue;
            valid++;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (valid < 2 || !(hi > lo)) return null;
        if (valid == outcome.length) return FeatureScoring.regression(x, outcome, options);
        int[] keep = new int[valid];
        double[] ok = new double[valid];
        for (int i = 0, w = 0; i < outcome.length; i++) {
            if (!Double.isNaN(outcome[i])) {
                keep[w] = i;
                ok[w++] = outcome[i];
            }
        }
        return FeatureScoring.regression(x.select(keep), ok, options);
    }
}
