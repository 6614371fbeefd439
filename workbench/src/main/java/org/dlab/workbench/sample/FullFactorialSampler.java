package org.dlab.workbench.sample;

/**
 * Every combination of levels, the last input varying fastest. A continuous input has
 * {@code levels} evenly spaced values including both bounds; a discrete one (integer,
 * categorical, boolean) has one level per category, at the category's middle quantile.
 */
public final class FullFactorialSampler implements UnitSampler {
    /** Beyond this a full factorial is a mistake, not a study. */
    public static final long MAX_POINTS = 100_000_000L;
    private final int[] counts;
    private final boolean[] discrete;
    private final long size;

    /** @param categories per input: its number of categories, or 0 when continuous */
    public FullFactorialSampler(int levels, int[] categories) {
        if (levels < 1) throw new IllegalArgumentException("a full factorial needs at least one level per input");
        counts = new int[categories.length];
        discrete = new boolean[categories.length];
        long n = 1;
        for (int d = 0; d < categories.length; d++) {
            discrete[d] = categories[d] > 0;
            counts[d] = discrete[d] ? categories[d] : levels;
            n = Math.multiplyExact(n, counts[d]);
            if (n > MAX_POINTS) throw new IllegalArgumentException("a full factorial of these inputs has more than " + MAX_POINTS + " points");
        }
        size = n;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int dimensions() {
        return counts.length;
    }

    @Override
    public void point(long index, double[] out) {
        long rest = index;
        for (int d = counts.length - 1; d >= 0; d--) {
            int c = counts[d];
            int j = (int) (rest % c);
            rest /= c;
            if (discrete[d]) out[d] = (j + 0.5) / c;
            else out[d] = c == 1 ? 0.5 : j / (double) (c - 1);
        }
    }
}
