package org.dlab.engine.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellReference;

/**
 * What .xls and .xlsx have in common: sheet lookup (exact name, then ignoring case, as Vensim
 * does), defined names, and a per-sheet cache. Each sheet is read in one short visit to the file
 * (open, read, close), so no file stays open between the model's many GET calls.
 */
abstract class WorkbookBook implements Book {

    /** A defined name as stored: {@code localSheet} is the sheet's index, or -1 for workbook scope. */
    record NameDef(String name, int localSheet, String formula) {}

    /** Sheet names in workbook order, and the defined names. */
    record Meta(List<String> sheets, List<NameDef> names) {}

    protected final Path path;
    protected final String fileLabel;
    private Meta meta;
    private final Map<String, Grid> grids = new HashMap<>();

    WorkbookBook(Path path, String fileLabel) {
        this.path = path;
        this.fileLabel = fileLabel;
    }

    /** Reads the sheet names and defined names (one visit to the file). */
    protected abstract Meta loadMeta();

    /** Reads one sheet's cells into a grid (one visit to the file). */
    protected abstract Grid loadSheet(String sheetName);

    @Override
    public Grid sheet(String sheet) {
        String actual = sheetName(sheet);
        Grid g = grids.get(actual);
        if (g == null) {
            g = loadSheet(actual);
            grids.put(actual, g);
        }
        return g;
    }

    @Override
    public NamedArea name(String name, String sheet) {
        String key = name.strip();
        int local = meta().sheets().indexOf(sheetName(sheet));
        NameDef found = null;
        for (NameDef d : meta().names()) {
            // Excel names are case-insensitive; a sheet-scoped name hides a workbook one
            if (d.name().equalsIgnoreCase(key) && (d.localSheet() == local || d.localSheet() < 0)
                    && (found == null || found.localSheet() < 0)) {
                found = d;
            }
        }
        return found == null ? null : area(found, sheet);
    }

    private NamedArea area(NameDef d, String sheet) {
        String f = d.formula() == null ? "" : d.formula().strip();
        if (f.startsWith("=")) {
            f = f.substring(1);
        }
        try {
            if (!f.isEmpty() && !f.contains("#REF!") && AreaReference.isContiguous(f)) {
                AreaReference a = new AreaReference(f, SpreadsheetVersion.EXCEL2007);
                CellReference first = a.getFirstCell();
                CellReference last = a.isSingleCell() ? first : a.getLastCell();
                String on = first.getSheetName() == null ? sheet : first.getSheetName();
                return new NamedArea(d.name(), on, Math.min(first.getRow(), last.getRow()),
                        Math.min(first.getCol(), last.getCol()), Math.max(first.getRow(), last.getRow()),
                        Math.max(first.getCol(), last.getCol()));
            }
        } catch (RuntimeException e) {
            // POI rejects formulas that are not plain ranges (OFFSET(...), constants); reported below
        }
        throw new DataError(fileLabel + ": named range '" + d.name() + "' refers to '" + Grid.clip(f)
                + "', which is not a single block of cells");
    }

    /** The workbook's spelling of {@code sheet}; a DataError listing the sheets when absent. */
    private String sheetName(String sheet) {
        List<String> sheets = meta().sheets();
        String want = sheet == null ? "" : sheet.strip();
        if (sheets.contains(want)) {
            return want;
        }
        String lower = want.toLowerCase(Locale.ROOT);
        for (String s : sheets) {
            if (s.toLowerCase(Locale.ROOT).equals(lower)) {
                return s;
            }
        }
        throw new DataError(fileLabel + ": no sheet '" + want + "' (sheets: "
                + sheets.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")");
    }

    private Meta meta() {
        if (meta == null) {
            meta = loadMeta();
        }
        return meta;
    }
}
