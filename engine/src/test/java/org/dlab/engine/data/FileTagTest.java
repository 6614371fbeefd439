package org.dlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.run.Model;
import org.dlab.engine.run.SimResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vensim's indirect file references {@code '?tag'}: its help (GET DIRECT CONSTANTS, DATA, SUBSCRIPT) says
 * to "use '?Tag' to indirectly reference a file and resolve the reference in Model>Settings>XLS Files".
 * Here the mapping comes from {@code --file-tag} / {@link ModelLoader}; an unmapped tag is read as a file
 * name beside the model.
 */
class FileTagTest {
    static final Pos POS = new Pos("model.mdl", 3, 1);

    @TempDir
    Path dir;

    @AfterEach
    void forgetAllowedFolders() {
        FileAccess.reset();
    }

    /** A workbook with sheet S: 1, 2, 3 in A1:C1 (times for series) and {@code row2} below them. */
    Path workbook(Path file, Object... row2) throws IOException {
        Files.createDirectories(file.getParent());
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet s = wb.createSheet("S");
            Row r1 = s.createRow(0);
            Row r2 = s.createRow(1);
            for (int c = 0; c < row2.length; c++) {
                r1.createCell(c).setCellValue(1990 + c);
                if (row2[c] instanceof Number n) r2.createCell(c).setCellValue(n.doubleValue());
                else r2.createCell(c).setCellValue((String) row2[c]);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        return file;
    }

    String message(Runnable call) {
        ModelException[] caught = new ModelException[1];
        assertThatThrownBy(() -> {
            try {
                call.run();
            } catch (ModelException e) {
                caught[0] = e;
                throw e;
            }
        }).isInstanceOf(ModelException.class);
        assertThat(caught[0].pos()).isEqualTo(POS);
        return caught[0].getMessage();
    }

    @Test
    void aMappedTagReadsItsFile() throws IOException {
        // pymedeas_w's tag: the path its file had in its repository, two folders above the model
        Path f = workbook(dir.resolve("scenarios/scen.xlsx"), 4.0, 5.0, 6.0);
        SpreadsheetData d = new SpreadsheetData(dir, Map.of("../../scenarios/scen.xlsx", f));
        assertThat(d.constants(POS, "'?../../scenarios/scen.xlsx'", "S", "A2", 1, 3)).isEqualTo(new double[][] {{4, 5, 6}});
    }

    @Test
    void theTagMayBeGivenWithItsQuestionMarkAndInAnyCase() throws IOException {
        Path f = workbook(dir.resolve("b.xlsx"), 7.0);
        SpreadsheetData d = new SpreadsheetData(dir, Map.of("?Inputs", f));
        assertThat(d.constants(POS, "?INPUTS", "S", "A2", 1, 1)).isEqualTo(new double[][] {{7}});
    }

    @Test
    void theMappingWinsOverAFileOfTheTagsName() throws IOException {
        workbook(dir.resolve("a.xlsx"), 1.0);
        Path b = workbook(dir.resolve("b.xlsx"), 2.0);
        assertThat(new SpreadsheetData(dir, Map.of("a.xlsx", b)).constants(POS, "?a.xlsx", "S", "A2", 1, 1))
                .isEqualTo(new double[][] {{2}});
        assertThat(new SpreadsheetData(dir).constants(POS, "?a.xlsx", "S", "A2", 1, 1)).isEqualTo(new double[][] {{1}});
    }

    @Test
    void aMappedFileStaysInsideTheAllowedFolders(@TempDir Path elsewhere) throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        Path outside = workbook(elsewhere.resolve("secret.xlsx"), 1.0);
        SpreadsheetData d = new SpreadsheetData(model, Map.of("s", outside));
        assertThat(message(() -> d.constants(POS, "?s", "S", "A2", 1, 1)))
                .startsWith("secret.xlsx: outside the model's folder");
        FileAccess.allow(elsewhere);
        assertThat(new SpreadsheetData(model, Map.of("s", outside)).constants(POS, "?s", "S", "A2", 1, 1))
                .isEqualTo(new double[][] {{1}});
    }

    @Test
    void errorsNameTheTagAndWhatWasTried() {
        assertThat(message(() -> new SpreadsheetData(dir).constants(POS, "?../../scenarios/scen.xlsx", "S", "A2", 1, 1)))
                .isEqualTo("'?../../scenarios/scen.xlsx': no file is mapped to this tag (dlab --file-tag TAG=FILE), "
                        + "and as a file name: ../../scenarios/scen.xlsx: file not found in the model's folder");
        SpreadsheetData d = new SpreadsheetData(dir, Map.of("t", dir.resolve("gone.xlsx")));
        assertThat(message(() -> d.constants(POS, "?t", "S", "A2", 1, 1)))
                .isEqualTo("'?t': the file mapped to this tag, gone.xlsx, does not exist");
        assertThat(message(() -> d.constants(POS, "?", "S", "A2", 1, 1))).isEqualTo("no tag after '?'");
    }

    /**
     * A whole model: a tagged constant and a lookup whose last value cell holds text. The text reads
     * as 0 (see SeriesReader), so the lookup's points are (1990, 10), (1991, 20), (1992, 0), held
     * beyond 1992 (Vensim lookups hold their end values).
     */
    @Test
    void aModelRunsWithATagMappingAndTextInALookupRange() throws IOException {
        workbook(dir.resolve("data/scen.xlsx"), 10.0, 20.0, "Biofuels");
        Path mdl = Files.writeString(dir.resolve("m.mdl"), """
                k = GET DIRECT CONSTANTS('?../../data/scen.xlsx', 'S', 'B2') ~~|
                hist( GET DIRECT LOOKUPS('?../../data/scen.xlsx', 'S', '1', 'A2')) ~~|
                y = hist(Time) * k ~~|
                INITIAL TIME = 1990 ~~|
                FINAL TIME = 1993 ~~|
                TIME STEP = 0.5 ~~|
                SAVEPER = 0.5 ~~|
                """);
        Model m = ModelLoader.load(mdl, List.of(), null, Map.of("../../data/scen.xlsx", dir.resolve("data/scen.xlsx")));
        SimResult r = m.newRun().simulate();
        assertThat(r.times()).containsExactly(1990, 1990.5, 1991, 1991.5, 1992, 1992.5, 1993);
        // k = 20; hist: 10, 15, 20, 10, 0, 0, 0
        assertThat(r.series("y")).containsExactly(new double[] {200, 300, 400, 200, 0, 0, 0}, within(1e-12));
        assertThatThrownBy(() -> ModelLoader.load(mdl)).isInstanceOf(ModelException.class)
                .hasMessageContaining("'?../../data/scen.xlsx': no file is mapped to this tag");
    }
}
