package org.dlab.engine.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.dlab.engine.data.DataFiles;
import org.dlab.engine.data.RunTable;
import org.dlab.engine.functions.Library;

/**
 * Two runs of a model compared variable by variable, B being the reference. A variable matches
 * when at every time both runs have (times within {@code timeTolerance}) |a - b| <= rtol |b|, or
 * |a - b| <= peakTol * max |b| (values crossing zero, where a relative error means nothing). The
 * peak is over all the elements of a subscripted variable in B (Vensim's variable is the whole
 * array, one quantity in one unit), or with {@code peakPerElement} over each element alone.
 * Missing values (blank, :NA:) match only missing values. Differences are sorted by the time they
 * first leave tolerance: the earliest is where a modeller looks for the first cause.
 */
public final class RunComparison {
    /** How close is close enough; see the class comment. */
    public record Tolerance(double rtol, double peakTol, double timeTolerance, boolean peakPerElement) {
        public static final Tolerance DEFAULT = new Tolerance(1e-3, 1e-6, 1e-6);

        /** The peak over each subscripted variable's elements. */
        public Tolerance(double rtol, double peakTol, double timeTolerance) {
            this(rtol, peakTol, timeTolerance, false);
        }

        public Tolerance {
            if (!(rtol >= 0) || !(peakTol >= 0) || !(timeTolerance >= 0) || Double.isInfinite(rtol + peakTol + timeTolerance)) {
                throw new IllegalArgumentException("tolerances must be finite and not negative");
            }
        }
    }

    /**
     * Where a variable first leaves tolerance: time, A's and B's value (NaN when missing) and the
     * relative error |a - b| / |b| (infinite when b is 0, NaN when a value is missing). A null
     * time means the two series share no time at all.
     */
    public record Difference(String name, Double time, double a, double b, double relativeError, int timesOutside) {}

    /** The whole comparison; {@code differences} sorted by first divergence time. */
    public record Result(int shared, int matching, List<Difference> differences, List<String> onlyInA, List<String> onlyInB) {
        public boolean allMatch() {
            return shared > 0 && differences.isEmpty();
        }
    }

    private RunComparison() {}

    public static Result compare(RunTable a, RunTable b, Tolerance tol) {
        return compare(a, b, tol, name -> true);
    }

    /** Compares the variables both runs hold whose name (as B spells it) passes {@code include}. */
    public static Result compare(RunTable a, RunTable b, Tolerance tol, Predicate<String> include) {
        Map<String, String> aNames = new LinkedHashMap<>();
        for (String n : a.series().keySet()) aNames.put(RunTable.key(n), n);
        List<String> onlyInB = new ArrayList<>();
        List<Difference> diffs = new ArrayList<>();
        Map<String, Double> variablePeaks = new java.util.HashMap<>();
        for (Map.Entry<String, DataFiles.Series> e : b.series().entrySet()) {
            variablePeaks.merge(variableOf(e.getKey()), peak(e.getValue()), Math::max);
        }
        int shared = 0;
        for (Map.Entry<String, DataFiles.Series> e : b.series().entrySet()) {
            String name = e.getKey();
            String aName = aNames.remove(RunTable.key(name));
            if (!include.test(name) && (aName == null || !include.test(aName))) continue;
            if (aName == null) {
                onlyInB.add(name);
                continue;
            }
            shared++;
            double peak = tol.peakPerElement() ? peak(e.getValue()) : variablePeaks.get(variableOf(name));
            Difference d = difference(name, a.series().get(aName), e.getValue(), peak, tol);
            if (d != null) diffs.add(d);
        }
        List<String> onlyInA = new ArrayList<>();
        for (String n : aNames.values()) if (include.test(n)) onlyInA.add(n);
        diffs.sort(Comparator.comparing((Difference d) -> d.time() == null ? Double.POSITIVE_INFINITY : d.time())
                .thenComparing(d -> d.name().toLowerCase(Locale.ROOT)));
        return new Result(shared, shared - diffs.size(), List.copyOf(diffs), List.copyOf(onlyInA), List.copyOf(onlyInB));
    }

    /** The largest |value| of a series, missing values aside. */
    private static double peak(DataFiles.Series s) {
        double peak = 0;
        for (double w : s.values()) if (!missing(w)) peak = Math.max(peak, Math.abs(w));
        return peak;
    }

    /** The variable a series belongs to: its name before any subscripts, in the form names are matched. */
    private static String variableOf(String name) {
        int bracket = name.indexOf('[');
        return RunTable.key(bracket < 0 ? name : name.substring(0, bracket));
    }

    /** Null when the series agree at every time both have, else where they first differ; peak scales peakTol. */
    static Difference difference(String name, DataFiles.Series a, DataFiles.Series b, double peak, Tolerance tol) {
        double[] at = a.times();
        int j = 0;
        int common = 0;
        int outside = 0;
        Difference first = null;
        for (int i = 0; i < b.times().length; i++) {
            double t = b.times()[i];
            while (j < at.length && at[j] < t - tol.timeTolerance()) j++;
            // the nearest of A's times within tolerance
            int k = j;
            while (k + 1 < at.length && Math.abs(at[k + 1] - t) < Math.abs(at[k] - t)) k++;
            if (k >= at.length || Math.abs(at[k] - t) > tol.timeTolerance()) continue;
            common++;
            double av = a.values()[k];
            double bv = b.values()[i];
            if (within(av, bv, peak, tol)) continue;
            outside++;
            if (first == null) {
                double rel = missing(av) || missing(bv) ? Double.NaN : Math.abs(av - bv) / Math.abs(bv);
                first = new Difference(name, t, missing(av) ? Double.NaN : av, missing(bv) ? Double.NaN : bv, rel, 0);
            }
        }
        if (common == 0) return new Difference(name, null, Double.NaN, Double.NaN, Double.NaN, 0);
        return first == null ? null : new Difference(first.name(), first.time(), first.a(), first.b(), first.relativeError(), outside);
    }

    private static boolean within(double a, double b, double peak, Tolerance tol) {
        if (missing(a) || missing(b)) return missing(a) && missing(b);
        double d = Math.abs(a - b);
        return d <= tol.rtol() * Math.abs(b) || d <= tol.peakTol() * peak;
    }

    /** A blank, NaN, or Vensim's :NA: number. */
    private static boolean missing(double v) {
        return Double.isNaN(v) || v == Library.NA;
    }

    /**
     * Names matching any of the comma-separated globs ({@code *} any run of characters, {@code ?}
     * one), compared as {@link RunTable#key} does, so {@code pop*[a, b]} finds {@code Population[a,b]}.
     */
    public static Predicate<String> globs(List<String> patterns) {
        List<Pattern> ps = new ArrayList<>();
        for (String p : splitOutsideBrackets(patterns)) {
            String k = RunTable.key(p);
            StringBuilder re = new StringBuilder();
            for (char c : k.toCharArray()) {
                if (c == '*') re.append(".*");
                else if (c == '?') re.append('.');
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            ps.add(Pattern.compile(re.toString(), Pattern.DOTALL));
        }
        if (ps.isEmpty()) throw new IllegalArgumentException("no variable name or glob given");
        return name -> {
            String k = RunTable.key(name);
            for (Pattern p : ps) if (p.matcher(k).matches()) return true;
            return false;
        };
    }

    /** Commas separate globs except inside subscripts: {@code a*, b[x,y]} is two globs. */
    private static List<String> splitOutsideBrackets(List<String> patterns) {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            int depth = 0;
            StringBuilder b = new StringBuilder();
            for (char c : p.toCharArray()) {
                if (c == '[') depth++;
                if (c == ']') depth = Math.max(0, depth - 1);
                if (c == ',' && depth == 0) {
                    if (!b.toString().isBlank()) out.add(b.toString().strip());
                    b.setLength(0);
                } else {
                    b.append(c);
                }
            }
            if (!b.toString().isBlank()) out.add(b.toString().strip());
        }
        return out;
    }
}
