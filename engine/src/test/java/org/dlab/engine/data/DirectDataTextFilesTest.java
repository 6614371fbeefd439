package org.dlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.dlab.engine.ModelLoader;
import org.dlab.engine.run.SimResult;
import org.dlab.engine.vensim.VensimParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole models whose data variables name delimited text files with GET DIRECT DATA (Vensim Help,
 * "GET DIRECT DATA": tab-delimited unless the file ends in .csv, another delimiter in the 'tab'
 * argument; time down a column letter or across a row number). Expected values are the
 * hand-made points, linearly interpolated between them (blank cells skipped), or held until
 * the next point under :HOLD BACKWARD:.
 */
class DirectDataTextFilesTest {
    @TempDir Path dir;

    private static final String TIMES = "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 4 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n";

    private SimResult run(String equations) {
        return ModelLoader.compile(VensimParser.parse("m.mdl", "{UTF-8}\n" + equations + TIMES, dir)).newRun().simulate();
    }

    @Test
    void csvDownTabAcrossAndOtherDelimiterReadAsVensimDocuments() throws IOException {
        // time down column A, one column per element; the blank south value at t = 2 is missing
        Files.writeString(dir.resolve("demand.csv"), "Year,north,south\n0,10,100\n2,14,\n4,22,140\n");
        // time across row 1, tab by default (the 'tab' argument is not one delimiter character)
        Files.writeString(dir.resolve("price.tab"), "Time\t0\t4\nprice\t1\t3\n");
        // a .txt with ';' named in the 'tab' argument
        Files.writeString(dir.resolve("stock.txt"), "t;v\n0;5\n3;8\n");
        SimResult r = run("""
                region: north, south ~ ~ |
                demand[region] := GET DIRECT DATA('demand.csv', ',', 'A', 'B2') ~ ~ |
                price := GET DIRECT DATA('?price.tab', 'Sheet1', '1', 'B2') ~ ~ |
                stock :HOLD BACKWARD: := GET DIRECT DATA('stock.txt', ';', 'A', 'B2') ~ ~ |
                """);
        assertThat(r.series("demand[north]")).containsExactly(10, 12, 14, 18, 22);
        assertThat(r.series("demand[south]")).containsExactly(100, 110, 120, 130, 140);
        assertThat(r.series("price")).containsExactly(1, 1.5, 2, 2.5, 3);
        assertThat(r.series("stock")).containsExactly(5, 5, 5, 8, 8);
    }

    @Test
    void aTabFileWithExplicitTabDelimiterAndQuotedHeader() throws IOException {
        Files.writeString(dir.resolve("in.txt"), "\"Time, years\"\t\"flow\"\n0\t1\n4\t-3\n");
        SimResult r = run("flow := GET DIRECT DATA('in.txt', '\\t', 'A', 'B2') ~ ~ |\n");
        assertThat(r.series("flow")).containsExactly(1, 0, -1, -2, -3);
    }

    @Test
    void aTextCellInsideTheValuesReadsAsZeroAsInSpreadsheets() throws IOException {
        // the rule SeriesReader documents (Vensim's own pymedeas_w output shows it for a workbook)
        Files.writeString(dir.resolve("text.csv"), "0,1\n1,abc\n2,3\n");
        SimResult r = run("x := GET DIRECT DATA('text.csv', ',', 'A', 'B1') ~ ~ |\n");
        assertThat(r.series("x")).startsWith(1, 0, 3);
    }

    @Test
    void aMissingFileIsAnErrorAtTheEquation() {
        assertThatThrownBy(() -> run("x := GET DIRECT DATA('absent.tab', '', 'A', 'B2') ~ ~ |\n"))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).describe())
                        .startsWith("m.mdl:2:").endsWith("absent.tab: file not found in the model's folder"));
    }
}
