package org.dlab.engine.data;

/**
 * One opened data file: a workbook with sheets and named ranges, or a delimited text file
 * (one grid; the "sheet" argument was its delimiter, so it has no sheets to choose from).
 */
interface Book {

    /** The grid of the sheet a model names; a DataError naming the file when there is none. */
    Grid sheet(String sheet);

    /**
     * The range a defined name refers to, looked up as Excel does: a name scoped to
     * {@code sheet} first, then a workbook-wide one. Null when the file defines no such name.
     */
    NamedArea name(String name, String sheet);

    /** A rectangular range on {@code sheet}, 0-based and inclusive. */
    record NamedArea(String name, String sheet, int firstRow, int firstCol, int lastRow, int lastCol) {
        int height() {
            return lastRow - firstRow + 1;
        }

        int width() {
            return lastCol - firstCol + 1;
        }
    }
}
