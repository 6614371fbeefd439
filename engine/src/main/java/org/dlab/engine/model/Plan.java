package org.dlab.engine.model;

import java.util.List;
import java.util.Map;

/**
 * Where every scalar lives and in what order it is computed: the planner's answer about an
 * {@link AnalyzedModel}, which it leaves as it was. Slots: stocks first ({@code 0..stocks-1},
 * so integration is one loop over a prefix), then discrete states, then everything else.
 */
public record Plan(
        AnalyzedModel model,
        List<ScalarVar> stocks,
        List<ScalarVar> discretes,
        /* variables and state objects in initialisation order */
        List<Object> initOrder,
        /* dynamic auxiliaries in per-step order */
        List<ScalarVar> stepOrder,
        int slotCount,
        List<ScalarVar> outputs,
        Map<Node.Table, Integer> tables,
        /* every variable of the model (by identity) */
        Map<ScalarVar, VarInfo> vars) {

    /**
     * What the plan says of one variable: its kind, its slot, and whether a run may set it (a
     * constant, an initial value, a stock's initial value: anything not computed every step).
     */
    public record VarInfo(ScalarVar.Kind kind, int slot, boolean settable) {
        /** The one rule for "can this variable be set": an auxiliary that varies during the run cannot. */
        static VarInfo of(ScalarVar v, int slot, boolean dynamicAux) {
            return new VarInfo(v.kind, slot, !(v.kind == ScalarVar.Kind.AUX && dynamicAux));
        }

        /** An auxiliary recomputed every step (the complement of settable). */
        public boolean computedEachStep() {
            return !settable;
        }
    }

    public VarInfo info(ScalarVar v) {
        VarInfo i = vars.get(v);
        if (i == null) throw new IllegalArgumentException("'" + v.name + "' is not a variable of this plan");
        return i;
    }

    public int slot(ScalarVar v) {
        return info(v).slot();
    }

    /** Whether a run may set v: see {@link VarInfo#settable}. */
    public boolean settable(ScalarVar v) {
        return info(v).settable();
    }

    /** The expression v is recomputed with each step, or null when it is not recomputed. */
    public Node stepExpr(ScalarVar v) {
        return info(v).computedEachStep() ? v.expr : null;
    }
}
