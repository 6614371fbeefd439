package org.dlab.engine.run;

/**
 * What the generated class of a model implements. One instance per model, shared by every run
 * of it: all state lives in the arrays passed in.
 */
public abstract class ModelCode {
    /** Computes initial values in dependency order; a slot with {@code fixed[i]} keeps {@code s[i]}. */
    public abstract void initialize(double[] s, boolean[] fixed, RunState rs);

    /** Computes the dynamic auxiliaries at time t from the stocks. */
    public abstract void evaluate(double[] s, double t, RunState rs);

    /** Net rates of the stocks into {@code d[0..stocks-1]}. */
    public abstract void rates(double[] s, double[] d, double t, RunState rs);

    /** Next values of the discrete states into {@code next}, and feeds the pipeline states. */
    public abstract void update(double[] s, double[] next, double t, RunState rs);

    /**
     * One Euler step of the stocks: {@link #rates} into {@code d}, then {@code s[j] += dt * d[j]}.
     * Generated code overrides it with one statement per stock: with constant indices the JIT
     * keeps the step straight-line, whereas this loop over a run-time count of stocks cost small
     * models up to 1.8x per run (teacup; JMH figures in the commit that added it).
     */
    public void euler(double[] s, double[] d, double dt, double t, RunState rs) {
        rates(s, d, t, rs);
        for (int j = 0; j < d.length; j++) s[j] += dt * d[j];
    }

    /** Sets the constants given as data (slot, value), except those a run has fixed. */
    protected static void constants(double[] s, boolean[] fixed, int[] slots, double[] values) {
        for (int i = 0; i < slots.length; i++) if (!fixed[slots[i]]) s[slots[i]] = values[i];
    }
}
