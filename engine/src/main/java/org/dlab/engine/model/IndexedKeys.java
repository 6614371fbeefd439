package org.dlab.engine.model;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An immutable list of element keys with constant-time {@code indexOf} and {@code contains}:
 * subscript ranges and mappings are looked up once per element, which was quadratic in the
 * range's size (a 100,000-element mapping ran for minutes).
 */
final class IndexedKeys extends AbstractList<String> implements RandomAccess {
    private final String[] keys;
    private final Map<String, Integer> first;

    private IndexedKeys(List<String> keys) {
        this.keys = keys.toArray(new String[0]);
        first = new HashMap<>(Math.max(16, this.keys.length * 2));
        for (int i = 0; i < this.keys.length; i++) first.putIfAbsent(this.keys[i], i);
    }

    static List<String> of(List<String> keys) {
        return keys instanceof IndexedKeys ? keys : new IndexedKeys(keys);
    }

    @Override
    public String get(int i) {
        return keys[i];
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public int indexOf(Object o) {
        Integer i = first.get(o);
        return i == null ? -1 : i;
    }

    @Override
    public boolean contains(Object o) {
        return first.containsKey(o);
    }
}
