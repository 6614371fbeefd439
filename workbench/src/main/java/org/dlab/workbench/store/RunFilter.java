package org.dlab.workbench.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which runs a question to a store is about: ranges on inputs (columns of {@code experiments})
 * and a set of policies. It becomes SQL only here, with every name quoted and every value bound.
 *
 * @param policies the policies kept; null or empty keeps every policy
 */
public record RunFilter(List<Range> ranges, List<String> policies) {
    public static final RunFilter ALL = new RunFilter(List.of(), null);

    /** An input's range; a null bound is open. */
    public record Range(String input, Double min, Double max) {}

    public RunFilter {
        ranges = List.copyOf(ranges);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** The condition over {@code experiments e}, with a {@code ?} per value of {@link #params}. */
    public String sql() {
        StringBuilder sql = new StringBuilder("TRUE");
        for (Range r : ranges) {
            String col = "e." + SqlIdentifier.quote(r.input());
            if (r.min() != null) sql.append(" AND ").append(col).append(" >= ?");
            if (r.max() != null) sql.append(" AND ").append(col).append(" <= ?");
        }
        if (!policies.isEmpty()) sql.append(" AND e.policy IN (").append(String.join(", ", Collections.nCopies(policies.size(), "?"))).append(')');
        return sql.toString();
    }

    public List<Object> params() {
        List<Object> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.min() != null) out.add(r.min());
            if (r.max() != null) out.add(r.max());
        }
        out.addAll(policies);
        return out;
    }
}
