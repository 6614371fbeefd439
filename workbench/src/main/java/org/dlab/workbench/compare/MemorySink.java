package org.dlab.workbench.compare;

import java.util.Arrays;
import org.dlab.workbench.run.RunRecord;
import org.dlab.workbench.run.RunSink;

/**
 * Keeps every run's outcomes in arrays indexed by run, for a comparison that needs all futures
 * at once: runs × outcomes doubles, a few megabytes for a hundred thousand runs.
 */
public final class MemorySink implements RunSink {
    private final int outcomes;
    private final double[] values;
    private final boolean[] ok;
    private final boolean[] feasible;

    public MemorySink(long runs, int outcomes) {
        if (runs * outcomes > 200_000_000L) throw new IllegalArgumentException("too many runs to compare in memory: " + runs);
        this.outcomes = outcomes;
        values = new double[(int) runs * outcomes];
        Arrays.fill(values, Double.NaN);
        ok = new boolean[(int) runs];
        feasible = new boolean[(int) runs];
    }

    @Override
    public void accept(RunRecord r) {
        int run = (int) r.run();
        ok[run] = r.ok();
        feasible[run] = r.feasible();
        if (r.ok()) System.arraycopy(r.outcomes(), 0, values, run * outcomes, outcomes);
    }

    @Override
    public void commit() {
        // nothing to make durable
    }

    public boolean ok(long run) {
        return ok[(int) run];
    }

    public boolean feasible(long run) {
        return feasible[(int) run];
    }

    /** Outcome {@code o} of a run; NaN for a failed run or a reduction without a value. */
    public double value(long run, int o) {
        return values[(int) run * outcomes + o];
    }
}
