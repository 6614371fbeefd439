package org.dlab.engine.model;

import java.util.List;
import java.util.Map;

/**
 * Where every scalar lives and in what order it is computed. Slots: stocks first
 * ({@code 0..stocks-1}, so integration is one loop over a prefix), then discrete states, then
 * everything else.
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
        Map<Node.Table, Integer> tables) {}
