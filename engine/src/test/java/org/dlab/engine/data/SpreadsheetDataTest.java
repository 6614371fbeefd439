package org.dlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.model.ExternalData.Series;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetDataTest {

    static final Pos POS = new Pos("model.mdl", 12, 5);
    static final double NaN = Double.NaN;

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- helpers

    SpreadsheetData data() {
        return new SpreadsheetData(dir);
    }

    /** Writes a workbook; {@code cells} alternates "Sheet!A1" / value (Number, String, "=formula"). */
    Path workbook(String file, boolean xls, Consumer<Workbook> extra, Object... cells) throws IOException {
        try (Workbook wb = xls ? new HSSFWorkbook() : new XSSFWorkbook()) {
            for (int i = 0; i < cells.length; i += 2) {
                String[] at = ((String) cells[i]).split("!");
                Sheet s = wb.getSheet(at[0]) != null ? wb.getSheet(at[0]) : wb.createSheet(at[0]);
                CellReference ref = new CellReference(at[1]);
                Row row = s.getRow(ref.getRow()) != null ? s.getRow(ref.getRow()) : s.createRow(ref.getRow());
                Cell cell = row.createCell(ref.getCol());
                Object v = cells[i + 1];
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (((String) v).startsWith("=")) {
                    cell.setCellFormula(((String) v).substring(1));
                } else {
                    cell.setCellValue((String) v);
                }
            }
            if (extra != null) {
                extra.accept(wb);
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cache formula results
            Path p = dir.resolve(file);
            try (OutputStream out = Files.newOutputStream(p)) {
                wb.write(out);
            }
            return p;
        }
    }

    Path xlsx(Object... cells) throws IOException {
        return workbook("data.xlsx", false, null, cells);
    }

    Path text(String file, String content) throws IOException {
        return Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    }

    static void name(Workbook wb, String name, int sheetScope, String formula) {
        Name n = wb.createName();
        n.setNameName(name);
        if (sheetScope >= 0) {
            n.setSheetIndex(sheetScope);
        }
        n.setRefersToFormula(formula);
    }

    /** The ModelException thrown by {@code call}, checked to sit at the caller's position. */
    static ModelException failure(ThrowingCallable call) {
        ModelException[] caught = new ModelException[1];
        assertThatThrownBy(() -> {
            try {
                call.call();
            } catch (ModelException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(ModelException.class);
        assertThat(caught[0].pos()).isEqualTo(POS);
        return caught[0];
    }

    /** The 3×3 block 1..9 at B2:D4 of Sheet1 (with a header row and column). */
    Path block() throws IOException {
        return xlsx("Sheet1!A1", "x", "Sheet1!B1", "a", "Sheet1!B2", 1, "Sheet1!C2", 2, "Sheet1!D2", 3,
                "Sheet1!B3", 4, "Sheet1!C3", 5, "Sheet1!D3", 6, "Sheet1!B4", 7, "Sheet1!C4", 8, "Sheet1!D4", 9);
    }

    // ---------------------------------------------------------------- constants

    @Nested
    class Constants {
        @Test
        void anIndirectReferenceIsTheFileOfThatNameBesideTheModel() throws IOException {
            // Vensim's '?name' (pymedeas' '?inputs_w.xlsx')
            block();
            assertThat(data().constants(POS, "'?data.xlsx'", "Sheet1", "B2", 1, 3)).isEqualTo(new double[][] {{1, 2, 3}});
        }

        @Test
        void oneDimensionalReadsAcross() throws IOException {
            block();
            assertThat(data().constants(POS, "data.xlsx", "Sheet1", "B2", 1, 3)).isEqualTo(new double[][] {{1, 2, 3}});
        }

        @Test
        void twoDimensionalReadsRowsDown() throws IOException {
            block();
            assertThat(data().constants(POS, "data.xlsx", "Sheet1", "C3", 2, 2))
                    .isEqualTo(new double[][] {{5, 6}, {8, 9}});
        }

        @Test
        void starTransposesEachModelRowDownAColumn() throws IOException {
            block();
            assertThat(data().constants(POS, "data.xlsx", "Sheet1", "B2*", 2, 3))
                    .isEqualTo(new double[][] {{1, 4, 7}, {2, 5, 8}});
        }

        @Test
        void cellReferenceSpellings() throws IOException {
            block();
            SpreadsheetData d = data();
            for (String ref : List.of("c3", "$C$3", "C$3", " C3 ", "'C3'")) {
                assertThat(d.constants(POS, "data.xlsx", "sheet1", ref, 1, 1)).as(ref).isEqualTo(new double[][] {{5}});
            }
        }

        @Test
        void formulaCellsGiveTheirCachedValue() throws IOException {
            xlsx("S!A1", 2, "S!B1", 3, "S!C1", "=A1*B1+0.5");
            assertThat(data().constants(POS, "data.xlsx", "S", "C1", 1, 1)).isEqualTo(new double[][] {{6.5}});
        }

        @Test
        void blankCellsAreNaNButAllBlankIsAnError() throws IOException {
            xlsx("S!A1", 1, "S!C1", 3);
            assertThat(data().constants(POS, "data.xlsx", "S", "A1", 1, 3)).isEqualTo(new double[][] {{1, NaN, 3}});
            assertThat(failure(() -> data().constants(POS, "data.xlsx", "S", "E5", 2, 2)).getMessage())
                    .isEqualTo("data.xlsx, sheet 'S', cells E5:F6: all blank, expected numbers");
        }

        @Test
        void textThatIsANumberCounts() throws IOException {
            xlsx("S!A1", " 2.5 ");
            assertThat(data().constants(POS, "data.xlsx", "S", "A1", 1, 1)).isEqualTo(new double[][] {{2.5}});
        }

        @Test
        void legacyXlsWorkbook() throws IOException {
            workbook("old.xls", true, wb -> name(wb, "pair", -1, "Tab!$B$1:$C$1"), "Tab!B1", 7, "Tab!C1", 8);
            SpreadsheetData d = data();
            assertThat(d.constants(POS, "old.xls", "Tab", "B1", 1, 2)).isEqualTo(new double[][] {{7, 8}});
            assertThat(d.constants(POS, "old.xls", "Tab", "pair", 1, 2)).isEqualTo(new double[][] {{7, 8}});
        }

        @Test
        void workbookContentDecidesTheFormatNotTheExtension() throws IOException {
            Files.move(block(), dir.resolve("really-xlsx.xls"));
            assertThat(data().constants(POS, "really-xlsx.xls", "Sheet1", "D4", 1, 1)).isEqualTo(new double[][] {{9}});
        }

        @Test
        void xlsNameFallsBackToXlsxBesideIt() throws IOException {
            block();
            assertThat(data().constants(POS, "data.xls", "Sheet1", "B2", 1, 1)).isEqualTo(new double[][] {{1}});
        }
    }

    // ---------------------------------------------------------------- series

    @Nested
    class SeriesReading {
        @Test
        void timesAcrossARow() throws IOException {
            block();
            Series s = data().series(POS, "data.xlsx", "Sheet1", "2", "B3", 2);
            assertThat(s.times()).containsExactly(1, 2, 3);
            assertThat(s.values()).isEqualTo(new double[][] {{4, 5, 6}, {7, 8, 9}});
        }

        @Test
        void timesDownAColumn() throws IOException {
            block();
            Series s = data().series(POS, "data.xlsx", "Sheet1", "b", "C2", 2);
            assertThat(s.times()).containsExactly(1, 4, 7);
            assertThat(s.values()).isEqualTo(new double[][] {{2, 5, 8}, {3, 6, 9}});
        }

        @Test
        void blankValuesAreNaNAndBlankOrTextTimesAreSkipped() throws IOException {
            xlsx("S!A1", "time", "S!B1", 0, "S!C1", 1, "S!E1", 3, "S!F1", "n/a", "S!G1", 5,
                    "S!B2", 10, "S!E2", 30, "S!F2", "ignored with its time", "S!G2", 50, "S!H2", 60);
            Series s = data().series(POS, "data.xlsx", "S", "1", "B2", 1);
            assertThat(s.times()).containsExactly(0, 1, 3, 5);
            assertThat(s.values()[0]).containsExactly(10, NaN, 30, 50);
        }

        @Test
        void textValueCellsReadAsZero() throws IOException {
            // pymedeas_w's sheet Constants: a row label ('Biofuels', AC56) sits under the time 2016;
            // Vensim's run of that model matches only with 0 there (see SeriesReader)
            xlsx("S!A1", "years", "S!B1", 1990, "S!C1", 1991, "S!D1", 1992, "S!E1", 1993, "S!F1", 1994,
                    "S!A2", "Biofuels", "S!B2", 7.5, "S!C2", "#N/A", "S!D2", 9.5, "S!E2", "Biofuels");
            Series s = data().series(POS, "data.xlsx", "S", "1", "B2", 1);
            assertThat(s.times()).containsExactly(1990, 1991, 1992, 1993, 1994);
            assertThat(s.values()[0]).containsExactly(7.5, 0, 9.5, 0, NaN); // F2 blank: missing
        }

        @Test
        void timesAreSortedAndRepeatsRefused() throws IOException {
            xlsx("S!A1", 2, "S!A2", 0, "S!A3", 1, "S!B1", 20, "S!B2", 0, "S!B3", 10, "S!A4", 1);
            assertThatThrownBy(() -> data().series(POS, "data.xlsx", "S", "A", "B1", 1))
                    .hasMessage("data.xlsx, sheet 'S': time 1 appears twice in column A from A1 (cells A3 and A4)");
            xlsx("S!A1", 2, "S!A2", 0, "S!A3", 1, "S!B1", 20, "S!B2", 0, "S!B3", 10);
            Series s = data().series(POS, "data.xlsx", "S", "A", "B1", 1);
            assertThat(s.times()).containsExactly(0, 1, 2);
            assertThat(s.values()[0]).containsExactly(0, 10, 20);
        }

        @Test
        void namedRangesForTimesAndValues() throws IOException {
            workbook("data.xlsx", false, wb -> {
                name(wb, "years", 1, "Data!$C$2:$E$2");       // scoped to sheet Data
                name(wb, "years", -1, "Other!$A$1:$A$1");      // hidden by the scoped one
                name(wb, "pop", -1, "Data!$C$3:$E$4");
                name(wb, "ages", -1, "Data!$A$6:$A$7");
            }, "Other!A1", 99, "Data!C2", 2000, "Data!D2", 2010, "Data!E2", 2020,
                    "Data!C3", 1, "Data!D3", 2, "Data!E3", 3, "Data!C4", 4, "Data!D4", 5, "Data!E4", 6,
                    "Data!A6", 0, "Data!A7", 65, "Data!B6", 0.5, "Data!B7", 0.25);
            SpreadsheetData d = data();
            Series s = d.series(POS, "data.xlsx", "Data", "years", "pop", 2);
            assertThat(s.times()).containsExactly(2000, 2010, 2020);
            assertThat(s.values()).isEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
            Series down = d.series(POS, "data.xlsx", "Data", "ages", "B6", 1);
            assertThat(down.times()).containsExactly(0, 65);
            assertThat(down.values()[0]).containsExactly(0.5, 0.25);
            assertThat(d.constants(POS, "data.xlsx", "Data", "POP", 2, 3))
                    .isEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}});
        }
    }

    // ---------------------------------------------------------------- text files

    @Nested
    class TextFiles {
        @Test
        void csvPaddedWithSpacesAndTabs() throws IOException {
            text("down.csv", "Time\t,Col1\t,Col2\n1\t   ,1\t   ,2\n2\t   ,4\t   ,5\n");
            SpreadsheetData d = data();
            Series s = d.series(POS, "down.csv", ",", "A", "B2", 2);
            assertThat(s.times()).containsExactly(1, 2);
            assertThat(s.values()).isEqualTo(new double[][] {{1, 4}, {2, 5}});
            assertThat(d.constants(POS, "down.csv", ",", "B2*", 1, 2)).isEqualTo(new double[][] {{1, 4}});
        }

        @Test
        void delimiterComesFromTheSheetArgument() throws IOException {
            text("semi.txt", "1;2;3\r\n4;5;6\r\n");
            text("tabs.tab", "1\t2\n3\t4\n");
            SpreadsheetData d = data();
            assertThat(d.constants(POS, "semi.txt", ";", "A2", 1, 3)).isEqualTo(new double[][] {{4, 5, 6}});
            assertThat(d.constants(POS, "tabs.tab", "\\t", "B1", 2, 1)).isEqualTo(new double[][] {{2}, {4}});
            assertThat(d.constants(POS, "tabs.tab", "\t", "A2", 1, 2)).isEqualTo(new double[][] {{3, 4}});
            assertThat(d.constants(POS, "tabs.tab", "Sheet1", "A1", 1, 1)).isEqualTo(new double[][] {{1}});
        }

        @Test
        void quotedFieldsAndSubscriptNames() throws IOException {
            text("names.csv", "\"north, coast\",\"say \"\"hi\"\"\",3\n");
            assertThat(data().subscriptElements(POS, new String[] {"names.csv", ",", "A1", "C1", "r "}))
                    .containsExactly("r north, coast", "r say \"hi\"", "r 3");
        }

        @Test
        void unicodeTextExportIsUtf16() throws IOException {
            byte[] utf16 = "\uFEFFnom\t2\n\u00e9t\u00e9\t3\n".getBytes(StandardCharsets.UTF_16LE);
            Files.write(dir.resolve("unicode.txt"), utf16);
            SpreadsheetData d = data();
            assertThat(d.constants(POS, "unicode.txt", "", "B1", 2, 1)).isEqualTo(new double[][] {{2}, {3}});
            assertThat(d.subscriptElements(POS, new String[] {"unicode.txt", "", "A1", "A2", ""}))
                    .containsExactly("nom", "\u00e9t\u00e9");
        }

        @Test
        void textCellWhereANumberIsNeeded() throws IOException {
            text("bad.csv", "1,2\n3,abc\n");
            assertThat(failure(() -> data().constants(POS, "bad.csv", ",", "A1", 2, 2)).getMessage())
                    .isEqualTo("bad.csv, cell B2: expected a number, found 'abc'");
        }
    }

    // ---------------------------------------------------------------- subscripts

    @Nested
    class SubscriptNames {
        @Test
        void rowColumnAndBlock() throws IOException {
            xlsx("S!B1", "north", "S!C1", "south", "S!D1", 3, "S!A2", 1, "S!A3", 2.5, "S!A5", "last");
            SpreadsheetData d = data();
            assertThat(d.subscriptElements(POS, new String[] {"data.xlsx", "S", "B1", "D1", "Region "}))
                    .containsExactly("Region north", "Region south", "Region 3");
            assertThat(d.subscriptElements(POS, new String[] {"data.xlsx", "S", "A2", "A5", "E"}))
                    .containsExactly("E1", "E2.5", "Elast");
            assertThat(d.subscriptElements(POS, new String[] {"data.xlsx", "S", "A1", "C2", ""}))
                    .containsExactly("north", "south", "1");
            assertThat(d.subscriptElements(POS, new String[] {"data.xlsx", "S", "A2", "A", "p"}))
                    .containsExactly("p1", "p2.5", "plast");
        }

        @Test
        void emptyLastCellReadsUntilBlank() throws IOException {
            xlsx("S!B1", "a", "S!C1", "b", "S!D1", "c", "S!F1", "far", "S!A2", "x", "S!A3", "y", "S!A5", "z");
            SpreadsheetData d = data();
            assertThat(d.subscriptElements(POS, new String[] {"data.xlsx", "S", "B1", "", "p"}))
                    .containsExactly("pa", "pb", "pc");
            assertThat(d.subscriptElements(POS, new String[] {"data.xlsx", "S", "A2", "", ""}))
                    .containsExactly("x", "y");
        }

        @Test
        void namedRange() throws IOException {
            workbook("data.xlsx", false, wb -> name(wb, "regions", -1, "S!$A$1:$A$3"),
                    "S!A1", "r1", "S!A2", "r2", "S!A3", "r3", "S!A4", "not in range");
            assertThat(data().subscriptElements(POS, new String[] {"data.xlsx", "S", "regions", "", ""}))
                    .containsExactly("r1", "r2", "r3");
        }

        @Test
        void allBlankIsAnError() throws IOException {
            xlsx("S!A1", "x");
            assertThat(failure(() -> data().subscriptElements(POS, new String[] {"data.xlsx", "S", "C3", "C9", ""}))
                    .getMessage()).isEqualTo("data.xlsx, sheet 'S', cells C3:C9: no subscript elements (all blank)");
        }
    }

    // ---------------------------------------------------------------- errors and limits

    @Nested
    class Errors {
        @Test
        void nonNumericCellNamesFileSheetAndCell() throws IOException {
            xlsx("Sheet1!C4", 1, "Sheet1!C5", "abc");
            assertThat(failure(() -> data().constants(POS, "data.xlsx", "Sheet1", "C4", 2, 1)).getMessage())
                    .isEqualTo("data.xlsx, sheet 'Sheet1', cell C5: expected a number, found 'abc'");
            assertThat(failure(() -> data().series(POS, "data.xlsx", "Sheet1", "B", "C4", 1)).getMessage())
                    .isEqualTo("data.xlsx, sheet 'Sheet1': no times found in column B from B4");
        }


        @Test
        void missingFile() {
            assertThat(failure(() -> data().constants(POS, "nowhere.xlsx", "S", "A1", 1, 1)).getMessage())
                    .isEqualTo("nowhere.xlsx: file not found in the model's folder"); // no absolute path: it may reach an HTTP client
            assertThat(failure(() -> data().series(POS, "?tag", "S", "1", "A1", 1)).getMessage())
                    .isEqualTo("'?tag': no file is mapped to this tag (dlab --file-tag TAG=FILE), and as a file name: "
                            + "tag: file not found in the model's folder");
        }

        @Test
        void missingSheetListsTheSheets() throws IOException {
            block();
            assertThat(failure(() -> data().constants(POS, "data.xlsx", "Sheet9", "A1", 1, 1)).getMessage())
                    .isEqualTo("data.xlsx: no sheet 'Sheet9' (sheets: 'Sheet1')");
        }

        @Test
        void badCellReferences() throws IOException {
            block();
            for (String bad : List.of("B0", "1B", "ABCD1", "B2B", "")) {
                assertThat(failure(() -> data().constants(POS, "data.xlsx", "Sheet1", bad, 1, 1)).getMessage())
                        .as(bad).isEqualTo("data.xlsx, sheet 'Sheet1': '" + bad
                                + "' is not a cell reference (like B2) nor a named range of the workbook");
            }
            text("t.csv", "1\n");
            assertThat(failure(() -> data().constants(POS, "t.csv", ",", "nope", 1, 1)).getMessage())
                    .isEqualTo("t.csv: 'nope' is not a cell reference (like B2)");
            assertThat(failure(() -> data().series(POS, "data.xlsx", "Sheet1", "1x", "B2", 1)).getMessage())
                    .isEqualTo("data.xlsx, sheet 'Sheet1': time axis '1x' is not a row number (like 1), "
                            + "a column letter (like A) or a named range");
        }

        @Test
        void fileOverTheSizeLimit() throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.csv").toFile(), "rw")) {
                f.setLength(SpreadsheetData.MAX_FILE_BYTES + 1); // sparse: costs no disk
            }
            assertThat(failure(() -> data().constants(POS, "huge.csv", ",", "A1", 1, 1)).getMessage())
                    .isEqualTo("huge.csv: file is over the 64 MB limit for data files (67108865 bytes)");
        }

        @Test
        void tooManyCellsRequestedOrHeld() throws IOException {
            block();
            assertThat(failure(() -> data().constants(POS, "data.xlsx", "Sheet1", "A1", 5000, 5000)).getMessage())
                    .isEqualTo("data.xlsx, sheet 'Sheet1', cell A1: cannot read 5000 x 5000 values"
                            + " (1 to 10000000 cells)");
            // a file that places one value at the far right of many rows would cost 16,384 cells a row
            String wide = ",".repeat(CellRef.MAX_COLS - 1) + "1\n";
            text("wide.csv", wide.repeat(700));
            assertThat(failure(() -> data().constants(POS, "wide.csv", ",", "A1", 1, 1)).getMessage())
                    .isEqualTo("wide.csv: too large to read (more than 10000000 cells)");
            Object[] farRight = new Object[2 * 700];
            for (int r = 0; r < 700; r++) {
                farRight[2 * r] = "S!XFD" + (r + 1);
                farRight[2 * r + 1] = 1;
            }
            workbook("wide.xlsx", false, null, farRight);
            assertThat(failure(() -> data().constants(POS, "wide.xlsx", "S", "A1", 1, 1)).getMessage())
                    .isEqualTo("wide.xlsx, sheet 'S': too large to read (more than 10000000 cells)");
        }

        @Test
        void zipBombIsRefused() throws IOException {
            String ns = "http://schemas.openxmlformats.org/";
            Map<String, String> parts = new java.util.LinkedHashMap<>();
            parts.put("[Content_Types].xml", "<Types xmlns=\"" + ns + "package/2006/content-types\">"
                    + "<Default Extension=\"rels\""
                    + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                    + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>");
            parts.put("_rels/.rels", "<Relationships xmlns=\"" + ns + "package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + ns + "officeDocument/2006/relationships/officeDocument\""
                    + " Target=\"xl/workbook.xml\"/></Relationships>");
            // 20 MB of blanks that deflate to almost nothing: far past POI's inflation-ratio guard
            parts.put("xl/workbook.xml", "<workbook xmlns=\"" + ns + "spreadsheetml/2006/main\">"
                    + " ".repeat(20 << 20) + "</workbook>");
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(
                    Files.newOutputStream(dir.resolve("bomb.xlsx")))) {
                for (Map.Entry<String, String> e : parts.entrySet()) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                    zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            assertThat(Files.size(dir.resolve("bomb.xlsx"))).isLessThan(1 << 20);
            assertThat(failure(() -> data().constants(POS, "bomb.xlsx", "S", "A1", 1, 1)).getMessage())
                    .startsWith("bomb.xlsx: cannot read the workbook (Zip bomb detected!");
        }

        @Test
        void notAWorkbook() throws IOException {
            text("fake.xlsx", "just text");
            Files.write(dir.resolve("broken.xlsx"), new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5});
            assertThat(failure(() -> data().constants(POS, "fake.xlsx", "S", "A1", 1, 1)).getMessage())
                    .isEqualTo("fake.xlsx: not an Excel workbook (neither .xlsx nor .xls content)");
            assertThat(failure(() -> data().constants(POS, "broken.xlsx", "S", "A1", 1, 1)).getMessage())
                    .startsWith("broken.xlsx: cannot read the workbook (");
        }

        @Test
        void namedRangeThatIsNotARange() throws IOException {
            workbook("data.xlsx", false, wb -> name(wb, "calc", -1, "S!$A$1*2"), "S!A1", 1);
            assertThat(failure(() -> data().constants(POS, "data.xlsx", "S", "calc", 1, 1)).getMessage())
                    .isEqualTo("data.xlsx: named range 'calc' refers to 'S!$A$1*2',"
                            + " which is not a single block of cells");
        }
    }

    // ---------------------------------------------------------------- the conformance suite's files

    /**
     * Reads the real spreadsheets of sd-test-models and checks the numbers against the constants
     * and series visible in each case's canonical Vensim output.
     */
    @Nested
    class ConformanceSuite {

        Path caseDir(String name) {
            String shared = System.getProperty("dlab.shared");
            Path tests = shared == null || shared.isBlank() ? null : Path.of(shared, "sd-test-models", "tests");
            Assumptions.assumeTrue(tests != null && Files.isDirectory(tests),
                    "...set -Ddlab.shared=PATH to the shared folder with sd-test-models to run this");
            return tests.resolve(name);
        }

        @Test
        void getConstantsIncompleteSubscript() {
            Path c = caseDir("get_constants_incomplete_subscript");
            Output out = Output.read(c);
            SpreadsheetData d = new SpreadsheetData(c);
            assertThat(d.constants(POS, "inputs.xls", "tab1", "B11", 1, 1)[0][0])
                    .isEqualTo(out.first("adimensional const"));
            double[][] var = d.constants(POS, "inputs.xls", "tab1", "B5", 3, 2);
            String[] dim = {"a", "b", "c"};
            for (int i = 0; i < 3; i++) {
                assertThat(var[i][0]).isEqualTo(out.first("var[" + dim[i] + ",female]"));
                assertThat(var[i][1]).isEqualTo(out.first("var[" + dim[i] + ",male]"));
            }
            // [dim, female] with a one-element last range: Vensim reads it across (1, 2, 3 in row 2)
            double[][] women = d.constants(POS, "inputs.xls", "tab1", "B2", 1, 3);
            for (int i = 0; i < 3; i++) {
                assertThat(women[0][i]).isEqualTo(out.first("var only women[" + dim[i] + ",female]"));
            }
        }

        @Test
        void getConstantsSubranges() {
            Path c = caseDir("get_constants_subranges");
            Output out = Output.read(c);
            double[][] v = new SpreadsheetData(c).constants(POS, "inputs.xlsx", "Sheet1", "A1", 1, 3);
            assertThat(v[0]).containsExactly(
                    out.first("constant[C]"), out.first("constant[D]"), out.first("constant[E]"));
        }

        @Test
        void getMixedDefinitions() {
            Path c = caseDir("get_mixed_definitions");
            Output out = Output.read(c);
            SpreadsheetData d = new SpreadsheetData(c);
            Series ext = d.series(POS, "input.xlsx", "Sheet1", "4", "C5", 2);
            out.check(ext, 10, "Variable 10[ext data,A]", "Variable 10[ext data,B]");
            double[][] k = d.constants(POS, "input.xlsx", "Sheet1", "C8*", 1, 2);
            assertThat(10 * k[0][0]).isEqualTo(out.first("Variable 10[ext const,A]"));
            assertThat(10 * k[0][1]).isEqualTo(out.first("Variable 10[ext const,B]"));
            assertThat(d.constants(POS, "input.xlsx", "Sheet2", "var_d1*", 1, 1)[0][0])
                    .isEqualTo(out.first("const var 1[d1]"));
            assertThat(d.constants(POS, "input.xlsx", "Sheet2", "var_d3", 1, 1)[0][0])
                    .isEqualTo(out.first("const var 1[d3]"));
            double[][] dimA2 = d.constants(POS, "input.xlsx", "Sheet2", "var_dim*", 1, 4);
            for (int i = 0; i < 4; i++) {
                assertThat(dimA2[0][i]).isEqualTo(out.first("const var 2[d" + (i + 1) + ",a2]"));
            }
            out.check(d.series(POS, "input.xlsx", "Sheet2", "time", "data_d1", 1), 1, "outdata 1[d1]");
            out.check(d.series(POS, "input.xlsx", "Sheet2", "time", "data_d3", 1), 1, "outdata 1[d3]");
            out.check(d.series(POS, "input.xlsx", "Sheet2", "time", "data_dim", 4), 1,
                    "outdata 2[d1,a2]", "outdata 2[d2,a2]", "outdata 2[d3,a2]", "outdata 2[d4,a2]");
        }

        @Test
        void getSubscript3dArraysXls() {
            Path c = caseDir("get_subscript_3d_arrays_xls");
            Output out = Output.read(c);
            SpreadsheetData d = new SpreadsheetData(c);
            List<String> depth = d.subscriptElements(POS, new String[] {"input.xls", "Sheet1", "C3", "D3", "Depth"});
            List<String> entry = d.subscriptElements(POS, new String[] {"input.xls", "Sheet1", "B4", "B6", "Entry"});
            assertThat(depth).containsExactly("Depth1", "Depth2");
            assertThat(entry).containsExactly("Entry1", "Entry2", "Entry3");
            Map<String, double[][]> byColumn = Map.of(
                    "Column1", d.constants(POS, "input.xls", "Sheet1", "C4", 3, 2),
                    "Column2", d.constants(POS, "input.xls", "Sheet1", "E4", 3, 2));
            byColumn.forEach((col, v) -> {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 2; j++) {
                        String name = "Three Dimensional Constant[" + entry.get(i) + "," + col + ","
                                + depth.get(j) + "]";
                        assertThat(v[i][j]).as(name).isEqualTo(out.first(name));
                    }
                }
            });
        }

        @Test
        void getWithMissingValuesXlsx() {
            Path c = caseDir("get_with_missing_values_xlsx");
            Output out = Output.read(c);
            SpreadsheetData d = new SpreadsheetData(c);
            Series blankTime = d.series(POS, "input.xlsx", "Hoja1", "8", "A9", 1);
            Series textTime = d.series(POS, "input.xlsx", "Hoja1", "10", "A9", 1);
            assertThat(blankTime.times()).containsExactly(1, 2, 4, 5, 6, 7, 8, 9);
            assertThat(textTime.times()).containsExactly(blankTime.times());
            assertThat(textTime.values()).isEqualTo(blankTime.values());
            out.check(blankTime, 1, "out lookup3");
            out.check(blankTime, 1, "out data interp3");
            out.check(textTime, 1, "out lookup4");
            out.check(textTime, 1, "out data hb4");
            Series gaps = d.series(POS, "input.xlsx", "Hoja1", "1", "C5", 2);
            assertThat(gaps.times()).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11);
            assertThat(gaps.values()[0]).containsExactly(NaN, 2, 4, NaN, 4, 5, 3, NaN, NaN);
            out.check(gaps, 1, "out data interp2[A]", "out data interp2[B]");
            out.check(gaps, 1, "out data lf2[A]", "out data lf2[B]");
        }

        @Test
        void getXlsCellrange() {
            Path c = caseDir("get_xls_cellrange");
            Output out = Output.read(c);
            SpreadsheetData d = new SpreadsheetData(c);
            String[] dim = {"A", "B", "C", "D", "E", "F"};
            String[][] cases = {{"final1", "value1", "Global", "Time1", "value1"},
                {"final2", "value2", "Local", "Time2", "value2"}, {"finalv", "valuev", "Global", "Timev", "valuev*"}};
            for (String[] k : cases) {
                double[] value = d.constants(POS, "inputs.xlsx", k[2], k[4], 1, 6)[0];
                Series s = d.series(POS, "inputs.xlsx", k[2], k[3], k[4].replace("*", ""), 1);
                assertThat(s.times()).containsExactly(0, 1, 2, 3, 4, 5);
                for (int i = 0; i < 6; i++) {
                    assertThat(value[i]).isEqualTo(out.first(k[1] + "[" + dim[i] + "]"));
                    // final[dim] = value[dim] + 10*data - 100*lookup(Time), both read from the same cells
                    for (int t = 0; t < s.times().length; t++) {
                        double expected = value[i] - 90 * s.values()[0][t];
                        assertThat(out.at(k[0] + "[" + dim[i] + "]", s.times()[t])).isCloseTo(expected, within(1e-9));
                    }
                }
            }
        }

        @Test
        void getLookupsFromXls() {
            Path c = caseDir("get_lookups_data_3d_xls");
            SpreadsheetData d = new SpreadsheetData(c);
            Series a = d.series(POS, "input.xls", "Sheet1", "4", "C5", 2);
            Series b = d.series(POS, "input.xls", "Sheet1", "4", "C7", 2);
            assertThat(a.times()).containsExactly(0, 5, 10, 15, 20, 25, 30);
            Output.read(c).check(a, 1, "lookup call[A,Row1]", "lookup call[A,Row2]");
            Output.read(c).check(b, 1, "lookup call[B,Row1]", "lookup call[B,Row2]");
            Output subset = Output.read(caseDir("get_lookups_subset"));
            subset.check(a, 1, "lookup subset3[A,Row1]", "lookup subset3[A,Row2]");
            subset.check(b, 1, "lookup subset3[B,Row1]", "lookup subset3[B,Row2]");
            Path args = caseDir("get_lookups_subscripted_args");
            Series one = new SpreadsheetData(args).series(POS, "input.xls", "Sheet1", "4", "C5", 1);
            Output.read(args).check(one, 1, "lookup 1d time");
            Output.read(args).check(a, 1, "lookup 2d time[Row1]", "lookup 2d time[Row2]");
        }

        @Test
        void getDataAndGetConstantsAgreeAcrossFormats() {
            // these cases have no canonical output; their xlsx and csv copies must read alike
            Path c = caseDir("get_data");
            SpreadsheetData d = new SpreadsheetData(c);
            Series xlsDown = d.series(POS, "data down.xls", "தாள்", "A", "B2", 3);   // file is .xlsx
            Series csvDown = d.series(POS, "data down.csv", ",", "A", "B2", 3);
            Series xlsAcross = d.series(POS, "data across.xls", "தாள்", "1", "B2", 3);
            Series csvAcross = d.series(POS, "data across.csv", ",", "1", "B2", 3);
            for (Series s : List.of(xlsDown, csvDown, xlsAcross, csvAcross)) {
                assertThat(s.times()).containsExactly(1, 2, 3);
            }
            assertThat(xlsDown.values()).isEqualTo(new double[][] {{1, 4, 7}, {2, 5, 8}, {3, 6, 9}});
            assertThat(csvDown.values()).isEqualTo(xlsDown.values());
            assertThat(xlsAcross.values()).isEqualTo(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
            assertThat(csvAcross.values()).isEqualTo(xlsAcross.values());
            Path k = caseDir("get_constants");
            SpreadsheetData dk = new SpreadsheetData(k);
            assertThat(dk.constants(POS, "data.xls", "தாள்", "A2", 1, 3)).isEqualTo(new double[][] {{1, 2, 3}});
            assertThat(dk.constants(POS, "data down.csv", ",", "A2", 3, 3))
                    .isEqualTo(dk.constants(POS, "data.xls", "தாள்", "A2", 3, 3));
        }
    }

    /** A canonical output.tab / output.csv: column → (time → value), blanks left out. */
    record Output(Map<String, Map<Double, Double>> columns) {
        static Output read(Path caseDir) {
            try {
                Path tab = caseDir.resolve("output.tab");
                Path file = Files.exists(tab) ? tab : caseDir.resolve("output.csv");
                String sep = file == tab ? "\t" : ",";
                List<String> lines = Files.readAllLines(file);
                String[] header = lines.get(0).split(sep, -1);
                Map<String, Map<Double, Double>> cols = new HashMap<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(sep, -1);
                    if (f[0].isBlank()) {
                        continue;
                    }
                    double time = Double.parseDouble(f[0].strip());
                    for (int i = 1; i < Math.min(f.length, header.length); i++) {
                        if (!f[i].isBlank()) {
                            cols.computeIfAbsent(header[i].strip(), x -> new java.util.TreeMap<>())
                                    .put(time, Double.parseDouble(f[i].strip()));
                        }
                    }
                }
                return new Output(cols);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        Map<Double, Double> column(String name) {
            assertThat(columns).as("output column").containsKey(name);
            return columns.get(name);
        }

        double first(String name) {
            return column(name).values().iterator().next();
        }

        double at(String name, double time) {
            Double v = column(name).get(time);
            assertThat(v).as(name + " at time " + time).isNotNull();
            return v;
        }

        /** Each series k, times {@code scale}, equals column k wherever the output has a row at a data time. */
        void check(Series s, double scale, String... names) {
            for (int k = 0; k < names.length; k++) {
                Map<Double, Double> col = column(names[k]);
                List<Double> compared = new ArrayList<>();
                for (int i = 0; i < s.times().length; i++) {
                    Double v = col.get(s.times()[i]);
                    if (v != null && !Double.isNaN(s.values()[k][i])) {
                        assertThat(v).as(names[k] + " at time " + s.times()[i])
                                .isCloseTo(scale * s.values()[k][i], within(1e-6 * Math.max(1, Math.abs(v))));
                        compared.add(s.times()[i]);
                    }
                }
                assertThat(compared).as(names[k] + ": data times present in the output").isNotEmpty();
            }
        }
    }

    @Test
    void filesAreReadOnceAndNotKeptOpen() throws IOException {
        Path p = block();
        SpreadsheetData d = data();
        assertThat(d.constants(POS, "data.xlsx", "Sheet1", "B2", 1, 1)).isEqualTo(new double[][] {{1}});
        Files.delete(p); // served from the cache from now on
        assertThat(d.constants(POS, "data.xlsx", "Sheet1", "D4", 1, 1)).isEqualTo(new double[][] {{9}});
        d.close();
        assertThat(failure(() -> d.constants(POS, "data.xlsx", "Sheet1", "B2", 1, 1)).getMessage())
                .contains("file not found");
    }
}
