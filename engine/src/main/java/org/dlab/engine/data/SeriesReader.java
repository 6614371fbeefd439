package org.dlab.engine.data;

import java.util.Arrays;
import java.util.Comparator;
import org.dlab.engine.model.ExternalData.Series;

/**
 * GET XLS/DIRECT DATA and LOOKUPS: a time (or x) axis plus {@code count} series beside it.
 *
 * <p>The axis is a row number ("4": times run across that row from the first value's column to
 * the row's last used cell), a column letter ("A": down that column from the first value's row
 * to the sheet's last row), or a named range of one row or one column (exactly its cells; the
 * values pair with it by position from the first value cell). Axis cells that are blank or not
 * numbers are skipped together with their values, as Vensim does (the suite's
 * get_with_missing_values_xlsx has a blank and a 'nonvalid' time mid-row and the canonical
 * output interpolates across them). Blank value cells are NaN, for the caller to fill by its
 * interpolation mode. A value cell holding text reads as 0: pymedeas_w's sheet Constants has a
 * row label in AC56 under the time 2016, and Vensim's run of it (default_out.tab) matches only
 * with (2016, 0) as a point of that lookup. Vensim says nothing of it; here each such cell is
 * handed to a {@link TextAsZero} so the modeller can be told. Points are returned sorted by time.
 */
final class SeriesReader {

    private SeriesReader() {}

    /** Told of each value cell that held text and was read as 0. */
    interface TextAsZero {
        void cell(Grid grid, int row, int col);
    }

    static Series read(Book book, String sheet, String timeAxis, Anchor first, int count, TextAsZero onText) {
        Grid values = first.grid();
        if (count < 1) {
            throw new DataError(values.label() + ": no series requested at cell " + first.cellName());
        }
        Axis axis = axis(book, sheet, timeAxis == null ? "" : timeAxis.strip(), first);
        if ((long) axis.length * (count + 1L) > Grid.MAX_CELLS) {
            throw new DataError(values.label() + ": " + axis.describe() + " with " + count
                    + " series is more than " + Grid.MAX_CELLS + " cells");
        }
        int[] kept = new int[axis.length];
        int n = 0;
        for (int i = 0; i < axis.length; i++) {
            if (!Double.isNaN(axis.grid.number(axis.row(i), axis.col(i)))) {
                kept[n++] = i;
            }
        }
        if (n == 0) {
            throw new DataError(axis.grid.label() + ": no times found in " + axis.describe());
        }
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = kept[j];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> axis.grid.number(axis.row(i), axis.col(i))));
        double[] times = new double[n];
        double[][] series = new double[count][n];
        for (int j = 0; j < n; j++) {
            int i = order[j];
            times[j] = axis.grid.number(axis.row(i), axis.col(i));
            if (j > 0 && times[j] == times[j - 1]) {
                int prev = order[j - 1];
                throw new DataError(axis.grid.label() + ": time " + Grid.formatNumber(times[j])
                        + " appears twice in " + axis.describe() + " (cells "
                        + CellRef.format(axis.row(prev), axis.col(prev)) + " and "
                        + CellRef.format(axis.row(i), axis.col(i)) + ")");
            }
            for (int k = 0; k < count; k++) {
                int r = axis.across ? first.row() + k : first.row() + i;
                int c = axis.across ? first.col() + i : first.col() + k;
                series[k][j] = valueAt(values, r, c, onText);
            }
        }
        return new Series(times, series);
    }

    /** A value cell: a number, NaN when blank, 0 when it holds text (see the class comment). */
    private static double valueAt(Grid g, int row, int col, TextAsZero onText) {
        if (g.isBlank(row, col)) return Double.NaN;
        double v = g.number(row, col);
        if (!Double.isNaN(v)) return v;
        onText.cell(g, row, col);
        return 0;
    }

    /** The cells holding times: {@code length} cells from (row0, col0), across or down. */
    private record Axis(Grid grid, boolean across, int row0, int col0, int length, String what) {
        int row(int i) {
            return across ? row0 : row0 + i;
        }

        int col(int i) {
            return across ? col0 + i : col0;
        }

        String describe() {
            String from = CellRef.format(row0, col0);
            return what != null ? "named range '" + what + "'"
                    : across ? "row " + (row0 + 1) + " from " + from
                    : "column " + CellRef.columnName(col0) + " from " + from;
        }
    }

    private static Axis axis(Book book, String sheet, String arg, Anchor first) {
        Grid g = first.grid();
        int row = CellRef.rowNumber(arg);
        if (row >= 0) {
            return new Axis(g, true, row, first.col(), Math.max(0, g.width(row) - first.col()), null);
        }
        // a defined name wins over a column reading: "time" or "T" may well be range names
        Book.NamedArea a = arg.isEmpty() ? null : book.name(arg, sheet);
        if (a != null) {
            Grid tg = book.sheet(a.sheet());
            if (a.height() == 1) {
                return new Axis(tg, true, a.firstRow(), a.firstCol(), a.width(), a.name());
            }
            if (a.width() == 1) {
                return new Axis(tg, false, a.firstRow(), a.firstCol(), a.height(), a.name());
            }
            throw new DataError(tg.label() + ": named range '" + a.name()
                    + "' is a table; a time axis must be one row or one column");
        }
        int col = CellRef.column(arg);
        if (col >= 0) {
            return new Axis(g, false, first.row(), col, Math.max(0, g.rows() - first.row()), null);
        }
        throw new DataError(g.label() + ": time axis '" + Grid.clip(arg)
                + "' is not a row number (like 1), a column letter (like A) or a named range");
    }
}
