package org.dlab.workbench.sample;

/**
 * A design in the unit cube whose points are computed on demand from their index: no sampler
 * keeps its points, so an exploration of a million runs needs no memory for its design, any
 * thread can compute any point, and a resumed run recomputes exactly the same points.
 */
public interface UnitSampler {
    /** Number of points. */
    long size();

    int dimensions();

    /** Writes point {@code index} (0-based, below {@link #size()}) into {@code out}, each coordinate in [0, 1]. */
    void point(long index, double[] out);
}
