package org.dlab.engine.run;

import java.util.Arrays;
import java.util.List;

/** The saved rows of one run, column by column. */
public final class SimResult {
    private final List<String> names;
    private final double[] times;
    private final double[][] columns;

    SimResult(List<String> names, double[] times, double[][] columns) {
        this.names = names;
        this.times = times;
        this.columns = columns;
    }

    public List<String> names() {
        return names;
    }

    public double[] times() {
        return times.clone();
    }

    public int rows() {
        return times.length;
    }

    public double time(int row) {
        return times[row];
    }

    /** The series of a variable by name, or throws IllegalArgumentException. */
    public double[] series(String name) {
        String k = Model.key(name);
        for (int i = 0; i < names.size(); i++) {
            if (Model.key(names.get(i)).equals(k)) return columns[i].clone();
        }
        throw new IllegalArgumentException("no variable '" + name + "' in the result");
    }

    public double value(int column, int row) {
        return columns[column][row];
    }

    /** The value of a variable at the saved time nearest {@code t}. */
    public double valueAt(String name, double t) {
        double[] s = series(name);
        int best = 0;
        for (int i = 1; i < times.length; i++) if (Math.abs(times[i] - t) < Math.abs(times[best] - t)) best = i;
        return s[best];
    }

    public double last(String name) {
        double[] s = series(name);
        return s[s.length - 1];
    }

    @Override
    public String toString() {
        return "SimResult" + names + " x " + Arrays.toString(times);
    }
}
