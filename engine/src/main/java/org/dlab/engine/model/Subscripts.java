package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.ir.SubscriptRange;

/**
 * The model's subscript ranges with their elements resolved: subranges, numeric ranges,
 * equivalences and mappings. Elements are identified by their name key.
 */
public final class Subscripts {
    /** A resolved range: display name, element display names and keys, mappings by target key. */
    public record Range(String name, String key, List<String> elements, List<String> keys, Map<String, List<String>> mappings) {
        int indexOf(String elementKey) {
            return keys.indexOf(elementKey);
        }
    }

    /** Most elements one subscript range may have. */
    static final int MAX_RANGE_ELEMENTS = 1_000_000;

    private static ModelException tooMany(SubscriptRange d) {
        return new ModelException(d.pos(), "subscript range '" + d.name() + "' has more than " + MAX_RANGE_ELEMENTS + " elements");
    }

    private final Map<String, Range> ranges = new LinkedHashMap<>();
    /** Whether one range's elements are all in another, by pair of keys: asked once per element otherwise. */
    private final Map<String, Boolean> within = new java.util.concurrent.ConcurrentHashMap<>();

    private boolean within(Range inner, Range outer) {
        return within.computeIfAbsent(inner.key() + "\u0000" + outer.key(), k -> outer.keys().containsAll(inner.keys()));
    }
    private final Map<String, String> elementNames = new LinkedHashMap<>();

    public Subscripts(List<SubscriptRange> defs, ExternalData data) {
        Map<String, SubscriptRange> byKey = new LinkedHashMap<>();
        for (SubscriptRange d : defs) {
            byKey.put(Names.key(d.name()), d);
        }
        for (SubscriptRange d : defs) resolve(d, byKey, new ArrayList<>(), data);
        for (SubscriptRange d : defs) {
            Range r = ranges.get(Names.key(d.name()));
            for (SubscriptRange.Mapping m : d.mappings()) {
                String tk = Names.key(m.target());
                Range target = ranges.get(tk);
                if (target == null) throw new ModelException(d.pos(), "mapping of '" + d.name() + "' to unknown subscript range '" + m.target() + "'");
                List<String> map = new ArrayList<>();
                if (m.elements().isEmpty()) {
                    if (target.keys().size() != r.keys().size()) {
                        throw new ModelException(d.pos(), "cannot map '" + d.name() + "' (" + r.keys().size() + " elements) to '"
                                + m.target() + "' (" + target.keys().size() + " elements)");
                    }
                    map.addAll(target.keys());
                } else {
                    for (String e : m.elements()) {
                        String ek = Names.key(e);
                        Range sub = ranges.get(ek);
                        if (sub != null) map.addAll(sub.keys());
                        else map.add(ek);
                    }
                }
                r.mappings().put(tk, IndexedKeys.of(map));
            }
        }
    }

    private Range resolve(SubscriptRange d, Map<String, SubscriptRange> byKey, List<String> visiting, ExternalData data) {
        String key = Names.key(d.name());
        Range done = ranges.get(key);
        if (done != null) return done;
        if (visiting.contains(key)) throw new ModelException(d.pos(), "subscript range '" + d.name() + "' is defined in terms of itself");
        visiting.add(key);
        List<String> els = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        if (d.equivalentTo() != null) {
            SubscriptRange other = byKey.get(Names.key(d.equivalentTo()));
            if (other == null) throw new ModelException(d.pos(), "equivalence to unknown subscript range '" + d.equivalentTo() + "'");
            Range o = resolve(other, byKey, visiting, data);
            els.addAll(o.elements());
            keys.addAll(o.keys());
        } else if (d.elements().size() == 1 && d.elements().get(0).startsWith("\u0000")) {
            if (data == null) throw new ModelException(d.pos(), "cannot read the elements of '" + d.name() + "' from a file: this build has no data file reader");
            for (String e : data.subscriptElements(d.pos(), d.elements().get(0).substring(1).split("\u0001", -1))) {
                els.add(e);
                keys.add(Names.key(e));
            }
        } else {
            for (String e : d.elements()) {
                String ek = Names.key(e);
                SubscriptRange sub = byKey.get(ek);
                if (sub != null && !ek.equals(key)) {
                    Range r = resolve(sub, byKey, visiting, data);
                    // ranges made of ranges can double at every level: stop before memory does
                    if ((long) els.size() + r.elements().size() > MAX_RANGE_ELEMENTS) throw tooMany(d);
                    els.addAll(r.elements());
                    keys.addAll(r.keys());
                } else {
                    els.add(e);
                    keys.add(ek);
                }
            }
        }
        visiting.remove(key);
        if (els.size() > MAX_RANGE_ELEMENTS) throw tooMany(d);
        Range r = new Range(d.name(), key, List.copyOf(els), IndexedKeys.of(keys), new LinkedHashMap<>());
        ranges.put(key, r);
        for (int i = 0; i < keys.size(); i++) elementNames.putIfAbsent(keys.get(i), els.get(i));
        return r;
    }

    /**
     * The position (from 1) of an element in its family, the largest range that holds it: what
     * a range name stands for when used as a value, so that equal elements compare equal.
     */
    public int familyPosition(String elementKey) {
        Range best = null;
        for (Range r : ranges.values()) {
            if (r.keys().contains(elementKey) && (best == null || r.keys().size() > best.keys().size())) best = r;
        }
        return best == null ? 0 : best.keys().indexOf(elementKey) + 1;
    }

    public Range range(String name) {
        return ranges.get(Names.key(name));
    }

    public boolean isElement(String name) {
        return elementNames.containsKey(Names.key(name));
    }

    public String elementName(String key) {
        return elementNames.getOrDefault(key, key);
    }

    public Iterable<Range> all() {
        return ranges.values();
    }

    /**
     * The element of {@code wanted} that corresponds to the current bindings (range key to
     * element key), or null when no bound range relates to it.
     */
    public String correspond(Range wanted, Map<String, String> bindings, Pos pos) {
        String direct = bindings.get(wanted.key());
        if (direct != null) return direct;
        // a bound range whose element is also an element of the wanted range (sub- or super-range)
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            Range bound = ranges.get(b.getKey());
            if (bound == null) continue;
            if (wanted.keys().contains(b.getValue()) && (within(bound, wanted) || within(wanted, bound))) {
                return b.getValue();
            }
        }
        // mappings in either direction
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            Range bound = ranges.get(b.getKey());
            if (bound == null) continue;
            List<String> m = bound.mappings().get(wanted.key());
            if (m != null) {
                int idx = bound.indexOf(b.getValue());
                if (idx >= 0 && idx < m.size()) return m.get(idx);
            }
            List<String> back = wanted.mappings().get(bound.key());
            if (back != null) {
                int idx = back.indexOf(b.getValue());
                if (idx >= 0) return wanted.keys().get(idx);
            }
        }
        // mappings through a parent range of the bound range (e.g. a subrange bound, mapping declared on its parent)
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            for (Range parent : ranges.values()) {
                if (!parent.keys().contains(b.getValue())) continue;
                List<String> m = parent.mappings().get(wanted.key());
                if (m != null) {
                    int idx = parent.indexOf(b.getValue());
                    if (idx >= 0 && idx < m.size()) return m.get(idx);
                }
                List<String> back = wanted.mappings().get(parent.key());
                if (back != null) {
                    int idx = back.indexOf(b.getValue());
                    if (idx >= 0) return wanted.keys().get(idx);
                }
            }
        }
        // any bound element that happens to belong to the wanted range
        for (String v : bindings.values()) {
            if (wanted.keys().contains(v)) return v;
        }
        return null;
    }
}
