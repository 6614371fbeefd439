package org.dlab.engine.xmile;

import static org.dlab.engine.xmile.GeneratedExpr.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.Names;
import org.dlab.engine.xmile.XmileSymbols.Var;
import org.dlab.engine.xmile.XmlTree.Element;

/**
 * Queue stocks ({@code <queue/>}, XMILE 1.0 section 4.2; isee "Queue Computation"), for the case
 * the documentation settles: a queue whose outflows drain to regular stocks, other queues or
 * clouds. Each DT every nonzero inflow adds a batch (flow * DT) at the back, in the order the
 * inflows are listed; nothing limits what such an outflow takes, so the first outflow empties
 * the queue, this DT's batches included, and the later outflows (overflows or not) take nothing.
 *
 * <p>That is one equation per queue, no state of its own: first outflow = contents / DT + the
 * inflows, so the stock is the initial value at the start and 0 after, and the downstream stock
 * receives every batch in the DT it arrived. Refused, each at its element: a queue outflow into a
 * conveyor (its batch rules: one_at_a_time, batch_integrity, in_limit, capacity), options on
 * {@code <queue>} itself (isee's inflow priority by attribute), {@code <overflow/>} on the first
 * outflow, flows arrayed unlike their queue, SIZE/SUM/MIN... of a queue, and (in
 * {@link XmileParser}) any method but Euler.
 *
 * <p>Sources: XMILE 1.0 (docs.oasis-open.org/xmile/xmile/v1.0), chapter 3 "Queues" and sections
 * 4.2-4.3; isee https://iseesystems.com/resources/help/v3/Content/08-Reference/05-Computational_Details/Queues.htm
 */
final class Queues {
    private record Queue(Var stock, List<Var> inflows, List<Var> outflows) {}

    private final XmileSymbols sym;
    private final Map<String, Queue> byOutflow = new HashMap<>();
    private final Set<String> inflows = new HashSet<>();
    private final List<Queue> queues = new ArrayList<>();

    Queues(XmileSymbols sym) {
        this.sym = sym;
        // which stock each flow fills: a queue's outflow into a conveyor is refused below
        Map<String, Var> fills = new HashMap<>();
        for (Var v : sym.vars.values()) {
            if (!v.kind.equals("stock")) continue;
            for (Element f : v.element.all("inflow")) fills.putIfAbsent(Names.key(v.prefix + flowName(f)), v);
        }
        for (Var v : sym.vars.values()) {
            Element q = v.kind.equals("stock") ? v.element.child("queue") : null;
            if (q != null && v.connectedFrom == null) queue(v, q, fills);
        }
    }

    private void queue(Var s, Element q, Map<String, Var> fills) {
        // XMILE 1.0 section 4.2: "Queues do not have any options"; isee's are read nowhere yet
        if (!q.attributes.isEmpty()) {
            String a = q.attributes.keySet().iterator().next();
            throw new ModelException(q.pos, "queue option " + a + "=\"" + q.attributes.get(a) + "\" is not supported ('" + s.name + "')");
        }
        if (!q.children.isEmpty()) {
            Element c = q.children.get(0);
            String tag = c.prefix == null || c.prefix.isEmpty() ? c.name : c.prefix + ":" + c.name;
            throw new ModelException(c.pos, "queue option <" + tag + "> is not supported ('" + s.name
                    + "'): only first-come first-served batches are (isee's inflow priority by attribute is not)");
        }
        if (s.element.child("conveyor") != null) throw new ModelException(q.pos, "'" + s.name + "' is both a queue and a conveyor");
        // isee Queue Computation: each nonzero inflow delivers one batch per DT, the first listed first
        List<Var> in = new ArrayList<>();
        for (Element f : s.element.all("inflow")) in.add(flow(s, f));
        List<Var> out = new ArrayList<>();
        for (Element f : s.element.all("outflow")) {
            Var fv = flow(s, f);
            // XMILE 1.0 section 4.3: <overflow/> may be set on all but the first queue outflow
            if (out.isEmpty() && fv.element.child("overflow") != null) {
                throw new ModelException(fv.element.child("overflow").pos, "the first outflow of queue '" + s.name + "' cannot be an <overflow/> ('" + fv.name + "')");
            }
            // isee Queue Computation: "the downstream stocks determine how the material is dispatched"
            Var to = fills.get(fv.key);
            if (to != null && (to.element.child("conveyor") != null || to.element.child("oven") != null)) {
                String kind = to.element.child("conveyor") != null ? "conveyor" : "oven";
                throw new ModelException(f.pos, "queue '" + s.name + "' outflow '" + fv.name + "' feeds " + kind + " '" + to.name
                        + "': how a " + kind + " takes batches from a queue (one_at_a_time, batch_integrity, limits) is not supported yet;"
                        + " only queues draining to stocks, queues or clouds are");
            }
            out.add(fv);
        }
        for (Var f : in) sameDims(s, f);
        for (Var f : out) sameDims(s, f);
        Queue qu = new Queue(s, in, out);
        queues.add(qu);
        for (Var f : out) byOutflow.put(f.key, qu);
        for (Var f : in) inflows.add(f.key);
    }

    /** The flows' equations use the queue's dimensions as they are: other shapes are refused, not guessed. */
    private static void sameDims(Var s, Var f) {
        if (dimNames(s).equals(dimNames(f))) return;
        Element at = f.element.child("dimensions") != null ? f.element.child("dimensions") : f.element;
        throw new ModelException(at.pos, "flow '" + f.name + "' of queue '" + s.name + "' must have the queue's dimensions " + dimNames(s) + ", not " + dimNames(f));
    }

    private static String flowName(Element f) {
        String name = f.text().trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) name = name.substring(1, name.length() - 1);
        return XmileSymbols.displayName(name);
    }

    private Var flow(Var s, Element f) {
        Var v = sym.var(s.prefix + flowName(f));
        if (v == null) throw new ModelException(f.pos, "queue '" + s.name + "' names flow '" + flowName(f) + "', which is not defined");
        return v;
    }

    boolean isOutflow(Var v) {
        return byOutflow.containsKey(v.key);
    }

    /** XMILE 1.0 section 4.3: queue inflows MUST be non-negative (uniflows). */
    boolean isInflow(Var v) {
        return inflows.contains(v.key);
    }

    /** Where the first queue is, for a refusal that depends on the run settings; null without queues. */
    Pos first() {
        return queues.isEmpty() ? null : queues.get(0).stock().element.child("queue").pos;
    }

    /**
     * XMILE 1.0 (array builtins): SIZE, SUM, MIN... of a queue read its batches, which are not
     * kept here (they leave in the DT they arrive); a slice with {@code *} of an arrayed queue is
     * an ordinary array and is left alone.
     */
    static void refuseBatchReading(Expr.Call c, Var v, Expr.Ref r) {
        if (v == null || !v.kind.equals("stock") || v.element.child("queue") == null) return;
        if (r.subs().stream().anyMatch(s -> s.name().equals("*"))) return;
        throw new ModelException(c.pos(), c.function() + "(" + r.name() + ") reads the batches of queue '" + v.name + "', which is not supported");
    }



    /**
     * A queue outflow; its own {@code <eqn>}, if the file has one, is not read (XMILE 1.0 section
     * 4.3: queue outflows have none, the queue drives them).
     */
    Equation outflow(Var v, String units, String doc) {
        Queue q = byOutflow.get(v.key);
        Pos p = v.element.pos;
        if (!q.outflows().get(0).key.equals(v.key)) {
            // XMILE 1.0 "Queues": an overflow takes only when a higher outflow is blocked by a conveyor's
            // limits or arrest; one into a stock, queue or cloud never is, so the first took everything
            return new Equation(p, v.name, dimNames(v), List.of(), new Equation.Formula(new Expr.Num(p, 0)), units, doc);
        }
        // XMILE 1.0 "Queues": outflows to regular stocks and clouds "always empty the queue", and the
        // outflow's value depends on the queue's inflow: the contents and this DT's batches all leave
        Expr e = new Expr.Binary(p, Expr.BinOp.DIV, ref(p, q.stock().name, q.stock()), new Expr.Ref(p, "TIME STEP", List.of()));
        for (Var in : q.inflows()) e = new Expr.Binary(p, Expr.BinOp.ADD, e, ref(p, in.name, q.stock()));
        return new Equation(p, v.name, dimNames(v), List.of(), new Equation.Formula(e), units, doc);
    }
}
