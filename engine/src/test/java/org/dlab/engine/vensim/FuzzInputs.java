package org.dlab.engine.vensim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Inputs for {@link ParserFuzzTest}: real models of the shared test suite mutated at random,
 * and models generated from a small Vensim grammar then damaged by token deletions and
 * insertions. Plain {@link Random}-driven so one jqwik seed reproduces a failing input.
 */
final class FuzzInputs {
    private FuzzInputs() {}

    /** Fragments that matter to the lexer and parser, inserted by mutations. */
    static final String[] FRAGMENTS = {
        "(", ")", "[", "]", "{", "}", "~", "|", ":", "=", "==", ":=", ",", ";", "!", "\"", "'", "\\\n", "\n", " ",
        "-", "+", "*", "/", "^", "<", ">", "<>", "<=", "->", "<->", ":AND:", ":OR:", ":NOT:", ":NA:", ":EXCEPT:",
        ":INTERPOLATE:", ":HOLD BACKWARD:", ":MACRO:", ":END OF MACRO:", "\\\\\\---///", "INTEG(", "IF THEN ELSE(",
        "SMOOTH(", "DELAY N(", "SUM(", "WITH LOOKUP(", "GET XLS DATA('a.xlsx','S','A','B2')", "GET DIRECT SUBSCRIPT(",
        "TABBED ARRAY(", "(a1-a9)", "1e308", "1e-320", "0", "-1", "1.5.5", "[(0,0)-(1,1)]", "(1,2)", "Time",
        "FINAL TIME", "TIME STEP", "x", "y[A]", "A", "A!", "\u00e9", "\t", "\r", "\uFEFF", "\u2028", "\u0000", "\u007f",
    };

    static final String[] FUNCTIONS = {
        "INTEG", "SMOOTH", "SMOOTHI", "SMOOTH3", "SMOOTH N", "DELAY1", "DELAY3", "DELAY N", "DELAY FIXED", "TREND",
        "FORECAST", "MAX", "MIN", "ABS", "EXP", "LN", "SQRT", "IF THEN ELSE", "XIDZ", "ZIDZ", "STEP", "PULSE",
        "PULSE TRAIN", "RAMP", "SUM", "PROD", "VMAX", "VMIN", "INITIAL", "ACTIVE INITIAL", "SAMPLE IF TRUE",
        "RANDOM UNIFORM", "RANDOM NORMAL", "WITH LOOKUP", "LOOKUP INVERT", "ELMCOUNT", "MODULO", "QUANTUM",
        "GET XLS DATA", "GET DIRECT CONSTANTS", "VECTOR SORT ORDER", "NO SUCH FUNCTION", "tbl", "mac",
    };

    static final String[] NAMES = {"x", "y", "stock", "flow rate", "tbl", "c", "Time", "FINAL TIME", "TIME STEP"};

    static final String CONTROL = "INITIAL TIME = 0 ~~|\nFINAL TIME = 4 ~~|\nTIME STEP = 1 ~~|\n";

    /** The shared suite's models (text before the sketch), or none when the folder is absent. */
    static List<String> corpus() {
        String p = System.getProperty("dlab.shared");
        if (p == null) return List.of();
        Path root = Path.of(p, "sd-test-models");
        if (!Files.isDirectory(root)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(x -> x.toString().toLowerCase().endsWith(".mdl")).sorted().toList()) {
                String t = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                int sketch = t.indexOf("\\\\\\---///");
                // keep a little of the sketch so mutations can break the marker; bound the size for speed
                t = t.substring(0, Math.min(t.length(), sketch < 0 ? 20_000 : Math.min(sketch + 200, 20_000)));
                out.add(t);
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    /**
     * One to five random edits: deletions, insertions, duplications, swaps, truncation; half the
     * time instead a model-aware edit (a word replaced by another word of the model, a whole
     * equation dropped or repeated) that keeps the text parseable and tests the analysis.
     */
    static String mutate(String text, Random r) {
        if (r.nextBoolean()) return mutateWords(text, r);
        StringBuilder b = new StringBuilder(text);
        int edits = 1 + r.nextInt(5);
        for (int k = 0; k < edits; k++) {
            int n = b.length();
            int at = n == 0 ? 0 : r.nextInt(n + 1);
            int len = Math.min(n - at, 1 + r.nextInt(r.nextBoolean() ? 4 : 40));
            switch (r.nextInt(7)) {
                case 0 -> b.delete(at, at + len);
                case 1, 2 -> b.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
                case 3 -> b.insert(at, (char) r.nextInt(r.nextBoolean() ? 128 : 0x3000));
                case 4 -> b.insert(at, b.substring(at, at + len));
                case 5 -> {
                    int other = n == 0 ? 0 : r.nextInt(n + 1);
                    int len2 = Math.min(n - other, len);
                    String moved = b.substring(other, other + len2);
                    b.delete(other, other + len2);
                    b.insert(Math.min(at, b.length()), moved);
                }
                default -> {
                    if (r.nextInt(4) == 0) b.setLength(at);
                    else if (len > 0) b.setCharAt(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)].charAt(0));
                }
            }
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    private static String mutateWords(String text, Random r) {
        String[] eqs = text.split("(?<=\\|)");
        List<String> out = new ArrayList<>(List.of(eqs));
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits && !out.isEmpty(); k++) {
            int i = r.nextInt(out.size());
            switch (r.nextInt(4)) {
                case 0 -> out.remove(i);
                case 1 -> out.add(r.nextInt(out.size() + 1), out.get(i));
                default -> {
                    // a word of this equation becomes a word from anywhere in the model
                    List<int[]> spans = new ArrayList<>();
                    var m = WORD.matcher(out.get(i));
                    while (m.find()) spans.add(new int[] {m.start(), m.end()});
                    var all = WORD.matcher(text);
                    List<String> words = new ArrayList<>();
                    while (all.find() && words.size() < 2000) words.add(all.group());
                    if (spans.isEmpty() || words.isEmpty()) continue;
                    int[] sp = spans.get(r.nextInt(spans.size()));
                    String e = out.get(i);
                    out.set(i, e.substring(0, sp[0]) + words.get(r.nextInt(words.size())) + e.substring(sp[1]));
                }
            }
        }
        return String.join("", out);
    }

    /** A model of a few random equations, then damaged at the token level. */
    static String grammarModel(Random r) {
        List<String> toks = new ArrayList<>();
        if (r.nextInt(3) > 0) toks.add(CONTROL);
        if (r.nextInt(3) == 0) toks.add("A : a1, a2, a3 ~~|\n");
        if (r.nextInt(5) == 0) toks.add("B : (b1-b" + (r.nextInt(50) == 0 ? r.nextInt(2_000_000) : 1 + r.nextInt(5)) + ") -> A ~~|\n");
        if (r.nextInt(4) == 0) toks.add("tbl([(0,0)-(2,2)],(0,0),(1," + r.nextInt(3) + "),(2,2)) ~~|\n");
        if (r.nextInt(8) == 0) toks.add(":MACRO: mac(p)\nmac = p * 2 ~~|\n:END OF MACRO:\n");
        int equations = 1 + r.nextInt(6);
        for (int k = 0; k < equations; k++) equation(toks, r);
        // damage: delete or insert tokens
        int damage = r.nextBoolean() ? 0 : 1 + r.nextInt(3);
        for (int k = 0; k < damage && !toks.isEmpty(); k++) {
            int at = r.nextInt(toks.size());
            if (r.nextBoolean()) toks.remove(at);
            else toks.add(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        return String.join("", toks);
    }

    private static void equation(List<String> t, Random r) {
        t.add(NAMES[r.nextInt(NAMES.length)]);
        if (r.nextInt(4) == 0) t.add(r.nextBoolean() ? "[A]" : "[a1, B]");
        switch (r.nextInt(6)) {
            case 0 -> {
                t.add(" := ");
                expr(t, r, 3);
            }
            case 1 -> {
                t.add(" = ");
                for (int k = 0; k < 1 + r.nextInt(4); k++) t.add((k > 0 ? (r.nextBoolean() ? "," : ";") : "") + r.nextInt(9));
            }
            case 2 -> t.add("(" + (r.nextBoolean() ? "[(0,0)-(1,1)]," : "") + "(0," + r.nextInt(3) + "),(1,1))");
            default -> {
                t.add(r.nextInt(8) == 0 ? " == " : " = ");
                expr(t, r, 1 + r.nextInt(4));
            }
        }
        t.add(r.nextInt(10) == 0 ? " ~ units ~ doc ~ :SUPPLEMENTARY |\n" : " ~ units ~ doc |\n");
    }

    private static void expr(List<String> t, Random r, int depth) {
        int pick = depth <= 0 ? r.nextInt(3) : r.nextInt(9);
        switch (pick) {
            case 0 -> t.add(r.nextInt(5) == 0 ? "-" + r.nextInt(100) + "." + r.nextInt(10) : String.valueOf(r.nextInt(10)));
            case 1 -> t.add(NAMES[r.nextInt(NAMES.length)] + (r.nextInt(5) == 0 ? "[" + (r.nextBoolean() ? "A" : "A!") + "]" : ""));
            case 2 -> t.add(r.nextInt(6) == 0 ? ":NA:" : r.nextInt(6) == 0 ? "'file.csv'" : "Time");
            case 3, 4 -> {
                t.add(FUNCTIONS[r.nextInt(FUNCTIONS.length)] + "(");
                int args = r.nextInt(5);
                for (int k = 0; k < args; k++) {
                    if (k > 0) t.add(", ");
                    expr(t, r, depth - 1);
                }
                t.add(")");
            }
            case 5 -> {
                t.add("(");
                expr(t, r, depth - 1);
                t.add(")");
            }
            case 6 -> {
                t.add(new String[] {"-", "+", ":NOT: "}[r.nextInt(3)]);
                expr(t, r, depth - 1);
            }
            default -> {
                expr(t, r, depth - 1);
                t.add(new String[] {" + ", " - ", " * ", " / ", " ^ ", " = ", " <> ", " < ", " :AND: ", " :OR: "}[r.nextInt(10)]);
                expr(t, r, depth - 1);
            }
        }
    }
}
