/**
 * Policy search ({@code dlab optimize}): {@link org.dlab.workbench.optimize.PolicySearch} runs a
 * multi-objective search over a bound study's levers, in the reference future or over sampled
 * futures with robustness statistics ({@link org.dlab.workbench.optimize.SearchObjective}); the
 * result goes to {@link org.dlab.workbench.store.ParetoTables} and
 * {@link org.dlab.workbench.plot.ParallelCoordinates}.
 */
package org.dlab.workbench.optimize;
