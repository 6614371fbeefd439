package org.dlab.engine.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A legacy .xls (BIFF8) workbook via POI's HSSF. The format itself bounds a sheet to
 * 65,536 × 256 cells, and the file to the engine's size limit, so the object model is
 * affordable here; it is still dropped as soon as the wanted sheet is copied into a grid.
 */
final class XlsBook extends WorkbookBook {

    XlsBook(Path path, String fileLabel) {
        super(path, fileLabel);
    }

    @Override
    protected Meta loadMeta() {
        return visit(wb -> {
            List<String> sheets = new ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                sheets.add(wb.getSheetName(i));
            }
            List<NameDef> names = new ArrayList<>();
            for (Name n : wb.getAllNames()) {
                String formula;
                try {
                    formula = n.isFunctionName() ? null : n.getRefersToFormula();
                } catch (RuntimeException e) {
                    formula = null; // a name POI cannot render is no cell range either
                }
                if (n.getNameName() != null && !n.getNameName().startsWith("_xlnm.")) {
                    names.add(new NameDef(n.getNameName(), n.getSheetIndex(), formula));
                }
            }
            return new Meta(sheets, names);
        });
    }

    @Override
    protected Grid loadSheet(String sheetName) {
        return visit(wb -> {
            Sheet sheet = wb.getSheet(sheetName);
            if (sheet == null) {
                throw new DataError(fileLabel + ": no sheet '" + sheetName + "'");
            }
            Grid grid = new Grid(fileLabel, sheetName);
            for (Row row : sheet) {
                for (Cell cell : row) {
                    store(grid, cell);
                }
            }
            return grid;
        });
    }

    private static void store(Grid grid, Cell cell) {
        int r = cell.getRowIndex();
        int c = cell.getColumnIndex();
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType(); // Vensim reads what Excel last computed
        }
        switch (type) {
            case NUMERIC -> grid.putNumber(r, c, cell.getNumericCellValue());
            case STRING -> grid.putText(r, c, cell.getRichStringCellValue().getString());
            case BOOLEAN -> grid.putNumber(r, c, cell.getBooleanCellValue() ? 1 : 0);
            case ERROR -> grid.putText(r, c, errorText(cell.getErrorCellValue()));
            default -> { }
        }
    }

    private static String errorText(byte code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException e) {
            return "#ERROR";
        }
    }

    private interface WorkbookWork<T> {
        T run(HSSFWorkbook wb);
    }

    /** Opens the file read-only, runs {@code work}, and always closes the file again. */
    private <T> T visit(WorkbookWork<T> work) {
        try (POIFSFileSystem fs = new POIFSFileSystem(path.toFile(), true);
             HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), true)) {
            return work.run(wb);
        } catch (DataError e) {
            throw e;
        } catch (Exception e) {
            throw new DataError(fileLabel + ": cannot read the workbook (" + DataError.describe(e) + ")");
        }
    }
}
