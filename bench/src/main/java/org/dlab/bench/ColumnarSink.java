package org.dlab.bench;

import java.util.List;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.ResultSink;
import org.dlab.engine.model.ScalarVar;

/**
 * Stores every visible variable at every saved step, column by column, as a CLI run must before
 * writing its output. The buffer is allocated once and reused, so a benchmark times the copying,
 * not the allocation. The hand-written baselines fill the same buffer directly.
 */
public final class ColumnarSink implements ResultSink {
    private final int[] slots;
    private double[] times;
    private double[][] columns;
    private int rows;

    /** A sink of the model's visible variables, in {@link Model#variableNames()} order. */
    public static ColumnarSink of(Model model) {
        List<ScalarVar> vars = model.variables();
        int[] slots = new int[vars.size()];
        for (int i = 0; i < slots.length; i++) slots[i] = model.plan().slot(vars.get(i));
        return new ColumnarSink(slots);
    }

    /** A sink of {@code columns} columns with no slot mapping, for the hand-written loops. */
    public static ColumnarSink ofColumns(int columns) {
        return new ColumnarSink(new int[columns]);
    }

    private ColumnarSink(int[] slots) {
        this.slots = slots;
        this.times = new double[0];
        this.columns = new double[slots.length][0];
    }

    @Override
    public void begin(int expected) {
        // grows only on the first run (or a longer one): later runs reuse the arrays
        if (expected > times.length) {
            times = new double[expected];
            for (int c = 0; c < columns.length; c++) columns[c] = new double[expected];
        }
        rows = 0;
    }

    @Override
    public void row(double time, double[] s) {
        int r = rows;
        if (r == times.length) throw new IllegalStateException("more rows than announced by begin()");
        times[r] = time;
        for (int c = 0; c < slots.length; c++) columns[c][r] = s[slots[c]];
        rows = r + 1;
    }

    /** For the hand-written loops: the rows they wrote after {@link #begin}. */
    public void rows(int n) {
        rows = n;
    }

    public int rows() {
        return rows;
    }

    /** The backing arrays, written directly by the hand-written loops (not copies). */
    public double[] times() {
        return times;
    }

    public double[] column(int c) {
        return columns[c];
    }

    public int columnCount() {
        return columns.length;
    }
}
