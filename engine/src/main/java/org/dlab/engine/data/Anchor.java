package org.dlab.engine.data;

/**
 * Where a GET call's cell argument points: a grid and a 0-based cell, plus the whole named range
 * when the argument was a defined name rather than an A1 reference (the range's first cell is
 * the anchor; callers that read ranges, like GET DIRECT SUBSCRIPT, use its extent).
 */
record Anchor(Grid grid, int row, int col, Book.NamedArea area) {

    /**
     * Resolves {@code cell} (A1 reference without '*', or a defined name) on {@code sheet}.
     * The sheet must exist even when a name points elsewhere, so a typo in it is still caught.
     */
    static Anchor locate(Book book, String sheet, String cell) {
        Grid grid = book.sheet(sheet);
        String arg = cell == null ? "" : cell.strip();
        CellRef ref = CellRef.parse(arg);
        if (ref != null) {
            return new Anchor(grid, ref.row(), ref.col(), null);
        }
        Book.NamedArea area = arg.isEmpty() ? null : book.name(arg, sheet);
        if (area == null) {
            boolean hasNames = book instanceof WorkbookBook;
            throw new DataError(grid.label() + ": '" + Grid.clip(arg) + "' is not a cell reference (like B2)"
                    + (hasNames ? " nor a named range of the workbook" : ""));
        }
        // the range may live on another sheet than the one named in the call
        Grid target = book.sheet(area.sheet());
        return new Anchor(target, area.firstRow(), area.firstCol(), area);
    }

    String cellName() {
        return CellRef.format(row, col);
    }
}
