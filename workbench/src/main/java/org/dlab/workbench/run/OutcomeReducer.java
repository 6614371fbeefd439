package org.dlab.workbench.run;

import java.util.Arrays;
import java.util.List;
import org.dlab.engine.run.ResultSink;
import org.dlab.workbench.study.Study.Op;
import org.dlab.workbench.study.Study.Outcome;

/**
 * Reduces a run's saved rows to its outcomes as they stream by, keeping O(outcomes) state, so no
 * time series is held unless the study asks for one ({@code seriesStep}). Stops the run as soon
 * as a watched variable is NaN or infinite: later rows could only repeat the failure.
 */
public final class OutcomeReducer implements ResultSink {
    /** Thrown from {@link #row} to abandon a run whose outcome variable went non-finite. */
    public static final class NonFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NonFinite(String message) {
            super(message, null, false, false);
        }
    }

    private final int[] slots;
    private final Op[] ops;
    private final double[] args;
    private final String[] variables;
    private final double[] acc;
    private final double[] prev;
    private final boolean[] settled;
    private double prevTime;
    private long rows;
    private double firstTime;
    // optional series capture
    private final int[] seriesSlots;
    private final double seriesStep;
    private double nextSeriesTime;
    private double[] series = new double[0];
    private int seriesRows;

    public OutcomeReducer(List<Outcome> outcomes, int[] slots, int[] seriesSlots, double seriesStep) {
        this.slots = slots.clone();
        int n = outcomes.size();
        ops = new Op[n];
        args = new double[n];
        variables = new String[n];
        for (int i = 0; i < n; i++) {
            ops[i] = outcomes.get(i).reduce().op();
            args[i] = outcomes.get(i).reduce().arg();
            variables[i] = outcomes.get(i).variable();
        }
        acc = new double[n];
        prev = new double[n];
        settled = new boolean[n];
        this.seriesSlots = seriesSlots;
        this.seriesStep = seriesStep;
    }

    public void reset() {
        rows = 0;
        seriesRows = 0;
        Arrays.fill(settled, false);
        for (int i = 0; i < acc.length; i++) {
            switch (ops[i]) {
                case MIN: acc[i] = Double.POSITIVE_INFINITY; break;
                case MAX: acc[i] = Double.NEGATIVE_INFINITY; break;
                default: acc[i] = ops[i] == Op.FINAL || ops[i] == Op.MEAN || ops[i] == Op.INTEGRAL ? 0 : Double.NaN;
            }
        }
    }

    @Override
    public void row(double t, double[] s) {
        if (rows == 0) {
            firstTime = t;
            nextSeriesTime = t;
        }
        for (int i = 0; i < slots.length; i++) {
            double v = s[slots[i]];
            if (!Double.isFinite(v)) {
                throw new NonFinite("'" + variables[i] + "' became " + (Double.isNaN(v) ? "NaN" : "infinite (overflow)") + " at time " + t);
            }
            switch (ops[i]) {
                case FINAL: acc[i] = v; break;
                case MIN: acc[i] = Math.min(acc[i], v); break;
                case MAX: acc[i] = Math.max(acc[i], v); break;
                case MEAN: acc[i] += v; break;
                case INTEGRAL: if (rows > 0) acc[i] += (t - prevTime) * (prev[i] + v) / 2; break;
                case AT: at(i, t, v); break;
                case FIRST_ABOVE: if (!settled[i] && v > args[i]) crossing(i, t, v); break;
                case FIRST_BELOW: if (!settled[i] && v < args[i]) crossing(i, t, v); break;
                default: throw new AssertionError(ops[i]);
            }
            prev[i] = v;
        }
        if (seriesSlots != null && t >= nextSeriesTime - 1e-9 * Math.max(1, Math.abs(t))) captureSeries(t, s);
        prevTime = t;
        rows++;
    }

    /** The value at time args[i], linearly interpolated between the saved rows around it. */
    private void at(int i, double t, double v) {
        if (settled[i]) return;
        double target = args[i];
        double eps = 1e-9 * Math.max(1, Math.abs(target));
        if (Math.abs(t - target) <= eps) {
            acc[i] = v;
            settled[i] = true;
        } else if (t > target && rows > 0) {
            acc[i] = prev[i] + (v - prev[i]) * (target - prevTime) / (t - prevTime);
            settled[i] = true;
        }
    }

    /** The time the series crossed args[i], interpolated between this row and the previous one. */
    private void crossing(int i, double t, double v) {
        settled[i] = true;
        if (rows == 0) {
            acc[i] = t;
            return;
        }
        double p = prev[i];
        acc[i] = v == p ? t : prevTime + (args[i] - p) / (v - p) * (t - prevTime);
    }

    private void captureSeries(double t, double[] s) {
        int width = 1 + seriesSlots.length;
        if ((seriesRows + 1) * width > series.length) series = Arrays.copyOf(series, Math.max(64, series.length * 2));
        int at = seriesRows * width;
        series[at] = t;
        for (int j = 0; j < seriesSlots.length; j++) series[at + 1 + j] = s[seriesSlots[j]];
        seriesRows++;
        if (seriesStep > 0) {
            long k = (long) Math.floor((t - firstTime) / seriesStep + 1e-9) + 1;
            nextSeriesTime = firstTime + k * seriesStep;
        }
    }

    /** The outcomes of the run just simulated. */
    public double[] outcomes() {
        double[] out = acc.clone();
        for (int i = 0; i < out.length; i++) {
            if (ops[i] == Op.MEAN) out[i] = rows == 0 ? Double.NaN : acc[i] / rows;
            if ((ops[i] == Op.MIN || ops[i] == Op.MAX || ops[i] == Op.FINAL) && rows == 0) out[i] = Double.NaN;
        }
        return out;
    }

    double[] series() {
        return seriesSlots == null ? null : Arrays.copyOf(series, seriesRows * (1 + seriesSlots.length));
    }

    int seriesRows() {
        return seriesRows;
    }
}
