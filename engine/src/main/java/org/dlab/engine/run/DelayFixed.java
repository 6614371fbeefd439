package org.dlab.engine.run;

import java.util.Arrays;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;

/**
 * DELAY FIXED's pipeline: the last {@code round(delay / dt)} inputs. The buffer grows with the
 * inputs actually pushed, not with the delay, so a delay longer than the run costs no memory
 * (DELAY FIXED(x, 1e12, 0) simply stays at its initial value); the run's {@link Budget} caps the
 * values held by all pipelines together.
 */
final class DelayFixed implements PipelineState {
    /** Values held by all the pipelines of one run (8 bytes each): 32M is 256 MB. */
    static final long MAX_HELD = 32_000_000L;

    /** Shared by the pipelines of one run. */
    static final class Budget {
        long held;
    }

    private final Budget budget;
    private double[] buf = new double[0];
    private long delaySteps;
    private int pushed;
    private int head;
    private double initial;

    DelayFixed(Budget budget) {
        this.budget = budget;
    }

    DelayFixed() {
        this(new Budget());
    }

    @Override
    public void init(double delay, double initialValue, double dt) {
        double steps = Math.floor(delay / dt + 0.5); // Math.round without its long overflow: 2.5 steps is 3
        // NaN or negative: no delay, as before; huge: never reached within any run that is allowed
        delaySteps = !(steps > 0) ? 0 : steps >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) steps;
        budget.held -= buf.length;
        buf = new double[0];
        pushed = 0;
        head = 0;
        initial = initialValue;
    }

    @Override
    public double value() {
        if (delaySteps == 0) return initial;
        return pushed < delaySteps ? initial : buf[head];
    }

    @Override
    public void push(double input) {
        if (delaySteps == 0) {
            initial = input;
            return;
        }
        if (pushed < delaySteps) {
            if (pushed == buf.length) grow();
            buf[pushed++] = input;
            return; // once full (pushed == delaySteps == buf.length), head 0 is the oldest input
        }
        buf[head] = input;
        head = head + 1 == buf.length ? 0 : head + 1;
    }

    private void grow() {
        int size = (int) Math.min(delaySteps, Math.max(16, (long) buf.length * 2));
        budget.held += size - buf.length;
        if (budget.held > MAX_HELD) {
            throw new ModelException(Pos.NONE, "DELAY FIXED pipelines would hold more than " + MAX_HELD
                    + " values; shorten the delays, use fewer elements or a larger TIME STEP");
        }
        buf = Arrays.copyOf(buf, size);
    }
}
