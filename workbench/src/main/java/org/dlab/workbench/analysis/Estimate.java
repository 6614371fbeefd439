package org.dlab.workbench.analysis;

/**
 * A point estimate with a confidence interval [low, high] at a stated level (percentile
 * bootstrap unless the producing method says otherwise).
 */
public record Estimate(double value, double low, double high) {
    /** Half the interval's width, the "± conf" that SALib reports. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    @Override
    public String toString() {
        return String.format("%.4f [%.4f, %.4f]", value, low, high);
    }
}
