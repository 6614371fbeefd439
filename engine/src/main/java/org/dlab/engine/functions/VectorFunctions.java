package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.FunctionContext.Vector;
import org.dlab.engine.model.Node;

/**
 * VECTOR SELECT, VECTOR SORT ORDER, VECTOR RANK, VECTOR REORDER and VECTOR ELM MAP: calls to
 * {@link org.dlab.engine.run.Vectors} with the whole vector each element depends on.
 */
final class VectorFunctions {
    private static final String OWNER = "Vectors";

    private VectorFunctions() {}

    static void register() {
        Library.add("vector select", 5, 5, VectorFunctions::select);
        // sorting works along the last subscript of the argument
        Library.add("vector sort order", 2, 2, c -> alongLast(c, "sortOrder"));
        Library.add("vector rank", 2, 2, c -> alongLast(c, "rank"));
        Library.add("vector reorder", 2, 2, c -> {
            Vector v = c.argOverLastSubscripts(0, 1);
            return new Node.ArrayCall(OWNER, "reorder", List.of(v.nodes()), List.of(c.arg(1)), v.index());
        });
        Library.add("vector elm map", 2, 2, VectorFunctions::elmMap);
    }

    /** Selection and expression are paired over the union of their '!' subscripts (broadcast). */
    private static Node select(FunctionContext c) {
        List<List<Node>> both = c.argsOverReduced(0, 1);
        return new Node.ArrayCall(OWNER, "select", both, List.of(c.arg(2), c.arg(3), c.arg(4)), 0);
    }

    private static Node alongLast(FunctionContext c, String method) {
        Vector v = c.argOverLastSubscripts(0, 1);
        return new Node.ArrayCall(OWNER, method, List.of(v.nodes()), List.of(c.arg(1)), v.index());
    }

    /** The offset moves through the whole variable, row-major over all its subscripts, as Vensim's memory does. */
    private static Node elmMap(FunctionContext c) {
        int subscripts = c.subscriptCount(0);
        if (subscripts == 0) throw c.error("the first argument of VECTOR ELM MAP must be a subscripted variable");
        Vector v = c.argOverLastSubscripts(0, subscripts);
        return new Node.ArrayCall(OWNER, "elmMap", List.of(v.nodes()), List.of(c.arg(1)), v.index());
    }
}
