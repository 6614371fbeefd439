package org.dlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dlab.engine.LoadWarning;
import org.dlab.engine.LoadWarnings;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text cell in a GET DIRECT DATA/LOOKUPS value range reads as 0 (as Vensim does, see SeriesReader)
 * and the load says so on {@link Model#loadWarnings()}: once per cell, naming file, sheet, cell, the
 * text and the variable, and at most {@link LoadWarnings#LIMIT} of them before one summary.
 */
class TextCellWarningTest {
    @TempDir Path dir;

    private static final String TIMES = "INITIAL TIME = 0 ~~|\nFINAL TIME = 2 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n";

    /** Sheet 'Data' of inputs.xlsx: times 0, 1, 2 down column A from A2, then one column per value series. */
    private void workbook(Object[]... columns) throws IOException {
        try (Workbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("inputs.xlsx"))) {
            Sheet s = wb.createSheet("Data");
            s.createRow(0).createCell(0).setCellValue("time");
            for (int t = 0; t < 3; t++) {
                Row row = s.createRow(t + 1);
                row.createCell(0).setCellValue(t);
                for (int c = 0; c < columns.length; c++) {
                    Object v = columns[c][t];
                    if (v instanceof Number n) row.createCell(c + 1).setCellValue(n.doubleValue());
                    else if (v != null) row.createCell(c + 1).setCellValue((String) v);
                }
            }
            wb.write(out);
        }
    }

    private Model load(String equations) throws IOException {
        return ModelLoader.load(Files.writeString(dir.resolve("m.mdl"), "{UTF-8}\n" + equations + TIMES), List.of());
    }

    @Test
    void aTextCellReadsAsZeroAndWarnsOnceNamingCellTextAndVariable() throws IOException {
        // C3 holds 'Biofuels' under time 1; the two elements of x each read the whole block, and
        // hist reads the same column again: still one warning for C3
        workbook(new Object[] {1, 2, 3}, new Object[] {10, "Biofuels", 30});
        Model m = load("""
                region: north, south ~~|
                x[region] := GET DIRECT DATA('inputs.xlsx', 'Data', 'A', 'B2') ~~|
                hist( GET DIRECT LOOKUPS('inputs.xlsx', 'Data', 'A', 'C2')) ~~|
                y = hist(Time) ~~|
                """);
        SimResult r = m.newRun().simulate();
        assertThat(r.series("x[north]")).containsExactly(1, 2, 3);
        assertThat(r.series("x[south]")).containsExactly(10, 0, 30);
        assertThat(r.series("y")).containsExactly(10, 0, 30);
        // whichever of x and hist the analysis reads first is named
        assertThat(m.loadWarnings()).singleElement().satisfies(w -> assertThat(w.toString()).isIn(
                "inputs.xlsx: sheet 'Data', cell C3: text 'Biofuels' read as 0 (variable 'x')",
                "inputs.xlsx: sheet 'Data', cell C3: text 'Biofuels' read as 0 (variable 'hist')"));
    }

    @Test
    void aRangeOfNumbersAndBlanksGivesNoWarning() throws IOException {
        workbook(new Object[] {1, null, 3});
        Model m = load("x := GET DIRECT DATA('inputs.xlsx', 'Data', 'A', 'B2') ~~|\n");
        assertThat(m.newRun().simulate().series("x")).containsExactly(1, 2, 3);
        assertThat(m.loadWarnings()).isEmpty();
    }

    @Test
    void aTextFileCellIsNamedWithoutASheet() throws IOException {
        Files.writeString(dir.resolve("flow.csv"), "0,1\n1,abc\n2,3\n");
        Model m = load("flow := GET DIRECT DATA('flow.csv', ',', 'A', 'B1') ~~|\n");
        assertThat(m.newRun().simulate().series("flow")).containsExactly(1, 0, 3);
        assertThat(m.loadWarnings()).extracting(LoadWarning::toString)
                .containsExactly("flow.csv: cell B2: text 'abc' read as 0 (variable 'flow')");
    }

    @Test
    void pastTwentyCellsTheRestAreOneSummary() throws IOException {
        // 10 series of 3 values, all text: 30 cells
        Object[][] columns = new Object[10][];
        for (int c = 0; c < columns.length; c++) columns[c] = new Object[] {"t" + c + "a", "t" + c + "b", "t" + c + "c"};
        workbook(columns);
        Model m = load("k: k1, k2, k3, k4, k5, k6, k7, k8, k9, k10 ~~|\n"
                + "x[k] := GET DIRECT DATA('inputs.xlsx', 'Data', 'A', 'B2') ~~|\n");
        assertThat(m.newRun().simulate().series("x[k10]")).containsExactly(0, 0, 0);
        List<LoadWarning> w = m.loadWarnings();
        assertThat(w).hasSize(LoadWarnings.LIMIT + 1);
        // read time by time: row 2 across the ten series first
        assertThat(w.get(0).where()).isEqualTo("sheet 'Data', cell B2");
        assertThat(w.get(0).message()).startsWith("text 't0a' read as 0");
        assertThat(w.subList(0, 20)).extracting(LoadWarning::where).doesNotHaveDuplicates();
        // the summary names the model as its errors do: the path it was loaded from
        String model = dir.resolve("m.mdl").toString();
        assertThat(w.get(20)).isEqualTo(new LoadWarning(model, "", "... and 10 more text cells read as 0"));
        assertThat(w.get(20)).hasToString(model + ": ... and 10 more text cells read as 0");
    }
}
