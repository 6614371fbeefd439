package org.dlab.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlab.engine.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run files for comparisons: the layouts Vensim and {@code dlab run} write, and how their names meet. */
class RunTableTest {
    @TempDir Path dir;

    @Test
    void namesMeetAcrossQuotingSpacingAndCase() {
        assertThat(RunTable.key("\"Mean temp (C)\"[Deterministic, layer1]")).isEqualTo(RunTable.key("mean_temp (c)[deterministic,layer1]"));
        assertThat(RunTable.key("\"Absorption Land (GHA)\"")).isEqualTo(RunTable.key("Absorption  Land (GHA)"));
        assertThat(RunTable.key("x[a,b]")).isNotEqualTo(RunTable.key("x[b,a]"));
    }

    @Test
    void vensimTabExportWithTimeAcrossKeepsQuotesOfNamesAndDropsTheRunName() throws IOException {
        Path f = dir.resolve("run.tab");
        Files.writeString(f, "Time (Year)\t1980\t1980.5\t1981\n\"Deaths 1/y\"[north] : E4A TLTL\t1\t\t3\n");
        RunTable t = RunTable.read(f);
        assertThat(t.series()).containsOnlyKeys("\"Deaths 1/y\"[north]");
        DataFiles.Series s = t.series().get("\"Deaths 1/y\"[north]");
        assertThat(s.times()).containsExactly(1980, 1980.5, 1981);
        assertThat(s.values()[0]).isEqualTo(1);
        assertThat(s.values()[1]).isNaN();
        assertThat(s.values()[2]).isEqualTo(3);
    }

    @Test
    void aConstantTheExportWritesOnceHoldsItsValueThroughout() throws IOException {
        // Vensim writes a constant at the first time only (SDXorg allocate_available's output.tab)
        Path down = dir.resolve("down.tab");
        Files.writeString(down, "Time\tc\tx\n0\t5\t1\n1\t\t2\n2\t\t\n");
        RunTable t = RunTable.read(down);
        assertThat(t.series().get("c").values()).containsExactly(5, 5, 5);
        assertThat(t.series().get("x").values()[2]).isNaN();
        Path across = dir.resolve("across.tab");
        Files.writeString(across, "Time (Year)\t0\t1\nc : run\t7\t\n");
        assertThat(RunTable.read(across).series().get("c").values()).containsExactly(7, 7);
        // an explicit :NA: after the first value is a missing value, not a constant written once
        Path na = dir.resolve("na.tab");
        Files.writeString(na, "Time\ty\n0\t1\n1\t:NA:\n");
        assertThat(RunTable.read(na).series().get("y").values()[1]).isNaN();
    }

    @Test
    void csvQuotedNamesHoldCommasAndDoubledQuotes() throws IOException {
        Path f = dir.resolve("run.csv");
        Files.writeString(f, "Time,\"\"\"A (x)\"\"[a,b]\",plain\n0,1,2\n1,3,4\n");
        RunTable t = RunTable.read(f);
        assertThat(t.series()).containsOnlyKeys("\"A (x)\"[a,b]", "plain");
        assertThat(t.series().get("plain").values()).containsExactly(2, 4);
    }

    @Test
    void theCellCountIsBoundedBeforeALineIsSplit() {
        // the bound is 40 M cells in real use; the same check with a small bound
        assertThatThrownBy(() -> RunTable.readTable("big.csv", "Time,a,b\n0,1,2\n1,2,3\n", 8))
                .isInstanceOf(ModelException.class).hasToString("big.csv:3:1: more than 8 cells");
        assertThat(RunTable.readTable("ok.csv", "Time,a,b\n0,1,2\n1,2,3\n", 9).series()).hasSize(2);
    }

    @Test
    void tooManyCellsOnALineIsAnErrorWithItsColumn() throws IOException {
        Path f = dir.resolve("run.csv");
        Files.writeString(f, "Time,x\n0,1\n1,2,3\n");
        assertThatThrownBy(() -> RunTable.read(f)).isInstanceOf(ModelException.class)
                .hasToString(f + ":3:5: 3 cells where the header has 2");
    }
}
