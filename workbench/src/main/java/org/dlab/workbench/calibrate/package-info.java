/**
 * Calibration of a model to observed series ({@code dlab calibrate}): a calibration file
 * ({@link org.dlab.workbench.calibrate.CalibrationSpec}), the observed data in the simple or wide
 * layout ({@link org.dlab.workbench.calibrate.ObservedData}), and the fit with its statistics
 * ({@link org.dlab.workbench.calibrate.ModelCalibration}, over
 * {@link org.dlab.workbench.analysis.Calibration}); stored by
 * {@link org.dlab.workbench.store.CalibrationTables}.
 */
package org.dlab.workbench.calibrate;
