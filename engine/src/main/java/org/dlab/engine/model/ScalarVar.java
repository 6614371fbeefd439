package org.dlab.engine.model;

import org.dlab.engine.ir.Pos;

/**
 * One scalar quantity of the analysed model: a variable's element, or a hidden stock or state
 * created by a stateful function. Built and wired by the analyzer (builtins included, through
 * its {@link FunctionContext}), then read-only: the planner's slots and per-step status are in
 * the {@link Plan}.
 */
public final class ScalarVar {
    public enum Kind {
        /** Recomputed every step (or computed once when it turns out constant). */
        AUX,
        /** Integrated: {@code initial} at the start, then {@code rate}. */
        STOCK,
        /** Computed once at initialisation and held (INITIAL, constants). */
        INITIAL,
        /** Held between steps and replaced at the end of each step by {@code rate} (SAMPLE IF TRUE). */
        DISCRETE
    }

    public final String name;
    public final Pos pos;
    public final boolean hidden;
    public Kind kind;
    /** Value at initialisation (for AUX, usually the same node as {@link #expr}). */
    public Node initial;
    /** Value during the run (AUX); null for kinds computed only at initialisation. */
    public Node expr;
    /** Net rate of a STOCK, or the next value of a DISCRETE state. */
    public Node rate;
    /** For stocks: clip at zero after each step (XMILE non-negative stocks). */
    public boolean nonNegative;
    public String units = "";
    public String doc = "";

    public ScalarVar(String name, Pos pos, boolean hidden, Kind kind) {
        this.name = name;
        this.pos = pos;
        this.hidden = hidden;
        this.kind = kind;
    }

    @Override
    public String toString() {
        return name;
    }
}
