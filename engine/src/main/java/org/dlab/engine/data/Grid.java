package org.dlab.engine.data;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The cells of one sheet (or one text file), read once and kept in memory so the file can be
 * closed at once. Rows are dense arrays up to their last used column; the total allocated area
 * is capped so a hostile file cannot exhaust memory.
 */
final class Grid {

    /** Upper bound on cells held (and on any block read), per the engine's hostile-file policy. */
    static final long MAX_CELLS = 10_000_000L;

    /** Plain decimal numbers only: Double.parseDouble would also take "NaN", "0x1p3" or "1d". */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String file;
    private final String sheet;
    private final String label;
    private double[][] nums = new double[0][];
    private String[][] texts = new String[0][];
    private int[] widths = new int[0];
    private int rows;
    private long allocated;

    /** The sheet {@code sheet} of {@code file} (as the model names it); {@code sheet} is null for a text file. */
    Grid(String file, String sheet) {
        this.file = file;
        this.sheet = sheet;
        this.label = sheet == null ? file : file + ", sheet '" + sheet + "'";
    }

    /** Names the place in messages, e.g. "data.xlsx, sheet 'Sheet1'". */
    String label() {
        return label;
    }

    String file() {
        return file;
    }

    /** A cell within the file, e.g. "sheet 'Data', cell C12" (just "cell C12" in a text file). */
    String where(int row, int col) {
        return (sheet == null ? "" : "sheet '" + sheet + "', ") + "cell " + CellRef.format(row, col);
    }

    /** Number of rows up to the last row holding a cell. */
    int rows() {
        return rows;
    }

    /** Columns up to the last non-blank cell of {@code row}. */
    int width(int row) {
        return row >= 0 && row < rows ? widths[row] : 0;
    }

    void putNumber(int row, int col, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        ensure(row, col);
        nums[row][col] = value;
        widths[row] = Math.max(widths[row], col + 1);
    }

    /** Stores a text cell; blank text is a blank cell, as in a spreadsheet. */
    void putText(int row, int col, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        ensure(row, col);
        if (texts[row] == null) {
            texts[row] = new String[nums[row].length];
        } else if (texts[row].length < nums[row].length) {
            texts[row] = Arrays.copyOf(texts[row], nums[row].length);
        }
        texts[row][col] = text.strip();
        widths[row] = Math.max(widths[row], col + 1);
    }

    boolean isBlank(int row, int col) {
        return Double.isNaN(rawNumber(row, col)) && rawText(row, col) == null;
    }

    /** The cell as a number: numeric cells, and text cells holding a plain decimal; else NaN. */
    double number(int row, int col) {
        double v = rawNumber(row, col);
        if (!Double.isNaN(v)) {
            return v;
        }
        String t = rawText(row, col);
        return t == null ? Double.NaN : parseNumber(t);
    }

    /** A plain decimal number ("12", "-1.5e3"), else NaN. */
    static double parseNumber(String text) {
        return NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
    }

    /** True when the cell holds something that is not a number (text, an Excel error like #N/A). */
    boolean isNonNumeric(int row, int col) {
        return !isBlank(row, col) && Double.isNaN(number(row, col));
    }

    /** The cell as text: text as written, numbers without a spurious ".0"; null when blank. */
    String text(int row, int col) {
        double v = rawNumber(row, col);
        return Double.isNaN(v) ? rawText(row, col) : formatNumber(v);
    }

    /** A message about one cell, e.g. "data.xlsx, sheet 'S', cell C5: expected a number, found 'abc'". */
    String at(int row, int col, String problem) {
        return label + ", cell " + CellRef.format(row, col) + ": " + problem;
    }

    /** The value of a cell that must be a number (blank is NaN, Vensim's missing value). */
    double requireNumber(int row, int col) {
        double v = number(row, col);
        if (Double.isNaN(v) && !isBlank(row, col)) {
            throw new DataError(at(row, col, "expected a number, found '" + clip(text(row, col)) + "'"));
        }
        return v;
    }

    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Keeps messages one short line even when a cell holds a novel. */
    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private double rawNumber(int row, int col) {
        if (row < 0 || row >= rows || col < 0) {
            return Double.NaN;
        }
        double[] r = nums[row];
        return r != null && col < r.length ? r[col] : Double.NaN;
    }

    private String rawText(int row, int col) {
        if (row < 0 || row >= rows || col < 0) {
            return null;
        }
        String[] r = texts[row];
        return r != null && col < r.length ? r[col] : null;
    }

    private void ensure(int row, int col) {
        if (row < 0 || row >= CellRef.MAX_ROWS || col < 0 || col >= CellRef.MAX_COLS) {
            throw new DataError(label + ": cell outside the sheet limits (row " + (row + 1)
                    + ", column " + (col + 1) + ")");
        }
        if (row >= nums.length) {
            int n = (int) Math.min(CellRef.MAX_ROWS, Math.max(row + 1L, nums.length * 2L + 16));
            // row slots count too: a file that touches a million rows costs memory even if sparse
            allocated += n - nums.length;
            nums = Arrays.copyOf(nums, n);
            texts = Arrays.copyOf(texts, n);
            widths = Arrays.copyOf(widths, n);
        }
        rows = Math.max(rows, row + 1);
        double[] r = nums[row];
        int have = r == null ? 0 : r.length;
        if (col < have) {
            return;
        }
        int want = (int) Math.min(CellRef.MAX_COLS, Math.max(col + 1L, have * 2L + 4));
        allocated += want - have;
        if (allocated > MAX_CELLS) {
            throw new DataError(label + ": too large to read (more than " + MAX_CELLS + " cells)");
        }
        double[] grown = r == null ? new double[want] : Arrays.copyOf(r, want);
        Arrays.fill(grown, have, want, Double.NaN);
        nums[row] = grown;
    }
}
