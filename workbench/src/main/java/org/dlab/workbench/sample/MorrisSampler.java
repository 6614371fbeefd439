package org.dlab.workbench.sample;

/**
 * Morris elementary-effects trajectories on a p-level grid (Morris 1991; Campolongo et al. 2007
 * for the step Δ = p / (2(p-1))). Each trajectory has D+1 points: a random grid start, then one
 * input at a time moves by ±Δ in a random order. Trajectory t is built from hashes of (seed, t)
 * alone, so point i needs only its own trajectory.
 */
public final class MorrisSampler implements UnitSampler {
    private final long trajectories;
    private final int dims;
    private final int levels;
    private final long seed;
    private final double delta;

    public MorrisSampler(long trajectories, int dims, int levels, long seed) {
        if (levels < 2 || levels % 2 != 0) throw new IllegalArgumentException("Morris needs an even number of grid levels (4 is usual), got " + levels);
        this.trajectories = trajectories;
        this.dims = dims;
        this.levels = levels;
        this.seed = seed;
        this.delta = levels / (2.0 * (levels - 1));
    }

    public double delta() {
        return delta;
    }

    @Override
    public long size() {
        return Math.multiplyExact(trajectories, dims + 1L);
    }

    @Override
    public int dimensions() {
        return dims;
    }

    @Override
    public void point(long index, double[] out) {
        long t = index / (dims + 1);
        int step = (int) (index % (dims + 1));
        int[] order = order(t);
        int half = levels / 2;
        for (int d = 0; d < dims; d++) {
            // start on a level from which +Δ stays in [0, 1]; a "down" input starts Δ higher
            double start = Hash.below(seed, t, d, half) / (double) (levels - 1);
            boolean up = Hash.below(seed, t, 5000L + d, 2) == 0;
            out[d] = up ? start : start + delta;
        }
        for (int s = 0; s < step; s++) {
            int d = order[s];
            boolean up = Hash.below(seed, t, 5000L + d, 2) == 0;
            out[d] = up ? out[d] + delta : out[d] - delta;
        }
        for (int d = 0; d < dims; d++) out[d] = Math.max(0, Math.min(1, out[d]));
    }

    /** The input that changes between point {@code index - 1} and {@code index}, or -1 at a trajectory's start. */
    public int movedInput(long index) {
        int step = (int) (index % (dims + 1));
        if (step == 0) return -1;
        return order(index / (dims + 1))[step - 1];
    }

    /** The order in which trajectory t moves its inputs: a Fisher-Yates shuffle driven by hashes of (seed, t). */
    private int[] order(long t) {
        int[] order = new int[dims];
        for (int d = 0; d < dims; d++) order[d] = d;
        for (int d = dims - 1; d > 0; d--) {
            int k = (int) Hash.below(seed, t, 1000L + d, d + 1L);
            int tmp = order[d];
            order[d] = order[k];
            order[k] = tmp;
        }
        return order;
    }
}
