package org.dlab.workbench.optimize;

import java.util.List;
import java.util.Locale;
import org.dlab.engine.model.Names;
import org.dlab.workbench.study.Distribution;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.Study.Kind;

/**
 * One objective or constraint of a policy search: a statistic of one study outcome, either its
 * value in the reference future or a robustness metric over sampled futures (Kwakkel, Eker and
 * Pruyt 2016; McPhail et al. 2018): mean, a percentile, the satisficing share (Starr 1963), the
 * signal-to-noise ratio (Hamarat et al. 2014) or regret (Savage 1951) against the best of the
 * study's own policies in each future.
 *
 * <p>Written {@code OUTCOME[:STAT]} with STAT one of {@code mean}, {@code pNN} (percentile, e.g.
 * {@code p90}), {@code satisficing} (the outcome's threshold from the study) or
 * {@code satisficing=X}, {@code snr}, {@code regret} (maximum over futures) or {@code regret-pNN}.
 *
 * @param outcome index of the outcome in the study
 * @param arg percentile level in [0, 1] (PERCENTILE, REGRET: 1 is the maximum), or the threshold (SATISFICING)
 * @param kind the outcome's direction (MINIMIZE or MAXIMIZE)
 */
public record SearchObjective(String outcomeName, int outcome, Statistic statistic, double arg, Kind kind) {
    public enum Statistic { VALUE, MEAN, PERCENTILE, SATISFICING, SIGNAL_TO_NOISE, REGRET }

    /** The direction to optimize in: shares meeting a threshold are maximized, regret minimized, the rest follow the outcome. */
    public Kind direction() {
        switch (statistic) {
            case SATISFICING: return Kind.MAXIMIZE;
            case REGRET: return Kind.MINIMIZE;
            default: return kind;
        }
    }

    /** A column name for the store and the printout, e.g. {@code p90(P major conflict by 2050)}. */
    public String label() {
        switch (statistic) {
            case VALUE: return outcomeName;
            case MEAN: return "mean(" + outcomeName + ")";
            case PERCENTILE: return "p" + Distribution.describeNumber(100 * arg) + "(" + outcomeName + ")";
            case SATISFICING: return "share " + (kind == Kind.MINIMIZE ? "<= " : ">= ") + Distribution.describeNumber(arg) + "(" + outcomeName + ")";
            case SIGNAL_TO_NOISE: return "snr(" + outcomeName + ")";
            default: return (arg >= 1 ? "max regret(" : "p" + Distribution.describeNumber(100 * arg) + " regret(") + outcomeName + ")";
        }
    }

    /** The statistic as written after the colon (round-trips through {@link #parse}). */
    public String statisticSpec() {
        switch (statistic) {
            case VALUE: return "value";
            case MEAN: return "mean";
            case PERCENTILE: return "p" + Distribution.describeNumber(100 * arg);
            case SATISFICING: return "satisficing=" + Distribution.describeNumber(arg);
            case SIGNAL_TO_NOISE: return "snr";
            default: return arg >= 1 ? "regret" : "regret-p" + Distribution.describeNumber(100 * arg);
        }
    }

    /**
     * Parses {@code OUTCOME[:STAT]} against the study's outcomes. Without a statistic: the value
     * in the reference future, or the mean when {@code robust}. An IllegalArgumentException names
     * what is wrong.
     */
    public static SearchObjective parse(String spec, List<Study.Outcome> outcomes, boolean robust) {
        return parse(spec, outcomes, robust, true);
    }

    /** As {@link #parse(String, List, boolean)}; a bound ({@code objective} false) may be on an info outcome. */
    public static SearchObjective parse(String spec, List<Study.Outcome> outcomes, boolean robust, boolean objective) {
        String s = spec.strip();
        String name = s;
        String stat = null;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && index(s, outcomes) < 0) {
            name = s.substring(0, colon).strip();
            stat = s.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        }
        int o = index(name, outcomes);
        if (o < 0) {
            throw new IllegalArgumentException("no outcome '" + name + "' in the study (it has: "
                    + String.join(", ", outcomes.stream().map(Study.Outcome::name).toList()) + ")");
        }
        Study.Outcome out = outcomes.get(o);
        if (objective && out.kind() == Kind.INFO) throw new IllegalArgumentException("outcome '" + out.name() + "' is kind: info; give it kind: minimize or maximize to search on it");
        if (stat == null || stat.equals("value")) {
            if (stat == null && robust) return new SearchObjective(out.name(), o, Statistic.MEAN, Double.NaN, out.kind());
            if (robust) throw new IllegalArgumentException(spec + ": 'value' is the reference future's value; over sampled futures use mean, pNN, satisficing, snr or regret");
            return new SearchObjective(out.name(), o, Statistic.VALUE, Double.NaN, out.kind());
        }
        if (!robust) throw new IllegalArgumentException(spec + ": a statistic over futures needs --futures N (the search is on one reference future)");
        if (stat.equals("mean")) return new SearchObjective(out.name(), o, Statistic.MEAN, Double.NaN, out.kind());
        if (stat.equals("snr")) return new SearchObjective(out.name(), o, Statistic.SIGNAL_TO_NOISE, Double.NaN, out.kind());
        if (out.kind() == Kind.INFO && (stat.startsWith("regret") || stat.startsWith("satisficing") || stat.equals("snr"))) {
            throw new IllegalArgumentException(spec + ": outcome '" + out.name() + "' is kind: info, so it has no better direction for " + stat);
        }
        if (stat.equals("regret")) return new SearchObjective(out.name(), o, Statistic.REGRET, 1, out.kind());
        if (stat.startsWith("regret-p")) return new SearchObjective(out.name(), o, Statistic.REGRET, level(spec, stat.substring(8)), out.kind());
        if (stat.matches("p[0-9.]+")) return new SearchObjective(out.name(), o, Statistic.PERCENTILE, level(spec, stat.substring(1)), out.kind());
        if (stat.equals("satisficing")) {
            if (!out.hasThreshold()) throw new IllegalArgumentException(spec + ": outcome '" + out.name() + "' has no threshold in the study; write satisficing=X");
            return new SearchObjective(out.name(), o, Statistic.SATISFICING, out.threshold(), out.kind());
        }
        if (stat.startsWith("satisficing=")) {
            double t = number(spec, stat.substring("satisficing=".length()));
            return new SearchObjective(out.name(), o, Statistic.SATISFICING, t, out.kind());
        }
        throw new IllegalArgumentException(spec + ": unknown statistic '" + stat + "' (use mean, pNN, satisficing, satisficing=X, snr, regret or regret-pNN)");
    }

    private static int index(String name, List<Study.Outcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) if (Names.key(outcomes.get(i).name()).equals(Names.key(name))) return i;
        return -1;
    }

    private static double level(String spec, String percent) {
        double p = number(spec, percent);
        if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException(spec + ": a percentile is from 0 to 100");
        return p / 100;
    }

    private static double number(String spec, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(spec + ": '" + text + "' is not a number");
    }
}
