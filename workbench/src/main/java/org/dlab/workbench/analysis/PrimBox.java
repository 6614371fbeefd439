package org.dlab.workbench.analysis;

/**
 * One box of a PRIM trajectory with its statistics (Bryant and Lempert 2010, Technol. Forecast.
 * Soc. Change 77(1), section 3): coverage = cases of interest inside / all cases of interest;
 * density = cases of interest inside / rows inside; mass = rows inside / all rows.
 *
 * @param index position on the peeling trajectory (pasted boxes keep their origin's index)
 * @param pasted whether pasting extended this box
 */
public record PrimBox(int index, Box box, int count, int positives, double coverage, double density, double mass, boolean pasted) {
    /** Inputs this box restricts. */
    public int[] restricted() {
        return box.restrictedInputs();
    }

    public int restrictedCount() {
        return box.restrictedInputs().length;
    }
}
