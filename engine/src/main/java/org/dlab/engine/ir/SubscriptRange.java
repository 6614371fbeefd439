package org.dlab.engine.ir;

import java.util.List;

/**
 * A subscript range (dimension) as declared: its elements (element names or names of other
 * ranges, which are expanded in the analyzer), its mappings to other ranges, or an equivalence.
 */
public record SubscriptRange(Pos pos, String name, List<String> elements, List<Mapping> mappings, String equivalentTo) {

    /** {@code -> Target} or {@code -> (Target: e1, e2)}: positional or explicit mapping. */
    public record Mapping(String target, List<String> elements) {}
}
