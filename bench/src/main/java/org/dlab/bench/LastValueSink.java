package org.dlab.bench;

import org.dlab.engine.run.ResultSink;

/** Reads one variable and keeps its last saved value: what an ensemble of many runs stores. */
public final class LastValueSink implements ResultSink {
    private final int slot;
    private double last;

    public LastValueSink(int slot) {
        if (slot < 0) throw new IllegalArgumentException("no such variable (slot " + slot + ")");
        this.slot = slot;
    }

    @Override
    public void row(double time, double[] s) {
        last = s[slot];
    }

    public double last() {
        return last;
    }
}
