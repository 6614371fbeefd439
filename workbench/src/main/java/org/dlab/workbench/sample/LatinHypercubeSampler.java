package org.dlab.workbench.sample;

/**
 * Latin hypercube: in every dimension each of the n equal strata holds exactly one point. The
 * stratum of point i in dimension d is a keyed permutation of i, its place inside the stratum
 * a hash, so any point is computed alone (see {@link KeyedPermutation}).
 */
public final class LatinHypercubeSampler implements UnitSampler {
    private final long n;
    private final int dims;
    private final long seed;
    private final KeyedPermutation[] perms;

    public LatinHypercubeSampler(long n, int dims, long seed) {
        if (n < 1) throw new IllegalArgumentException("a Latin hypercube needs at least one point");
        this.n = n;
        this.dims = dims;
        this.seed = seed;
        perms = new KeyedPermutation[dims];
        for (int d = 0; d < dims; d++) perms[d] = new KeyedPermutation(n, Hash.word(seed, 0x1A5L, d));
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public void point(long index, double[] out) {
        for (int d = 0; d < dims; d++) {
            long stratum = perms[d].apply(index);
            double u = (stratum + Hash.unit(seed ^ 0x5EEDL, index, d)) / n;
            // rounding can push (k + 0.99999...) / n onto the next stratum's edge: pull it back
            while (Math.floor(u * n) > stratum) u = Math.nextDown(u);
            while (Math.floor(u * n) < stratum) u = Math.nextUp(u);
            out[d] = u;
        }
    }
}
