package org.dlab.engine.units;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.model.Names;

/**
 * Reads Vensim unit expressions: products, quotients, integer powers and parentheses over base
 * unit names ({@code Person*Person/Year}, {@code 1/Year}, {@code $/(Widget*Month)},
 * {@code Meter^2}). Numbers, {@code Dmnl}, {@code fraction} and {@code %} are dimensionless.
 * A trailing range ({@code [0,?]}) is not part of the units and is dropped.
 *
 * <p>Names compare as Vensim compares them: case, runs of spaces and underscores do not matter;
 * synonyms stand for their group's head. One parser per model keeps the first spelling met of
 * each name, so findings print the units the way the model writes them.
 */
public final class UnitParser {
    /** Names Vensim reads as "no dimension" (compared by {@link Names#key}). */
    private static final Set<String> DIMENSIONLESS = Set.of("dmnl", "dimensionless", "fraction", "fractions", "%");

    private final UnitSynonyms synonyms;
    private final Map<String, String> spellings = new HashMap<>();

    public UnitParser(UnitSynonyms synonyms) {
        this.synonyms = synonyms;
    }

    public UnitParser() {
        this(UnitSynonyms.NONE);
    }

    /** A malformed unit expression; the message says where. */
    public static final class SyntaxError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) {
            super(message);
        }
    }

    /**
     * The units written in an equation's units field, or null when the field declares none
     * (empty, or only a range).
     *
     * @throws SyntaxError when the text is not a unit expression
     */
    public Units parse(String text) {
        String t = stripRange(text);
        if (t.isEmpty()) return null;
        Reader r = new Reader(t);
        Units u = r.product();
        if (r.i < t.length()) throw r.error("unexpected '" + t.charAt(r.i) + "'");
        return u;
    }

    /** The units part of a units field: everything before a range such as {@code [0,1,0.1]}. */
    public static String stripRange(String field) {
        if (field == null) return "";
        int b = field.indexOf('[');
        return (b < 0 ? field : field.substring(0, b)).strip();
    }

    /** A name as written, with runs of white space made one space. */
    static String spelling(String name) {
        return name.strip().replaceAll("\\s+", " ");
    }

    /** The base unit a name stands for: a synonym's head, or the first spelling met. */
    private Units name(String raw) {
        String n = spelling(raw);
        String key = Names.key(n);
        if (DIMENSIONLESS.contains(key) || isNumber(n)) return Units.DIMENSIONLESS;
        String head = synonyms.headOf(n);
        if (head == null) return Units.base(spellings.computeIfAbsent(key, k -> n));
        if (DIMENSIONLESS.contains(Names.key(head))) return Units.DIMENSIONLESS;
        return Units.base(spellings.computeIfAbsent(Names.key(head), k -> head));
    }

    private static boolean isNumber(String s) {
        return s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    /** Recursive descent over one expression; {@code i} is the next character. */
    private final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Units product() {
            Units u = power();
            while (true) {
                skipSpace();
                if (i >= s.length()) return u;
                char c = s.charAt(i);
                if (c == '*') {
                    i++;
                    u = u.times(power());
                } else if (c == '/') {
                    i++;
                    u = u.divide(power());
                } else {
                    return u;
                }
            }
        }

        Units power() {
            Units u = atom();
            skipSpace();
            if (i < s.length() && s.charAt(i) == '^') {
                i++;
                u = u.pow(exponent());
            }
            return u;
        }

        private int exponent() {
            skipSpace();
            boolean paren = i < s.length() && s.charAt(i) == '(';
            if (paren) i++;
            skipSpace();
            int start = i;
            if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            String digits = s.substring(start, i);
            if (!digits.matches("[+-]?\\d{1,6}")) throw error("expected a whole-number power after '^'");
            skipSpace();
            if (paren) {
                if (i >= s.length() || s.charAt(i) != ')') throw error("missing ')' after the power");
                i++;
            }
            return Integer.parseInt(digits.startsWith("+") ? digits.substring(1) : digits);
        }

        Units atom() {
            skipSpace();
            if (i >= s.length()) throw error("missing a unit name at the end");
            char c = s.charAt(i);
            if (c == '(') {
                i++;
                Units u = product();
                skipSpace();
                if (i >= s.length() || s.charAt(i) != ')') throw error("missing ')'");
                i++;
                return u;
            }
            int start = i;
            while (i < s.length() && "*/^()".indexOf(s.charAt(i)) < 0) i++;
            String n = s.substring(start, i);
            if (n.isBlank()) throw error("missing a unit name before '" + c + "'");
            return name(n);
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        SyntaxError error(String what) {
            return new SyntaxError("units '" + s + "': " + what + " (at character " + (i + 1) + ")");
        }
    }
}
