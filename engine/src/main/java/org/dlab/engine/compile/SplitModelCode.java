package org.dlab.engine.compile;

import org.dlab.engine.run.ModelCode;
import org.dlab.engine.run.RunState;

/**
 * A model generated as several classes: each phase runs every class's share in order. A call
 * per class per phase is nothing beside the thousands of equations each class holds.
 */
final class SplitModelCode extends ModelCode {
    private final ModelCode[] parts;

    SplitModelCode(ModelCode[] parts) {
        this.parts = parts;
    }

    int parts() {
        return parts.length;
    }

    @Override
    public void initialize(double[] s, boolean[] fixed, RunState rs) {
        for (ModelCode p : parts) p.initialize(s, fixed, rs);
    }

    @Override
    public void evaluate(double[] s, double t, RunState rs) {
        for (ModelCode p : parts) p.evaluate(s, t, rs);
    }

    @Override
    public void rates(double[] s, double[] d, double t, RunState rs) {
        for (ModelCode p : parts) p.rates(s, d, t, rs);
    }

    @Override
    public void update(double[] s, double[] next, double t, RunState rs) {
        for (ModelCode p : parts) p.update(s, next, t, rs);
    }
}
