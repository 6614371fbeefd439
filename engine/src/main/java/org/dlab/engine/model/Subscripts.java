package org.dlab.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.ir.SubscriptRange;

/**
 * The model's subscript ranges with their elements resolved: subranges, numeric ranges,
 * equivalences and mappings. Elements are identified by their name key.
 */
public final class Subscripts {
    /** A resolved range: display name, element display names and keys, mappings by target key. */
    public record Range(String name, String key, List<String> elements, List<String> keys, Map<String, List<List<String>>> mappings) {
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
    private final Map<String, Map<String, Integer>> inverse = new java.util.concurrent.ConcurrentHashMap<>();
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
                // per element of this range, the target elements it stands for: one, or a whole
                // subrange of the target (C-ROADS maps each aggregate region onto a subrange)
                List<List<String>> map = new ArrayList<>();
                if (m.elements().isEmpty()) {
                    if (target.keys().size() != r.keys().size()) {
                        throw new ModelException(d.pos(), "cannot map '" + d.name() + "' (" + r.keys().size() + " elements) to '"
                                + m.target() + "' (" + target.keys().size() + " elements)");
                    }
                    for (String k : target.keys()) map.add(List.of(k));
                } else {
                    // one entry per element, each an element or a subrange of the target
                    if (m.elements().size() != r.keys().size()) {
                        throw new ModelException(d.pos(), "the mapping of '" + d.name() + "' (" + r.keys().size() + " elements) to '"
                                + m.target() + "' lists " + m.elements().size() + " entries");
                    }
                    for (String e : m.elements()) {
                        String ek = Names.key(e);
                        Range sub = ranges.get(ek);
                        List<String> stands = sub != null ? sub.keys() : List.of(ek);
                        if (!target.keys().containsAll(stands)) {
                            throw new ModelException(d.pos(), "'" + e + "' in the mapping of '" + d.name() + "' is neither an element nor a subrange of '"
                                    + m.target() + "'");
                        }
                        map.add(stands);
                    }
                }
                r.mappings().put(tk, List.copyOf(map));
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
            String found = viaMapping(bound, b.getValue(), wanted);
            if (found != null) return found;
        }
        // mappings through a parent range of the bound range (e.g. a subrange bound, mapping declared on its parent)
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            for (Range parent : ranges.values()) {
                if (!parent.keys().contains(b.getValue())) continue;
                String found = viaMapping(parent, b.getValue(), wanted);
                if (found != null) return found;
            }
        }
        // any bound element that happens to belong to the wanted range
        for (String v : bindings.values()) {
            if (wanted.keys().contains(v)) return v;
        }
        return null;
    }

    /**
     * The element of {@code wanted} that element {@code e} of {@code bound} maps to (a mapping
     * declared on bound onto one element of wanted), or that maps onto e (declared on wanted,
     * possibly onto a subrange of bound holding e); null when no mapping relates them.
     */
    private String viaMapping(Range bound, String e, Range wanted) {
        List<List<String>> m = bound.mappings().get(wanted.key());
        if (m != null) {
            int idx = bound.indexOf(e);
            if (idx >= 0 && idx < m.size() && m.get(idx).size() == 1) return m.get(idx).get(0);
        }
        List<List<String>> back = wanted.mappings().get(bound.key());
        if (back != null) {
            Integer i = inverse(wanted, bound, back).get(e);
            if (i != null && i < wanted.keys().size()) return wanted.keys().get(i);
        }
        return null;
    }

    /** Target element to the first source position mapping onto it: asked once per element, so indexed once. */
    private Map<String, Integer> inverse(Range wanted, Range bound, List<List<String>> back) {
        return inverse.computeIfAbsent(wanted.key() + "\u0000" + bound.key(), k -> {
            Map<String, Integer> inv = new java.util.HashMap<>();
            for (int i = 0; i < back.size(); i++) for (String t : back.get(i)) inv.putIfAbsent(t, i);
            return inv;
        });
    }

    // ---- the elements a left-hand side defines ----

    /** One element an equation defines: its element keys and the range bindings of its equation. */
    public record Element(List<String> tuple, Map<String, String> bindings) {}

    /**
     * The elements eq defines, in order (last subscript fastest), without those of its :EXCEPT:
     * lists. Refuses an unknown subscript, more than {@code max} elements, and an :EXCEPT: list
     * whose length is not the variable's.
     */
    public List<Element> elementsOf(Equation eq, long max) {
        List<List<String>> options = new ArrayList<>();
        List<String> bindKeys = new ArrayList<>();
        for (int si = 0; si < eq.subscripts().size(); si++) {
            String s = eq.subscripts().get(si);
            Range r = range(s);
            if (r != null) {
                options.add(r.keys());
                bindKeys.add(r.key());
            } else if (isElement(s)) {
                options.add(List.of(Names.key(s)));
                bindKeys.add(null);
            } else {
                throw new ModelException(eq.subscriptPos(si), "unknown subscript '" + s + "' in the definition of '" + eq.name() + "'");
            }
        }
        // each element becomes a variable of its own: a few ranges multiplied must not exhaust memory
        long count = 1;
        for (List<String> o : options) {
            count *= o.size();
            if (count > max) throw new ModelException(eq.pos(), "'" + eq.name() + "' has more than " + max + " elements");
        }
        for (List<String> ex : eq.except()) {
            if (ex.size() != options.size()) {
                throw new ModelException(eq.pos(), ":EXCEPT: list has " + ex.size() + " subscripts, the variable " + options.size());
            }
        }
        List<Element> out = new ArrayList<>();
        Cartesian.forEach(Cartesian.sizes(options), idx -> {
            List<String> tuple = new ArrayList<>(idx.length);
            Map<String, String> b = new LinkedHashMap<>();
            for (int k = 0; k < idx.length; k++) {
                String e = options.get(k).get(idx[k]);
                tuple.add(e);
                if (bindKeys.get(k) != null) b.put(bindKeys.get(k), e);
            }
            if (!excluded(eq, tuple)) out.add(new Element(tuple, b));
        });
        return out;
    }

    private boolean excluded(Equation eq, List<String> tuple) {
        for (List<String> ex : eq.except()) {
            boolean all = true;
            for (int k = 0; k < ex.size() && all; k++) {
                Range r = range(ex.get(k));
                all = r != null ? r.keys().contains(tuple.get(k)) : Names.key(ex.get(k)).equals(tuple.get(k));
            }
            if (all) return true;
        }
        return false;
    }
}
