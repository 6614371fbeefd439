/**
 * Analyses over the results of explorations, as plain Java APIs over primitive arrays so that the
 * command line and the results store can call them:
 * <ul>
 *   <li>global sensitivity: {@link org.dlab.workbench.analysis.SobolAnalysis} (outputs of a
 *       {@link org.dlab.workbench.sample.SaltelliSampler} design) and
 *       {@link org.dlab.workbench.analysis.MorrisAnalysis} (points and outputs of a
 *       {@link org.dlab.workbench.sample.MorrisSampler} design);
 *   <li>scenario discovery over a {@link org.dlab.workbench.analysis.Dataset} and a boolean case
 *       flag: {@link org.dlab.workbench.analysis.Prim} (trajectory, choice, pasting),
 *       {@link org.dlab.workbench.analysis.PrimInspection} (limits, quasi-p-values),
 *       {@link org.dlab.workbench.analysis.PrimStability} (resampling),
 *       {@link org.dlab.workbench.analysis.Cart} (tree and leaf boxes) and
 *       {@link org.dlab.workbench.analysis.FeatureScoring} (extra-trees importance, also for
 *       numeric outcomes);
 *   <li>robustness of policies across futures: {@link org.dlab.workbench.analysis.Robustness};
 *   <li>multi-objective search: {@link org.dlab.workbench.analysis.MultiObjective}, robustly over
 *       futures with {@link org.dlab.workbench.analysis.RobustObjectives};
 *   <li>calibration to historical series: {@link org.dlab.workbench.analysis.Calibration}.
 * </ul>
 * Inputs are numeric; a categorical input enters as integer codes and is treated as ordinal (see
 * {@link org.dlab.workbench.analysis.Dataset}). Every random step takes a seed.
 */
package org.dlab.workbench.analysis;
