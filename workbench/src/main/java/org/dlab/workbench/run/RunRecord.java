package org.dlab.workbench.run;

/**
 * What one run produced, on its way from a worker thread to the store.
 *
 * @param run the run's index in the design (its identity)
 * @param inputs the uncertainties' values, then the levers'
 * @param outcomes one value per outcome (NaN where a reduction has no value, e.g. a threshold never crossed)
 * @param feasible whether every constraint holds (true when there are none)
 * @param reason null when the run succeeded, else why it failed (its outcomes are then meaningless)
 * @param series saved rows at the study's series resolution, {@code seriesRows × (1 + variables)}
 *     flattened (time first), or null when no series were asked for
 */
public record RunRecord(long run, long scenario, int policy, double[] inputs, double[] outcomes, boolean feasible,
        String reason, double[] series, int seriesRows) {
    public boolean ok() {
        return reason == null;
    }
}
