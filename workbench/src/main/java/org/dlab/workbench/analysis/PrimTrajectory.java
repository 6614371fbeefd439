package org.dlab.workbench.analysis;

import java.util.List;

/**
 * A PRIM peeling trajectory: the boxes from the whole space (index 0) to the last peel, i.e. the
 * coverage/density trade-off curve (Bryant and Lempert 2010, Fig. 3).
 *
 * @param range per input, the data's [min, max], to print unrestricted limits as the data's extent
 */
public record PrimTrajectory(List<String> names, double[][] range, int rows, int positives, List<PrimBox> boxes) {
    public PrimTrajectory {
        names = List.copyOf(names);
        boxes = List.copyOf(boxes);
        double[][] r = new double[range.length][];
        for (int i = 0; i < range.length; i++) r[i] = range[i].clone();
        range = r;
    }

    @Override
    public double[][] range() {
        double[][] r = new double[range.length][];
        for (int i = 0; i < range.length; i++) r[i] = range[i].clone();
        return r;
    }

    /**
     * The box with the highest coverage among those with density at least {@code minDensity};
     * the densest box when none reaches it (ties: the earlier, larger box).
     */
    public PrimBox choose(double minDensity) {
        PrimBox best = null;
        for (PrimBox b : boxes) {
            if (b.density() >= minDensity && (best == null || b.coverage() > best.coverage())) best = b;
        }
        if (best != null) return best;
        for (PrimBox b : boxes) if (best == null || b.density() > best.density()) best = b;
        return best;
    }

    /** Coverage of each box, in trajectory order (the curve's x). */
    public double[] coverages() {
        return boxes.stream().mapToDouble(PrimBox::coverage).toArray();
    }

    /** Density of each box, in trajectory order (the curve's y). */
    public double[] densities() {
        return boxes.stream().mapToDouble(PrimBox::density).toArray();
    }
}
