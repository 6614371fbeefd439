package org.dlab.workbench.study;

import java.nio.file.Path;
import java.util.List;
import org.dlab.engine.ir.Pos;

/**
 * A parsed study file: what to vary, which policies to try, what to measure. Names are not yet
 * checked against the model; {@link BoundStudy} does that.
 *
 * @param file the study file as given
 * @param text the study file's exact text (kept in the results store's provenance)
 * @param model the model file, resolved against the study's folder
 * @param fileTags Vensim's indirect file references {@code '?tag'} mapped to files (the study's
 *     {@code file_tags}; Vensim's Model>Settings>XLS Files), in the file's order
 */
public record Study(
        Path file,
        String text,
        Path model,
        Pos modelPos,
        TimeOverrides time,
        List<Uncertainty> uncertainties,
        List<Lever> levers,
        List<Policy> policies,
        List<Outcome> outcomes,
        List<Constraint> constraints,
        Presentation presentation,
        List<FileTag> fileTags) {

    /** At most this many file tags: a study maps the few spreadsheets its model reads, not a folder. */
    public static final int MAX_FILE_TAGS = 256;

    public Study {
        if (presentation == null) presentation = Presentation.NONE;
        fileTags = fileTags == null ? List.of() : List.copyOf(fileTags);
        uncertainties = List.copyOf(uncertainties);
        levers = List.copyOf(levers);
        policies = List.copyOf(policies);
        outcomes = List.copyOf(outcomes);
        constraints = List.copyOf(constraints);
    }

    /** A study without the optional presentation keys. */
    public Study(Path file, String text, Path model, Pos modelPos, TimeOverrides time, List<Uncertainty> uncertainties, List<Lever> levers,
            List<Policy> policies, List<Outcome> outcomes, List<Constraint> constraints) {
        this(file, text, model, modelPos, time, uncertainties, levers, policies, outcomes, constraints, Presentation.NONE, List.of());
    }

    /** A study without file tags. */
    public Study(Path file, String text, Path model, Pos modelPos, TimeOverrides time, List<Uncertainty> uncertainties, List<Lever> levers,
            List<Policy> policies, List<Outcome> outcomes, List<Constraint> constraints, Presentation presentation) {
        this(file, text, model, modelPos, time, uncertainties, levers, policies, outcomes, constraints, presentation, List.of());
    }

    /**
     * The file tags as {@link org.dlab.engine.ModelLoader#load(Path, List, java.util.function.Consumer, java.util.Map)}
     * takes them: tag (as the model writes it after '?') to file.
     */
    public java.util.Map<String, Path> fileTagMap() {
        java.util.Map<String, Path> m = new java.util.LinkedHashMap<>();
        for (FileTag t : fileTags) m.put(t.tag(), t.file());
        return m;
    }

    /**
     * One entry of {@code file_tags}: the model's {@code '?tag'} reads {@code file}.
     *
     * @param tag the tag as the model writes it after '?' (the engine matches it ignoring case)
     * @param file the file, absolute, resolved against the study's folder
     * @param pos where the tag stands in the study file
     */
    public record FileTag(String tag, Path file, Pos pos) {}

    /**
     * How reports and pages present the study (all optional): a title and the question it answers,
     * the reference policy others are compared with, the headline outcomes and units per outcome.
     */
    public record Presentation(String title, String question, String reference, List<String> headline, java.util.Map<String, String> units) {
        public static final Presentation NONE = new Presentation(null, null, null, List.of(), java.util.Map.of());

        public Presentation {
            headline = List.copyOf(headline);
            units = java.util.Map.copyOf(units);
        }
    }

    /** Optional overrides of the model's time settings; null fields keep the model's own. */
    public record TimeOverrides(Double start, Double end, Double step, Double saveper, Pos pos) {
        public static final TimeOverrides NONE = new TimeOverrides(null, null, null, null, Pos.NONE);
    }

    /**
     * An uncertain input. {@code scale} is null for a constant, or "y" when the study asks to
     * multiply a lookup's y values by the sampled factor.
     */
    public record Uncertainty(String name, Distribution dist, String source, String scale, Pos pos, Pos namePos, Pos scalePos) {}

    /** A policy lever: a constant the decision maker sets; policies choose its value. */
    public record Lever(String name, double low, double high, double baseline, String unit, String description, Pos pos, Pos namePos) {}

    /** A named policy: values for some levers, the rest at their baseline. */
    public record Policy(String name, List<Setting> settings, Pos pos) {
        public Policy {
            settings = List.copyOf(settings);
        }
    }

    public record Setting(String lever, double value, Pos pos) {}

    public enum Kind { MINIMIZE, MAXIMIZE, INFO }

    public enum Op { FINAL, MIN, MAX, MEAN, INTEGRAL, AT, FIRST_ABOVE, FIRST_BELOW }

    /** How a time series becomes one number; {@code arg} is the year or threshold where used (NaN otherwise). */
    public record Reduction(Op op, double arg) {
        public Reduction {
            // a reduction without a number carries none, so that equal descriptions mean equal reductions
            if (!takesArgument(op)) arg = Double.NaN;
        }

        /** The text a store keeps ("final", "at 2035", "first below 0.8"); {@link #parse} reads it back exactly. */
        public String describe() {
            return switch (op) {
                case AT -> "at " + number(arg);
                case FIRST_ABOVE -> "first above " + number(arg);
                case FIRST_BELOW -> "first below " + number(arg);
                case FINAL, MIN, MAX, MEAN, INTEGRAL -> word(op);
            };
        }

        /** The inverse of {@link #describe}: {@code parse(r.describe()).equals(r)} for every reduction. */
        public static Reduction parse(String text) {
            if (text == null) throw new IllegalArgumentException("no reduction given");
            for (Op op : Op.values()) {
                String word = word(op);
                if (!takesArgument(op)) {
                    if (text.equals(word)) return new Reduction(op, Double.NaN);
                } else if (text.startsWith(word + " ")) {
                    String n = text.substring(word.length() + 1);
                    try {
                        return new Reduction(op, Double.parseDouble(n));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + text + "': '" + n + "' is not a number");
                    }
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a reduction (final, min, max, mean, integral, at T, first above X, first below X)");
        }

        /** Whether the reduction needs a number (a time or a threshold). */
        public static boolean takesArgument(Op op) {
            return switch (op) {
                case AT, FIRST_ABOVE, FIRST_BELOW -> true;
                case FINAL, MIN, MAX, MEAN, INTEGRAL -> false;
            };
        }

        private static String word(Op op) {
            return op.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }

        // -0 keeps its sign so that parse gives back the same double
        private static String number(double v) {
            return v == 0 && 1 / v < 0 ? "-0" : Distribution.fmt(v);
        }
    }

    /** An outcome; {@code threshold} is NaN when none was given. */
    public record Outcome(String name, String variable, Reduction reduce, Kind kind, double threshold, Pos pos, Pos variablePos, Pos reducePos) {
        public boolean hasThreshold() {
            return !Double.isNaN(threshold);
        }
    }

    /** A bound on an outcome; NaN where no bound was given. */
    public record Constraint(String outcome, double min, double max, Pos pos) {
        public boolean satisfiedBy(double v) {
            if (Double.isNaN(v)) return false;
            return !(v < min) && !(v > max);
        }
    }
}
