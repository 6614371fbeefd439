package org.dlab.workbench.sample;

/** Independent uniform points: coordinate d of point i is a hash of (seed, i, d). */
public record MonteCarloSampler(long size, int dimensions, long seed) implements UnitSampler {
    @Override
    public void point(long index, double[] out) {
        for (int d = 0; d < dimensions; d++) out[d] = Hash.unit(seed, index, d);
    }
}
