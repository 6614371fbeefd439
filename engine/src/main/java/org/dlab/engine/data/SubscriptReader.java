package org.dlab.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * GET DIRECT/XLS SUBSCRIPT: element names from a block of cells, read across then down with
 * blank cells skipped (Vensim's documented order), each with the prefix in front. Numeric cells
 * give names without a spurious ".0" (1 → "Depth1", as in the suite's get_subscript_3d_arrays_xls).
 *
 * <p>The last cell may be an A1 reference, a row number only ("12": every used column up to that
 * row), a column letter only ("D": down to the sheet's last row), a defined name (its last cell),
 * or empty: then the first cell's named range if it was one, else the run of non-blank cells
 * from the first cell — across when the cell to its right is filled, otherwise down.
 */
final class SubscriptReader {

    private SubscriptReader() {}

    static List<String> read(Book book, String sheet, Anchor first, String lastArg, String prefix) {
        Grid g = first.grid();
        int r0 = first.row();
        int c0 = first.col();
        int r1;
        int c1;
        String last = lastArg.strip();
        CellRef ref = CellRef.parse(last);
        if (last.isEmpty()) {
            if (first.area() != null) {
                r1 = first.area().lastRow();
                c1 = first.area().lastCol();
            } else if (!g.isBlank(r0, c0 + 1)) {
                r1 = r0;
                c1 = c0 + 1;
                while (c1 + 1 < CellRef.MAX_COLS && !g.isBlank(r0, c1 + 1)) {
                    c1++;
                }
            } else {
                c1 = c0;
                r1 = r0;
                while (r1 + 1 < g.rows() && !g.isBlank(r1 + 1, c0)) {
                    r1++;
                }
            }
        } else if (ref != null) {
            r1 = ref.row();
            c1 = ref.col();
        } else if (CellRef.rowNumber(last) >= 0) {
            r1 = CellRef.rowNumber(last);
            c1 = c0;
            for (int r = r0; r <= r1 && r < g.rows(); r++) {
                c1 = Math.max(c1, g.width(r) - 1);
            }
        } else {
            Book.NamedArea area = book.name(last, sheet);
            if (area != null) {
                r1 = area.lastRow();
                c1 = area.lastCol();
            } else if (CellRef.column(last) >= 0) {
                c1 = CellRef.column(last);
                r1 = Math.max(r0, g.rows() - 1);
            } else {
                throw new DataError(g.label() + ": last cell '" + Grid.clip(last)
                        + "' is not a cell reference (like D3), row number, column letter or named range");
            }
        }
        String range = first.cellName() + ":" + CellRef.format(r1, c1);
        if (r1 < r0 || c1 < c0) {
            throw new DataError(g.label() + ", cells " + range + ": the last cell is above or left of the first");
        }
        if ((r1 - r0 + 1L) * (c1 - c0 + 1L) > Grid.MAX_CELLS) {
            throw new DataError(g.label() + ", cells " + range + ": more than " + Grid.MAX_CELLS + " cells");
        }
        List<String> names = new ArrayList<>();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                String t = g.text(r, c);
                if (t != null) {
                    names.add(prefix + t);
                }
            }
        }
        if (names.isEmpty()) {
            throw new DataError(g.label() + ", cells " + range + ": no subscript elements (all blank)");
        }
        return names;
    }
}
