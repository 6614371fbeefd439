package org.dlab.workbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlab.workbench.compare.Comparison;
import org.dlab.workbench.compare.Figures;
import org.dlab.workbench.store.DiscoveryTables;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.Study.Kind;
import org.dlab.workbench.study.Study.Outcome;

/**
 * The report's answer, first on the page: the study's title and question; per headline outcome
 * the share of futures in which each policy beats the reference policy, with medians and 5-95%
 * ranges (and, for a crossing time, the share of futures that never cross); and the saved
 * discoveries in words, naming only limits that are significant. Without the study's optional
 * keys: the model's name as title, the first policy as reference, the first few outcomes.
 */
final class AnswerSection {
    /** A limit is significant at this quasi-p (Bryant &amp; Lempert 2010 report limits at the 5% level). */
    static final double SIGNIFICANT = 0.05;
    /** Beyond this many restricted inputs a box is hard to read (Bryant &amp; Lempert 2010 favour 2-4). */
    static final int MANY_LIMITS = 6;
    /** Headline outcomes taken when the study marks none. */
    static final int DEFAULT_HEADLINES = 3;

    private AnswerSection() {}

    static Map<String, Object> data(Map<String, String> prov, Study.Presentation pres, List<Outcome> outcomes, List<String> policies,
            Comparison comparison, List<DiscoveryTables.Saved> saved, VariableUnits units) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("title", pres.title() != null ? pres.title() : defaultTitle(prov));
        a.put("question", pres.question());
        String reference = pres.reference() != null && policies.contains(pres.reference()) ? pres.reference() : policies.isEmpty() ? null : policies.get(0);
        a.put("reference", reference);
        a.put("referenceFromStudy", pres.reference() != null);
        List<String> headline = new ArrayList<>();
        for (String h : pres.headline()) if (outcomes.stream().anyMatch(o -> o.name().equals(h))) headline.add(h);
        a.put("headlineFromStudy", !headline.isEmpty());
        if (headline.isEmpty()) {
            for (Outcome o : outcomes) if (o.kind() != Kind.INFO && headline.size() < DEFAULT_HEADLINES) headline.add(o.name());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (comparison != null && reference != null) {
            int ref = policies.indexOf(reference);
            for (Comparison.OutcomeStats s : comparison.stats()) {
                if (!headline.contains(s.outcome().name())) continue;
                rows.add(outcome(s, policies, ref, pres, units));
            }
        }
        a.put("outcomes", rows);
        a.put("futures", comparison == null || comparison.stats().isEmpty() ? null : comparison.stats().get(0).paired());
        List<Map<String, Object>> found = new ArrayList<>();
        for (DiscoveryTables.Saved d : saved) found.add(discovery(d, outcomes));
        a.put("discoveries", found);
        return a;
    }

    private static String defaultTitle(Map<String, String> prov) {
        String model = prov.getOrDefault("model_file", prov.getOrDefault("study_file", "the model"));
        String name = model.replaceAll(".*[\\\\/]", "").replaceAll("\\.[A-Za-z]+$", "");
        return "What the futures say: " + name;
    }

    private static Map<String, Object> outcome(Comparison.OutcomeStats s, List<String> policies, int ref, Study.Presentation pres, VariableUnits units) {
        Outcome o = s.outcome();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("kind", o.kind().name().toLowerCase(Locale.ROOT));
        m.put("crossing", s.crossing());
        String unit = pres.units().get(o.name());
        if (unit == null) unit = s.crossing() ? "year" : VariableUnits.words(units.of(o.variable()));
        m.put("unit", unit);
        int best = Comparison.best(s);
        m.put("best", best < 0 ? null : policies.get(best));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int p = 0; p < policies.size(); p++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("policy", policies.get(p));
            r.put("beats", p == ref ? null : num(s.beats()[p][ref]));
            r.put("loses", p == ref ? null : num(s.beats()[ref][p]));
            r.put("median", num(s.median()[p]));
            r.put("p5", num(s.p5()[p]));
            r.put("p95", num(s.p95()[p]));
            r.put("never", s.crossing() ? num(s.never()[p]) : null);
            r.put("text", median(s, p));
            rows.add(r);
        }
        m.put("rows", rows);
        return m;
    }

    /** "0.12 (0.05-0.31)", for a crossing "2031.4 (2026.0-2045.2); never in 87%". */
    static String median(Comparison.OutcomeStats s, int p) {
        java.util.function.DoubleFunction<String> f = s.crossing() ? Figures::year : Figures::number;
        String t = Double.isNaN(s.median()[p]) ? "-" : f.apply(s.median()[p]) + " (" + f.apply(s.p5()[p]) + "\u2013" + f.apply(s.p95()[p]) + ")";
        if (s.crossing()) t += "; never in " + Figures.percent(s.never()[p]);
        return t;
    }

    /** A discovery in words, only its significant limits named, with the warnings a reader needs. */
    static Map<String, Object> discovery(DiscoveryTables.Saved d, List<Outcome> outcomes) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        int restricted = 0;
        for (DiscoveryTables.Limit l : d.limits()) {
            if (!l.lowerRestricted() && !l.upperRestricted()) continue;
            restricted++;
            if (!(l.quasiP() <= SIGNIFICANT)) continue;
            if (l.lowerRestricted() && l.upperRestricted()) {
                conditions.add(l.uncertainty() + " between " + Figures.number(l.lower()) + " and " + Figures.number(l.upper()));
            } else if (l.lowerRestricted()) {
                conditions.add(l.uncertainty() + " > " + Figures.number(l.lower()));
            } else {
                conditions.add(l.uncertainty() + " < " + Figures.number(l.upper()));
            }
        }
        String subject = subject(d, outcomes);
        String stats = String.format(Locale.ROOT, "coverage %.2f, density %.2f", d.coverage(), d.density());
        String text;
        if (conditions.isEmpty()) {
            text = subject + ": no interpretable region (no limit of the box is significant at quasi-p \u2264 " + SIGNIFICANT + "; " + stats + ")";
        } else {
            text = subject + " when " + join(conditions) + ": " + stats;
        }
        List<String> warnings = new ArrayList<>();
        if (restricted > MANY_LIMITS) {
            warnings.add("the box restricts " + restricted + " inputs, more than " + MANY_LIMITS + " can be read as one condition; "
                    + (restricted - conditions.size()) + " of its limits are not significant (quasi-p > " + SIGNIFICANT + ") and are left out above");
        }
        if (conditions.isEmpty()) warnings.add("no limit is significant: the box may describe noise");
        m.put("id", d.id());
        m.put("text", text);
        m.put("significant", conditions.size());
        m.put("restricted", restricted);
        m.put("cases", d.cases());
        m.put("runs", d.runs());
        m.put("warnings", warnings);
        return m;
    }

    /** Who does better, when the discovery compares two policies; the raw question otherwise. */
    private static String subject(DiscoveryTables.Saved d, List<Outcome> outcomes) {
        Outcome o = outcomes.stream().filter(x -> x.name().equals(d.outcome())).findFirst().orElse(null);
        String share = Figures.percent(d.runs() == 0 ? Double.NaN : d.cases() / (double) d.runs());
        if (d.policy() != null && d.versus() != null && o != null && o.kind() != Kind.INFO) {
            String c = d.condition().strip();
            boolean positive = c.startsWith(">");
            boolean negative = c.startsWith("<");
            if (positive || negative) {
                // (policy - versus) > x on an outcome to minimize: policy is the worse one
                boolean policyWorse = positive == (o.kind() == Kind.MINIMIZE);
                String better = policyWorse ? d.versus() : d.policy();
                String worse = policyWorse ? d.policy() : d.versus();
                return better + " does better than " + worse + " on " + o.name() + " (" + o.name() + " [" + d.policy() + " \u2212 " + d.versus() + "] "
                        + c + ", " + share + " of futures)";
            }
        }
        return d.outcome() + (d.policy() == null ? "" : " [" + d.policy() + (d.versus() == null ? "" : " \u2212 " + d.versus()) + "]") + " " + d.condition()
                + " (" + share + " of futures)";
    }

    private static String join(List<String> parts) {
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
