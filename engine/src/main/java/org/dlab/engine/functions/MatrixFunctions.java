package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.FunctionContext.Slice;
import org.dlab.engine.model.Node;
import org.dlab.engine.model.ScalarVar;

/** INVERT MATRIX(matrix, size): the inverse of the square matrix over the argument's last two subscripts. */
final class MatrixFunctions {
    private MatrixFunctions() {}

    static void register() {
        Library.add("invert matrix", 2, 2, MatrixFunctions::invert);
    }

    /**
     * One hidden auxiliary per matrix inverts it once a step and keeps the inverse; each element
     * reads its entry after it. (Each element inverting the matrix itself made building the
     * model n^4 work: 100 x 100 ran out of memory.)
     */
    private static Node invert(FunctionContext c) {
        Slice s = c.sliceOverLastSubscripts(0, 2);
        int rows = s.shape().get(0);
        if (rows != s.shape().get(1)) throw c.error("INVERT MATRIX needs a square matrix, got " + rows + " x " + s.shape().get(1));
        // no limit of its own: a variable has at most 1,000,000 elements (docs/limits.md), so
        // at most 1000 x 1000, n^3 = 1e9 operations a step
        // the size argument is redundant; checked when it is a plain number (ELMCOUNT is one)
        double size = c.arg(1) instanceof Node.Const k ? k.value() : rows;
        if (size != rows) throw c.error("INVERT MATRIX's size is " + size + " but the matrix is " + rows + " x " + rows);
        ScalarVar inverse = c.sharedAux("inverse", s.key(), site -> new Node.ArrayCall("Matrices", "inverse",
                List.of(c.argOverLastSubscripts(0, 2).nodes()), List.of(new Node.Const(site)), 0));
        Node site = ((Node.ArrayCall) inverse.expr).extra().get(0); // the call's number, as made above
        return new Node.ArrayCall("Matrices", "inverseElement", List.of(), List.of(new Node.Var(inverse), site), s.index());
    }
}
