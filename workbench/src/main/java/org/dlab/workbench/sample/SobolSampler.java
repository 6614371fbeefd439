package org.dlab.workbench.sample;

/**
 * Plain quasi-random points from the Sobol sequence, skipping the origin: point 0 puts every
 * input on its lower bound at once, a corner that would be over-represented in small designs.
 */
public final class SobolSampler implements UnitSampler {
    private final long n;
    private final SobolSequence sobol;

    public SobolSampler(long n, int dims) {
        this.n = n;
        this.sobol = dims == 0 ? null : new SobolSequence(dims);
    }

    @Override
    public long size() {
        return n;
    }

    @Override
    public int dimensions() {
        return sobol == null ? 0 : sobol.dimensions();
    }

    @Override
    public void point(long index, double[] out) {
        if (sobol != null) sobol.point(index + 1, out);
    }
}
