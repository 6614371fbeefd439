package org.dlab.engine.compile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One generated class: a consecutive share of every phase's statements plus the helper methods
 * they need. It keeps count of what fills its constant pool (number literals, int indices past
 * a short's range, methods) so the generator can start a new class long before the JVM's limit
 * of 65,535 entries. Number literals past {@link #LITERALS_IN_CODE} go to a per-class array
 * {@code K}, so a model's constants cost no code however many there are.
 */
final class PartWriter {
    /** Characters of statements per generated method: well under the JIT's 8,000-byte limit. */
    static final int METHOD_CHARS = 7_000;
    /** Estimated constant-pool entries past which the generator starts a new class. */
    static final int POOL_BUDGET = 24_000;
    /** Source characters past which it starts a new class (bounds the compiler's memory). */
    static final int SOURCE_BUDGET = 1_500_000;
    /** Distinct literals written as code (each costs two pool entries); the rest are K[i]. */
    static final int LITERALS_IN_CODE = 2_000;

    enum Phase {
        INIT("initialize", "double[] s, boolean[] fixed, org.dlab.engine.run.RunState rs", "s, fixed, rs", "0.0"),
        EVAL("evaluate", "double[] s, double t, org.dlab.engine.run.RunState rs", "s, t, rs", "t"),
        RATES("rates", "double[] s, double[] d, double t, org.dlab.engine.run.RunState rs", "s, d, t, rs", "t"),
        EULER("euler", "double[] s, double[] d, double dt, double t, org.dlab.engine.run.RunState rs", "s, d, dt, t, rs", "t"),
        UPDATE("update", "double[] s, double[] next, double t, org.dlab.engine.run.RunState rs", "s, next, t, rs", "t");

        final String method;
        final String params;
        final String args;
        /** What helper methods get for t (the initial phase renders Time as INITIAL TIME's slot). */
        final String time;

        Phase(String method, String params, String args, String time) {
            this.method = method;
            this.params = params;
            this.args = args;
            this.time = time;
        }
    }

    static final String HELPER_PARAMS = "double[] s, double t, org.dlab.engine.run.RunState rs";

    final String className;
    private final Map<Phase, List<String>> statements = new EnumMap<>(Phase.class);
    private final StringBuilder helpers = new StringBuilder();
    private final Set<Long> literalsInCode = new HashSet<>();
    private final Map<Long, Integer> dataIndex = new HashMap<>();
    final List<Double> data = new ArrayList<>();
    final List<int[]> gathers = new ArrayList<>();
    private final Set<Integer> bigInts = new HashSet<>();
    private int methods;
    private int chars;
    private int helperCount;
    Phase phase = Phase.INIT;

    PartWriter(String className) {
        this.className = className;
    }

    String literal(double v) {
        long bits = Double.doubleToLongBits(v);
        if (Double.isNaN(v) || Double.isInfinite(v) || literalsInCode.contains(bits) || literalsInCode.size() < LITERALS_IN_CODE) {
            literalsInCode.add(bits);
            return JavaSourceGenerator.literal(v);
        }
        Integer i = dataIndex.get(bits);
        if (i == null) {
            i = data.size();
            dataIndex.put(bits, i);
            data.add(v);
        }
        return "K[" + index(i) + "]";
    }

    /** An int index as it appears in code; past 32,767 it is a pool entry. */
    int index(int i) {
        if (i > Short.MAX_VALUE) bigInts.add(i);
        return i;
    }

    String slot(int slot) {
        return "s[" + index(slot) + "]";
    }

    String gather(int[] slots) {
        gathers.add(slots);
        return "org.dlab.engine.run.Vectors.gather(s, G[" + index(gathers.size() - 1) + "])";
    }

    /** Moves an expression into a method of its own; returns the call. */
    String hoist(String expr) {
        String name = "h" + helperCount++;
        methods++;
        append(helpers, "  private double " + name + "(" + HELPER_PARAMS + ") {\n    return " + expr + ";\n  }\n");
        return name + "(s, " + phase.time + ", rs)";
    }

    /** A vector filled by generated methods, a bounded share of its elements in each. */
    String fill(List<String> elements) {
        String name = "v" + helperCount++;
        List<List<String>> chunks = chunks(elements, i -> "v[" + i + "] = " + elements.get(i) + ";");
        StringBuilder b = new StringBuilder("  private double[] " + name + "(" + HELPER_PARAMS + ") {\n");
        b.append("    double[] v = new double[").append(elements.size()).append("];\n");
        for (int c = 0; c < chunks.size(); c++) b.append("    ").append(name).append('_').append(c).append("(v, s, t, rs);\n");
        b.append("    return v;\n  }\n");
        for (int c = 0; c < chunks.size(); c++) {
            b.append("  private void ").append(name).append('_').append(c).append("(double[] v, ").append(HELPER_PARAMS).append(") {\n");
            for (String st : chunks.get(c)) b.append("    ").append(st).append('\n');
            b.append("  }\n");
        }
        methods += chunks.size() + 1;
        append(helpers, b.toString());
        return name + "(s, " + phase.time + ", rs)";
    }

    private static List<List<String>> chunks(List<String> items, java.util.function.IntFunction<String> line) {
        List<String> lines = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) lines.add(line.apply(i));
        return chunks(lines, METHOD_CHARS);
    }

    /** Consecutive runs of statements of at most {@code maxChars} characters each (a longer statement alone). */
    static List<List<String>> chunks(List<String> statements, int maxChars) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int size = 0;
        for (String st : statements) {
            if (!cur.isEmpty() && size + st.length() > maxChars) {
                chunks.add(cur);
                cur = new ArrayList<>();
                size = 0;
            }
            cur.add(st);
            size += st.length();
        }
        if (!cur.isEmpty()) chunks.add(cur);
        return chunks;
    }

    void add(String statement) {
        statements.computeIfAbsent(phase, p -> new ArrayList<>()).add(statement);
        chars += statement.length();
    }

    private void append(StringBuilder b, String text) {
        b.append(text);
        chars += text.length();
    }

    boolean full() {
        int pool = 2 * literalsInCode.size() + bigInts.size() + 6 * (methods + chars / METHOD_CHARS) + 100;
        return pool > POOL_BUDGET || chars > SOURCE_BUDGET;
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    /** The class's source; {@code phases} lists the phase methods it must define. */
    String source(List<Phase> phases, String tail) {
        StringBuilder out = new StringBuilder(chars + 4096);
        out.append("public final class ").append(className).append(" extends org.dlab.engine.run.ModelCode {\n");
        out.append("  private final double[] K;\n  private final org.dlab.engine.run.LookupTable[] T;\n  private final int[][] G;\n");
        out.append("  private final int[] cs;\n  private final double[] cv;\n");
        out.append("  public ").append(className).append("(double[] K, org.dlab.engine.run.LookupTable[] T, int[][] G, int[] cs, double[] cv) {\n");
        out.append("    this.K = K; this.T = T; this.G = G; this.cs = cs; this.cv = cv;\n  }\n");
        for (Phase p : phases) {
            List<String> body = statements.getOrDefault(p, List.of());
            List<List<String>> chunks = chunks(body, body::get);
            out.append("  public void ").append(p.method).append('(').append(p.params).append(") {\n");
            if (p == Phase.INIT) out.append("    constants(s, fixed, cs, cv);\n");
            for (int i = 0; i < chunks.size(); i++) out.append("    ").append(p.method).append(i).append('(').append(p.args).append(");\n");
            if (p == Phase.UPDATE && tail != null) out.append("    ").append(tail).append('\n');
            out.append("  }\n");
            for (int i = 0; i < chunks.size(); i++) {
                out.append("  private void ").append(p.method).append(i).append('(').append(p.params).append(") {\n");
                for (String st : chunks.get(i)) out.append("    ").append(st).append('\n');
                out.append("  }\n");
            }
        }
        out.append(helpers);
        out.append("}\n");
        return out.toString();
    }
}
