package org.dlab.engine.units;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Units in canonical form: each base unit with a non-zero integer exponent. Dimensionless is
 * the empty map. Base units are keyed by their display spelling as the {@link UnitParser}
 * settled it (first spelling seen, or the head of a synonym group), so two equal values print
 * alike and {@link #equals} is the units comparison.
 */
public final class Units {
    /** Case-insensitive order keeps the printed form stable whatever the order in the model. */
    private static final java.util.Comparator<String> ORDER =
            String.CASE_INSENSITIVE_ORDER.thenComparing(java.util.Comparator.naturalOrder());

    public static final Units DIMENSIONLESS = new Units(new TreeMap<>(ORDER));

    private final Map<String, Integer> exponents;

    private Units(TreeMap<String, Integer> exponents) {
        this.exponents = Collections.unmodifiableMap(exponents);
    }

    /** One base unit to the first power. */
    public static Units base(String name) {
        TreeMap<String, Integer> m = new TreeMap<>(ORDER);
        m.put(name, 1);
        return new Units(m);
    }

    /** From a map of exponents; zero exponents are dropped. */
    public static Units of(Map<String, Integer> exponents) {
        TreeMap<String, Integer> m = new TreeMap<>(ORDER);
        exponents.forEach((k, v) -> {
            if (v != 0) m.put(k, v);
        });
        return new Units(m);
    }

    public Map<String, Integer> exponents() {
        return exponents;
    }

    public boolean isDimensionless() {
        return exponents.isEmpty();
    }

    public Units times(Units o) {
        TreeMap<String, Integer> m = new TreeMap<>(ORDER);
        m.putAll(exponents);
        o.exponents.forEach((k, v) -> m.merge(k, v, Integer::sum));
        m.values().removeIf(v -> v == 0);
        return new Units(m);
    }

    public Units divide(Units o) {
        return times(o.pow(-1));
    }

    public Units pow(int n) {
        TreeMap<String, Integer> m = new TreeMap<>(ORDER);
        if (n != 0) exponents.forEach((k, v) -> m.put(k, v * n));
        return new Units(m);
    }

    /** The n-th root, or null when some exponent is not a multiple of n (no integer form). */
    public Units root(int n) {
        TreeMap<String, Integer> m = new TreeMap<>(ORDER);
        for (Map.Entry<String, Integer> e : exponents.entrySet()) {
            if (e.getValue() % n != 0) return null;
            m.put(e.getKey(), e.getValue() / n);
        }
        return new Units(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Units u && u.exponents.equals(exponents);
    }

    @Override
    public int hashCode() {
        return exponents.hashCode();
    }

    /**
     * Vensim's way of writing units: {@code Dmnl}, {@code Person*Person/Year},
     * {@code $/(Month*Widget)}, {@code 1/Year}; higher powers as {@code Person^3}.
     */
    @Override
    public String toString() {
        if (exponents.isEmpty()) return "Dmnl";
        List<String> num = new ArrayList<>();
        List<String> den = new ArrayList<>();
        exponents.forEach((k, v) -> {
            if (v > 0) num.add(power(k, v));
            else den.add(power(k, -v));
        });
        String top = num.isEmpty() ? "1" : String.join("*", num);
        if (den.isEmpty()) return top;
        String bottom = String.join("*", den);
        // a product below the line needs parentheses: a/b*c would read as (a/b)*c
        return top + "/" + (bottom.contains("*") ? "(" + bottom + ")" : bottom);
    }

    /** Squares are written out, as Vensim modellers do; higher powers use ^. */
    private static String power(String name, int n) {
        if (n == 1) return name;
        if (n == 2) return name + "*" + name;
        return name + "^" + n;
    }
}
