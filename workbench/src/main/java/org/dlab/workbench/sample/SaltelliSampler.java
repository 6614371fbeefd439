package org.dlab.workbench.sample;

/**
 * Saltelli's design for first-, second- and total-order Sobol indices: for each of N base points
 * (a 2D-dimensional Sobol point split into matrices A and B) the rows A, AB_1..AB_D (A with
 * column i from B), BA_1..BA_D (B with column i from A) and B, so N(2D+2) points in the order
 * SALib uses. The origin of the Sobol sequence is skipped as in {@link SobolSampler}.
 */
public final class SaltelliSampler implements UnitSampler {
    private final long base;
    private final int dims;
    private final SobolSequence sobol;

    public SaltelliSampler(long base, int dims) {
        if (2 * dims > SobolSequence.MAX_DIMENSIONS) {
            throw new IllegalArgumentException("the Saltelli design supports at most " + SobolSequence.MAX_DIMENSIONS / 2 + " uncertainties");
        }
        this.base = base;
        this.dims = dims;
        this.sobol = dims == 0 ? null : new SobolSequence(2 * dims);
    }

    /** Rows per base point. */
    public int block() {
        return 2 * dims + 2;
    }

    @Override
    public long size() {
        return Math.multiplyExact(base, block());
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public void point(long index, double[] out) {
        if (dims == 0) return;
        long j = index / block();
        int r = (int) (index % block());
        double[] ab = new double[2 * dims];
        sobol.point(j + 1, ab);
        // A = ab[0..D-1], B = ab[D..2D-1]
        boolean fromB = r > dims && r <= 2 * dims || r == 2 * dims + 1;
        for (int d = 0; d < dims; d++) out[d] = fromB ? ab[dims + d] : ab[d];
        if (r >= 1 && r <= dims) out[r - 1] = ab[dims + r - 1];
        else if (r > dims && r <= 2 * dims) out[r - dims - 1] = ab[r - dims - 1];
    }
}
