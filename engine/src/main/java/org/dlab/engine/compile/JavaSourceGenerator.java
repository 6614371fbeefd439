package org.dlab.engine.compile;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.StateObject;

/**
 * Writes the Java source of a model's {@link org.dlab.engine.run.ModelCode} as one or more
 * classes. Each phase (initialise, evaluate, rates, update) is a sequence of statements; the
 * sequence is cut into consecutive shares, one per class, so no class outgrows the JVM's
 * constant pool and no method its 64 KB (or the JIT's 8,000-byte) limit, at any model size.
 * A model of one class (most) runs exactly as before; several run in order
 * ({@link SplitModelCode}). Constants whose value is a number are data, not code.
 */
public final class JavaSourceGenerator {
    /** Past this many stocks the Euler update is the base class's loop rather than a line per stock. */
    static final int INLINE_EULER_STOCKS = 4_000;

    /** One generated class with the data its constructor takes. */
    public record Part(String className, String source, double[] constants, int[][] gathers) {}

    /** The classes of a model in execution order, and the model-wide data they share. */
    public record Generated(List<Part> parts, int[] constantSlots, double[] constantValues) {}

    private final Plan plan;
    private final String baseName;
    private final JavaExprWriter exprs;
    private final List<PartWriter> parts = new ArrayList<>();
    private PartWriter part;

    private JavaSourceGenerator(Plan plan, String baseName) {
        this.plan = plan;
        this.baseName = baseName;
        this.exprs = new JavaExprWriter(plan);
    }

    public static Generated generate(Plan plan, String baseName) {
        return new JavaSourceGenerator(plan, baseName).run();
    }

    private void open() {
        PartWriter p = new PartWriter(baseName + "_" + parts.size());
        if (part != null) p.phase = part.phase;
        parts.add(p);
        part = p;
        exprs.target(p);
    }

    /** Adds a statement to the current class, opening the next once this one is full. */
    private void add(java.util.function.Supplier<String> statement) {
        part.add(statement.get());
        if (part.full()) open();
    }

    private Generated run() {
        open();
        List<Integer> cs = new ArrayList<>();
        List<Double> cv = new ArrayList<>();
        part.phase = PartWriter.Phase.INIT;
        for (Object o : plan.initOrder()) {
            if (o instanceof ScalarVar v) {
                if (v.initial == null) continue;
                Double c = constant(v.initial);
                if (c != null) {
                    cs.add(plan.slot(v));
                    cv.add(c);
                    continue;
                }
                add(() -> "if (!fixed[" + part.index(plan.slot(v)) + "]) " + part.slot(plan.slot(v)) + " = " + exprs.expr(v.initial) + ";");
            } else if (o instanceof StateObject st) {
                add(() -> "rs.states[" + part.index(st.index()) + "].init(" + exprs.expr(st.initArgs().get(0)) + ", "
                        + exprs.expr(st.initArgs().get(1)) + ", " + part.slot(plan.slot(plan.model().timeStep())) + ");");
            }
        }
        part.phase = PartWriter.Phase.EVAL;
        for (ScalarVar v : plan.stepOrder()) add(() -> part.slot(plan.slot(v)) + " = " + exprs.expr(v.expr) + ";");
        part.phase = PartWriter.Phase.RATES;
        for (ScalarVar v : plan.stocks()) add(() -> "d[" + part.index(plan.slot(v)) + "] = " + exprs.expr(v.rate) + ";");
        part.phase = PartWriter.Phase.UPDATE;
        int nStocks = plan.stocks().size();
        for (ScalarVar v : plan.discretes()) add(() -> "next[" + part.index(plan.slot(v) - nStocks) + "] = " + exprs.expr(v.rate) + ";");
        // inputs are all read before any pipeline moves, so one DELAY FIXED may feed another
        for (StateObject st : plan.model().states()) add(() -> "rs.stateInputs[" + part.index(st.index()) + "] = " + exprs.expr(st.input()) + ";");
        if (part.isEmpty() && parts.size() > 1) parts.remove(parts.size() - 1);

        List<PartWriter.Phase> phases = new ArrayList<>(List.of(PartWriter.Phase.INIT, PartWriter.Phase.EVAL, PartWriter.Phase.RATES, PartWriter.Phase.UPDATE));
        if (parts.size() == 1 && nStocks <= INLINE_EULER_STOCKS) {
            // one line per stock: with constant indices the JIT keeps the step straight-line
            PartWriter only = parts.get(0);
            only.phase = PartWriter.Phase.EULER;
            only.add("rates(s, d, t, rs);");
            for (ScalarVar v : plan.stocks()) only.add("s[" + plan.slot(v) + "] += dt * d[" + plan.slot(v) + "];");
            phases.add(PartWriter.Phase.EULER);
        }
        String tail = plan.model().states().isEmpty() ? null : "rs.pushInputs();";
        List<Part> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            PartWriter p = parts.get(i);
            double[] k = new double[p.data.size()];
            for (int j = 0; j < k.length; j++) k[j] = p.data.get(j);
            // the last class's update runs last: it feeds the pipelines
            out.add(new Part(p.className, p.source(phases, i == parts.size() - 1 ? tail : null), k, p.gathers.toArray(new int[0][])));
        }
        int[] slots = new int[cs.size()];
        double[] values = new double[cv.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = cs.get(i);
            values[i] = cv.get(i);
        }
        return new Generated(out, slots, values);
    }

    /** The value of an initial expression made of numbers and arithmetic only, else null (both JVM back ends). */
    static Double constant(Node n) {
        if (n instanceof Node.Const c) return c.value();
        if (n instanceof Node.Neg g) {
            Double x = constant(g.operand());
            return x == null ? null : -x;
        }
        if (n instanceof Node.Bin b) {
            Double l = constant(b.left());
            if (l == null) return null;
            Double r = constant(b.right());
            if (r == null) return null;
            // the same double operations the generated code would do
            return b.op().arithmetic() ? b.op().apply(l, r) : null;
        }
        return null;
    }

    static String literal(double v) {
        if (Double.isNaN(v)) return "Double.NaN";
        if (v == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
        if (v == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
        String s = Double.toString(v);
        return v < 0 ? "(" + s + ")" : s;
    }
}
