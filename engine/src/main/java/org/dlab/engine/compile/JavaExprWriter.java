package org.dlab.engine.compile;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.Plan;

/**
 * Writes one expression as Java for a {@link PartWriter}. Only slot numbers, table indices and
 * number literals reach the source, never text from the model. An expression too long for one
 * method (a reduction over thousands of elements, say) has its largest parts moved into helper
 * methods, so every method stays small whatever the equation.
 */
final class JavaExprWriter {
    /** Characters of one expression past which its largest sub-expressions get methods of their own. */
    static final int HOIST_CHARS = 3_000;
    private static final int MIN_HOIST = 80;
    /** Vectors up to this length are written inline as array initialisers. */
    private static final int INLINE_VECTOR = 32;

    private final Plan plan;
    private PartWriter part;

    JavaExprWriter(Plan plan) {
        this.plan = plan;
    }

    void target(PartWriter p) {
        part = p;
    }

    String expr(Node n) {
        String code = node(n);
        return code;
    }

    /** Hoists the longest pieces until their total fits; pieces are evaluated in the same order. */
    private String[] fit(String... pieces) {
        int total = 0;
        for (String p : pieces) total += p.length();
        while (total > HOIST_CHARS) {
            int best = -1;
            for (int i = 0; i < pieces.length; i++) {
                if (pieces[i].length() > MIN_HOIST && (best < 0 || pieces[i].length() > pieces[best].length())) best = i;
            }
            if (best < 0) break;
            String call = part.hoist(pieces[best]);
            total += call.length() - pieces[best].length();
            pieces[best] = call;
        }
        return pieces;
    }

    private String[] all(List<Node> nodes) {
        String[] out = new String[nodes.size()];
        for (int i = 0; i < out.length; i++) out[i] = node(nodes.get(i));
        return fit(out);
    }

    private String node(Node n) {
        if (n instanceof Node.Const c) return part.literal(c.value());
        if (n instanceof Node.Var v) return part.slot(plan.slot(v.var()));
        if (n instanceof Node.Time) return part.phase == PartWriter.Phase.INIT ? part.slot(plan.slot(plan.model().initialTime())) : "t";
        if (n instanceof Node.Neg g) return "(-" + fit(node(g.operand()))[0] + ")";
        if (n instanceof Node.Not g) return "(" + fit(node(g.operand()))[0] + " == 0.0 ? 1.0 : 0.0)";
        if (n instanceof Node.If i) {
            String[] p = fit(node(i.cond()), node(i.then()), node(i.otherwise()));
            return "(" + p[0] + " != 0.0 ? " + p[1] + " : " + p[2] + ")";
        }
        if (n instanceof Node.Bin bin) return binary(bin);
        if (n instanceof Node.Fn f) return f.fn().javaSource() + "(" + String.join(", ", all(f.args())) + ")";
        if (n instanceof Node.Lookup l) {
            int i = plan.tables().get(l.table());
            return "T[" + part.index(i) + "]." + l.mode().javaMethod + "(" + fit(node(l.x()))[0] + ")";
        }
        if (n instanceof Node.Random r) return "rs." + r.kind().method + "(" + String.join(", ", all(r.args())) + ")";
        if (n instanceof Node.ArrayCall a) {
            List<String> args = new ArrayList<>();
            for (List<Node> vector : a.vectors()) args.add(vector(vector));
            args.addAll(List.of(all(a.extra())));
            args.add(Integer.toString(a.index()));
            return "org.dlab.engine.run." + a.owner() + "." + a.method() + "(" + String.join(", ", fit(args.toArray(new String[0]))) + ")";
        }
        if (n instanceof Node.State st) return "rs.states[" + part.index(st.index()) + "].value()";
        throw new IllegalStateException("unknown node " + n);
    }

    private String vector(List<Node> vector) {
        boolean plain = true;
        for (Node x : vector) plain &= x instanceof Node.Var;
        if (vector.size() > INLINE_VECTOR && plain) {
            int[] slots = new int[vector.size()];
            for (int i = 0; i < slots.length; i++) slots[i] = plan.slot(((Node.Var) vector.get(i)).var());
            return part.gather(slots);
        }
        String[] elements = all(vector);
        if (vector.size() > INLINE_VECTOR) return part.fill(List.of(elements));
        return "new double[] {" + String.join(", ", elements) + "}";
    }

    private String binary(Node.Bin bin) {
        String[] p = fit(node(bin.left()), node(bin.right()));
        String l = p[0];
        String r = p[1];
        return switch (bin.op()) {
            case POW -> "Math.pow(" + l + ", " + r + ")";
            case ADD -> "(" + l + " + " + r + ")";
            case SUB -> "(" + l + " - " + r + ")";
            case MUL -> "(" + l + " * " + r + ")";
            case DIV -> "(" + l + " / " + r + ")";
            case AND -> "((" + l + " != 0.0) && (" + r + " != 0.0) ? 1.0 : 0.0)";
            case OR -> "((" + l + " != 0.0) || (" + r + " != 0.0) ? 1.0 : 0.0)";
            case EQ -> "((" + l + " == " + r + ") ? 1.0 : 0.0)";
            case NE -> "((" + l + " != " + r + ") ? 1.0 : 0.0)";
            case LT -> "((" + l + " < " + r + ") ? 1.0 : 0.0)";
            case LE -> "((" + l + " <= " + r + ") ? 1.0 : 0.0)";
            case GT -> "((" + l + " > " + r + ") ? 1.0 : 0.0)";
            case GE -> "((" + l + " >= " + r + ") ? 1.0 : 0.0)";
        };
    }
}
