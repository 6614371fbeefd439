package org.dlab.workbench.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * The inputs of an analysis: named numeric columns of equal length, stored column-major
 * ({@code columns[input][row]}) because every method here scans one input at a time, and a
 * million rows of thirty inputs then take thirty primitive arrays instead of a million row
 * objects.
 *
 * <p>Supported input kinds: numeric (continuous or integer). A categorical input is accepted as
 * its integer category codes and is then treated as ordinal by PRIM, CART and the trees (box
 * limits and splits are thresholds on the codes); unordered category subsets are not searched.
 *
 * <p>The arrays are owned by the dataset once passed in (no defensive copy: a copy of a
 * 240 MB table would double the memory of the analyses that need this class most); callers must
 * not modify them afterwards.
 */
public final class Dataset {
    private final List<String> names;
    private final double[][] columns;
    private final int rows;

    private Dataset(List<String> names, double[][] columns) {
        if (names.size() != columns.length) {
            throw new IllegalArgumentException(names.size() + " names for " + columns.length + " columns");
        }
        int n = columns.length == 0 ? 0 : columns[0].length;
        for (int d = 0; d < columns.length; d++) {
            if (columns[d].length != n) {
                throw new IllegalArgumentException("column " + names.get(d) + " has " + columns[d].length + " rows, expected " + n);
            }
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(columns[d][i])) throw new IllegalArgumentException("column " + names.get(d) + " row " + i + " is NaN");
            }
        }
        this.names = List.copyOf(names);
        this.columns = columns;
        this.rows = n;
    }

    /** A dataset over the given columns ({@code columns[input][row]}), taken without copying. */
    public static Dataset ofColumns(List<String> names, double[][] columns) {
        return new Dataset(names, columns);
    }

    /** A dataset from row-major data ({@code rows[row][input]}), transposed into columns. */
    public static Dataset ofRows(List<String> names, double[][] rows) {
        int d = names.size();
        double[][] cols = new double[d][rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            for (int j = 0; j < d; j++) cols[j][i] = rows[i][j];
        }
        return new Dataset(names, cols);
    }

    /** Default names x0, x1, ... for tests and quick use. */
    public static List<String> defaultNames(int dims) {
        String[] n = new String[dims];
        for (int i = 0; i < dims; i++) n[i] = "x" + i;
        return List.of(n);
    }

    public List<String> names() {
        return names;
    }

    public String name(int input) {
        return names.get(input);
    }

    public int inputs() {
        return columns.length;
    }

    public int rows() {
        return rows;
    }

    /** The column of one input; shared, not copied (see the class comment). */
    public double[] column(int input) {
        return columns[input];
    }

    public double value(int row, int input) {
        return columns[input][row];
    }

    /** The index of the named input, or an exception naming the known inputs. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no input " + name + " among " + names);
        return i;
    }

    /** The rows at the given indexes (repeats allowed, as in a bootstrap resample), copied. */
    public Dataset select(int[] rowIndexes) {
        double[][] cols = new double[columns.length][rowIndexes.length];
        for (int d = 0; d < columns.length; d++) {
            double[] src = columns[d];
            double[] dst = cols[d];
            for (int i = 0; i < rowIndexes.length; i++) dst[i] = src[rowIndexes[i]];
        }
        return new Dataset(names, cols);
    }

    /** The named inputs only, in the order given (screening before PRIM); the columns are shared, not copied. */
    public Dataset inputs(List<String> inputNames) {
        double[][] cols = new double[inputNames.size()][];
        for (int i = 0; i < cols.length; i++) cols[i] = columns[indexOf(inputNames.get(i))];
        return new Dataset(List.copyOf(inputNames), cols);
    }

    @Override
    public String toString() {
        return "Dataset" + names + " x " + rows + " rows";
    }

    static double[] minMax(double[] column) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : column) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return new double[] {lo, hi};
    }

    static int count(boolean[] y) {
        int c = 0;
        for (boolean b : y) if (b) c++;
        return c;
    }

    static void checkOutcome(Dataset x, int length) {
        if (length != x.rows()) throw new IllegalArgumentException("outcome has " + length + " rows, inputs have " + x.rows());
    }

    static double[] copy(double[] a) {
        return a == null ? null : Arrays.copyOf(a, a.length);
    }
}
