package org.dlab.engine.compile;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Plan;
import org.dlab.engine.model.ScalarVar;
import org.dlab.engine.model.StateObject;

/**
 * Writes the Java source of a model's {@link org.dlab.engine.run.ModelCode}. Only slot numbers,
 * table indices and number literals reach the source: no name or text from the model file is
 * ever spliced into it. Method bodies are split into chunks small enough for the JIT to
 * compile (HotSpot skips methods over 8,000 bytecode bytes).
 */
public final class JavaSourceGenerator {
    /** Nodes per generated method: keeps each under the JIT's huge-method limit. */
    static final int CHUNK_NODES = 600;

    private final Plan plan;
    private final StringBuilder out = new StringBuilder();
    private boolean initPhase;

    private JavaSourceGenerator(Plan plan) {
        this.plan = plan;
    }

    public static String generate(Plan plan, String className) {
        return new JavaSourceGenerator(plan).source(className);
    }

    private String source(String className) {
        out.append("public final class ").append(className).append(" extends org.dlab.engine.run.ModelCode {\n");
        int nt = plan.tables().size();
        for (int i = 0; i < nt; i++) out.append("  private final double[] x").append(i).append(", y").append(i).append(";\n");
        out.append("  public ").append(className).append("(double[][] xs, double[][] ys) {\n");
        for (int i = 0; i < nt; i++) out.append("    x").append(i).append(" = xs[").append(i).append("]; y").append(i).append(" = ys[").append(i).append("];\n");
        out.append("  }\n");

        initPhase = true;
        List<String> init = new ArrayList<>();
        for (Object o : plan.initOrder()) {
            if (o instanceof ScalarVar v) {
                if (v.initial == null) continue;
                init.add("if (!fixed[" + v.slot + "]) s[" + v.slot + "] = " + expr(v.initial) + ";");
            } else if (o instanceof StateObject st) {
                init.add("rs.states[" + st.index() + "].init(" + expr(st.initArgs().get(0)) + ", " + expr(st.initArgs().get(1)) + ", s["
                        + plan.model().timeStep().slot + "]);");
            }
        }
        method("initialize", "double[] s, boolean[] fixed, org.dlab.engine.run.RunState rs", "s, fixed, rs", init);

        initPhase = false;
        List<String> eval = new ArrayList<>();
        for (ScalarVar v : plan.stepOrder()) eval.add("s[" + v.slot + "] = " + expr(v.expr) + ";");
        method("evaluate", "double[] s, double t, org.dlab.engine.run.RunState rs", "s, t, rs", eval);

        List<String> rates = new ArrayList<>();
        for (ScalarVar v : plan.stocks()) rates.add("d[" + v.slot + "] = " + expr(v.rate) + ";");
        method("rates", "double[] s, double[] d, double t, org.dlab.engine.run.RunState rs", "s, d, t, rs", rates);

        // Euler: every rate first (a stock's rate may read another stock), then the updates
        List<String> euler = new ArrayList<>();
        euler.add("rates(s, d, t, rs);");
        for (ScalarVar v : plan.stocks()) euler.add("s[" + v.slot + "] += dt * d[" + v.slot + "];");
        method("euler", "double[] s, double[] d, double dt, double t, org.dlab.engine.run.RunState rs", "s, d, dt, t, rs", euler);

        List<String> update = new ArrayList<>();
        int nStocks = plan.stocks().size();
        for (ScalarVar v : plan.discretes()) update.add("next[" + (v.slot - nStocks) + "] = " + expr(v.rate) + ";");
        List<StateObject> states = plan.model().states();
        // inputs are read before any pipeline moves, so one DELAY FIXED may feed another
        for (StateObject st : states) update.add("double in" + st.index() + " = " + expr(st.input()) + ";");
        for (StateObject st : states) update.add("rs.states[" + st.index() + "].push(in" + st.index() + ");");
        if (states.isEmpty()) {
            method("update", "double[] s, double[] next, double t, org.dlab.engine.run.RunState rs", "s, next, t, rs", update);
        } else {
            // locals must stay in one method
            out.append("  public void update(double[] s, double[] next, double t, org.dlab.engine.run.RunState rs) {\n");
            for (String line : update) out.append("    ").append(line).append('\n');
            out.append("  }\n");
        }
        out.append("}\n");
        return out.toString();
    }

    private void method(String name, String params, String args, List<String> statements) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        int size = 0;
        for (String st : statements) {
            int cost = Math.max(1, st.length() / 12);
            if (!cur.isEmpty() && size + cost > CHUNK_NODES) {
                chunks.add(cur);
                cur = new ArrayList<>();
                size = 0;
            }
            cur.add(st);
            size += cost;
        }
        if (!cur.isEmpty()) chunks.add(cur);
        out.append("  public void ").append(name).append('(').append(params).append(") {\n");
        for (int i = 0; i < chunks.size(); i++) out.append("    ").append(name).append(i).append('(').append(args).append(");\n");
        out.append("  }\n");
        for (int i = 0; i < chunks.size(); i++) {
            out.append("  private void ").append(name).append(i).append('(').append(params).append(") {\n");
            for (String st : chunks.get(i)) out.append("    ").append(st).append('\n');
            out.append("  }\n");
        }
    }

    static String literal(double v) {
        if (Double.isNaN(v)) return "Double.NaN";
        if (v == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
        if (v == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
        String s = Double.toString(v);
        return v < 0 ? "(" + s + ")" : s;
    }

    private String expr(Node n) {
        StringBuilder b = new StringBuilder();
        expr(n, b);
        return b.toString();
    }

    private void expr(Node n, StringBuilder b) {
        if (n instanceof Node.Const c) {
            b.append(literal(c.value()));
        } else if (n instanceof Node.Var v) {
            b.append("s[").append(v.var().slot).append(']');
        } else if (n instanceof Node.Time) {
            b.append(initPhase ? "s[" + plan.model().initialTime().slot + "]" : "t");
        } else if (n instanceof Node.Neg g) {
            b.append("(-");
            expr(g.operand(), b);
            b.append(')');
        } else if (n instanceof Node.Not g) {
            b.append("(");
            expr(g.operand(), b);
            b.append(" == 0.0 ? 1.0 : 0.0)");
        } else if (n instanceof Node.If i) {
            b.append("(");
            expr(i.cond(), b);
            b.append(" != 0.0 ? ");
            expr(i.then(), b);
            b.append(" : ");
            expr(i.otherwise(), b);
            b.append(')');
        } else if (n instanceof Node.Bin bin) {
            binary(bin, b);
        } else if (n instanceof Node.Fn f) {
            b.append(f.fn().javaName).append('(');
            args(f.args(), b);
        } else if (n instanceof Node.Lookup l) {
            int i = plan.tables().get(l.table());
            String fn = switch (l.mode()) {
                case INTERPOLATE -> "lookup";
                case EXTRAPOLATE -> "lookupExtrapolate";
                case FORWARD -> "lookupForward";
                case BACKWARD -> "lookupBackward";
                case RAW -> "lookupRaw";
            };
            b.append("org.dlab.engine.run.Functions.").append(fn).append("(x").append(i).append(", y").append(i).append(", ");
            expr(l.x(), b);
            b.append(')');
        } else if (n instanceof Node.Random r) {
            String fn = switch (r.kind()) {
                case UNIFORM -> "uniform";
                case NORMAL -> "normal";
                case POISSON -> "poisson";
                case EXPONENTIAL -> "exponential";
                case GAMMA -> "gamma";
                case LOGNORMAL -> "lognormal";
                case TRIANGULAR -> "triangular";
                case BETA -> "beta";
                case BINOMIAL -> "binomial";
                case NEGATIVE_BINOMIAL -> "negativeBinomial";
                case WEIBULL -> "weibull";
            };
            b.append("rs.").append(fn).append('(');
            args(r.args(), b);
        } else if (n instanceof Node.ArrayCall a) {
            b.append("org.dlab.engine.run.").append(a.owner()).append('.').append(a.method()).append('(');
            for (List<Node> vector : a.vectors()) {
                b.append("new double[] {");
                for (int k = 0; k < vector.size(); k++) {
                    if (k > 0) b.append(", ");
                    expr(vector.get(k), b);
                }
                b.append("}, ");
            }
            for (Node x : a.extra()) {
                expr(x, b);
                b.append(", ");
            }
            b.append(a.index()).append(')');
        } else if (n instanceof Node.State st) {
            b.append("rs.states[").append(st.index()).append("].value()");
        } else {
            throw new IllegalStateException("unknown node " + n);
        }
    }

    private void args(List<Node> args, StringBuilder b) {
        for (int k = 0; k < args.size(); k++) {
            if (k > 0) b.append(", ");
            expr(args.get(k), b);
        }
        b.append(')');
    }

    private void binary(Node.Bin bin, StringBuilder b) {
        String op = switch (bin.op()) {
            case ADD -> "+";
            case SUB -> "-";
            case MUL -> "*";
            case DIV -> "/";
            case EQ -> "==";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case AND -> "&&";
            case OR -> "||";
            case POW -> null;
        };
        switch (bin.op()) {
            case POW -> {
                b.append("Math.pow(");
                expr(bin.left(), b);
                b.append(", ");
                expr(bin.right(), b);
                b.append(')');
            }
            case ADD, SUB, MUL, DIV -> {
                b.append('(');
                expr(bin.left(), b);
                b.append(' ').append(op).append(' ');
                expr(bin.right(), b);
                b.append(')');
            }
            case AND, OR -> {
                b.append("((");
                expr(bin.left(), b);
                b.append(" != 0.0) ").append(op).append(" (");
                expr(bin.right(), b);
                b.append(" != 0.0) ? 1.0 : 0.0)");
            }
            default -> {
                b.append("((");
                expr(bin.left(), b);
                b.append(' ').append(op).append(' ');
                expr(bin.right(), b);
                b.append(") ? 1.0 : 0.0)");
            }
        }
    }
}
