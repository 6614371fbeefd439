package org.dlab.engine.functions;

import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.model.FunctionContext;
import org.dlab.engine.model.FunctionContext.Vector;
import org.dlab.engine.model.Node;
import org.dlab.engine.run.Allocations;

/**
 * ALLOCATE AVAILABLE(request, pp, avail) and ALLOCATE BY PRIORITY(request, priority, size,
 * width, supply): the allocation runs along the last subscript of the request; see
 * {@link Allocations} for the algorithm.
 */
final class Allocation {
    private static final String OWNER = "Allocations";

    private Allocation() {}

    static void register() {
        Library.add("allocate available", 3, 3, Allocation::available);
        Library.add("allocate by priority", 5, 5, Allocation::byPriority);
    }

    /**
     * The priority profile {@code pp[..., target, ptype]} is read, for every target, as the four
     * values from its last subscript's element on (ptype, ppriority, pwidth, pextra).
     */
    private static Node available(FunctionContext c) {
        Vector request = c.argOverLastSubscripts(0, 1);
        Vector pp = c.argOverLastSubscripts(1, 2);
        int targets = request.nodes().size();
        int stride = pp.shape().get(1);
        int start = pp.index() % stride;
        if (pp.shape().get(0) != targets) {
            throw c.error("ALLOCATE AVAILABLE's priorities have " + pp.shape().get(0) + " targets, its requests " + targets);
        }
        if (start + Allocations.PROFILE > stride) {
            throw c.error("ALLOCATE AVAILABLE's priority profile needs " + Allocations.PROFILE
                    + " elements (ptype, ppriority, pwidth, pextra) from its last subscript on");
        }
        List<Node> profiles = new ArrayList<>();
        for (int t = 0; t < targets; t++) {
            for (int k = 0; k < Allocations.PROFILE; k++) profiles.add(pp.nodes().get(t * stride + start + k));
        }
        return new Node.ArrayCall(OWNER, "available", List.of(request.nodes(), profiles), List.of(c.arg(2)), request.index());
    }

    /** The size argument (ELMCOUNT of the targets) is implied by the vectors and not used. */
    private static Node byPriority(FunctionContext c) {
        Vector request = c.argOverLastSubscripts(0, 1);
        Vector priority = c.argOverLastSubscripts(1, 1);
        if (priority.nodes().size() != request.nodes().size()) {
            throw c.error("ALLOCATE BY PRIORITY's priorities have " + priority.nodes().size() + " elements, its requests "
                    + request.nodes().size());
        }
        return new Node.ArrayCall(OWNER, "byPriority", List.of(request.nodes(), priority.nodes()),
                List.of(c.arg(3), c.arg(4)), request.index());
    }
}
