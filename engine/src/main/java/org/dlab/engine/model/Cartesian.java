package org.dlab.engine.model;

import java.util.List;
import java.util.function.Consumer;

/**
 * Every combination of one index per dimension, the last dimension fastest (row-major): the one
 * iterator behind left-hand-side elements, '!' reductions and vector arguments. No dimensions is
 * one empty combination; a dimension of size 0 gives none.
 */
final class Cartesian {
    private Cartesian() {}

    /** Calls f with each combination; the array is reused between calls. */
    static void forEach(int[] sizes, Consumer<int[]> f) {
        for (int s : sizes) if (s == 0) return;
        int n = sizes.length;
        int[] idx = new int[n];
        while (true) {
            f.accept(idx);
            int k = n - 1;
            while (k >= 0 && ++idx[k] == sizes[k]) idx[k--] = 0;
            if (k < 0) return;
        }
    }

    /** The sizes of lists of options, one list per dimension. */
    static int[] sizes(List<? extends List<?>> options) {
        int[] s = new int[options.size()];
        for (int k = 0; k < s.length; k++) s[k] = options.get(k).size();
        return s;
    }
}
