package org.dlab.engine.run;

/** DELAY FIXED's pipeline: a ring of the last {@code round(delay / dt)} inputs. */
final class DelayFixed implements PipelineState {
    private double[] ring = new double[0];
    private int head;
    private double initial;

    @Override
    public void init(double delay, double initialValue, double dt) {
        int n = (int) Math.max(0, Math.round(delay / dt));
        if (n > 50_000_000) throw new IllegalArgumentException("DELAY FIXED pipeline of " + n + " steps is too long");
        if (ring.length != n) ring = new double[n];
        java.util.Arrays.fill(ring, initialValue);
        initial = initialValue;
        head = 0;
    }

    @Override
    public double value() {
        return ring.length == 0 ? initial : ring[head];
    }

    @Override
    public void push(double input) {
        if (ring.length == 0) {
            initial = input;
            return;
        }
        ring[head] = input;
        head = head + 1 == ring.length ? 0 : head + 1;
    }
}
