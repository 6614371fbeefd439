package org.dlab.engine.functions;

import java.util.List;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.FunctionContext.Vector;
import org.dlab.engine.model.Node;

/** INVERT MATRIX(matrix, size): the inverse of the square matrix over the argument's last two subscripts. */
final class MatrixFunctions {
    /**
     * Largest matrix inverted: every element's call carries all n^2 matrix nodes, so building
     * the model takes n^4 work and memory (60 x 60: 37 s, 1.2 GB; 100 x 100 ran out of memory).
     */
    static final int MAX_ORDER = 64;

    private MatrixFunctions() {}

    static void register() {
        Library.add("invert matrix", 2, 2, MatrixFunctions::invert);
    }

    private static Node invert(FunctionContext c) {
        Vector m = c.argOverLastSubscripts(0, 2);
        int rows = m.shape().get(0);
        if (rows != m.shape().get(1)) throw c.error("INVERT MATRIX needs a square matrix, got " + rows + " x " + m.shape().get(1));
        if (rows > MAX_ORDER) {
            throw c.error("INVERT MATRIX of a " + rows + " x " + rows + " matrix is larger than this engine builds (at most "
                    + MAX_ORDER + " x " + MAX_ORDER + ")");
        }
        // the size argument is redundant; checked when it is a plain number (ELMCOUNT is one)
        double size = c.arg(1) instanceof Node.Const k ? k.value() : rows;
        if (size != rows) throw c.error("INVERT MATRIX's size is " + size + " but the matrix is " + rows + " x " + rows);
        return new Node.ArrayCall("Matrices", "invert", List.of(m.nodes()), List.of(), m.index());
    }
}
