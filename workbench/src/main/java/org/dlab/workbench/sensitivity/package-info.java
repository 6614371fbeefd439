/**
 * Global sensitivity of a study as a use case: the design (Saltelli or Morris) at one policy's
 * lever values, its runs through the common evaluator, and the analysis of each outcome. The
 * command line prints and plots {@link org.dlab.workbench.sensitivity.SensitivityStudy}'s
 * results; the estimators are in {@link org.dlab.workbench.analysis}.
 */
package org.dlab.workbench.sensitivity;
