package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dlab run}: the table it writes and each option that shapes it. */
class RunCommandTest {
    @TempDir Path dir;

    private static List<String> lines(String s) {
        return s.lines().toList();
    }

    private static List<String> cells(String line, String sep) {
        return Arrays.asList(line.split(sep, -1));
    }

    @Test
    void teacupWritesCsvWithTimeAndEveryVariable() {
        Cli.Result r = Cli.run("run", Cli.teacup().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> rows = lines(r.out());
        List<String> header = cells(rows.get(0), ",");
        assertThat(header.get(0)).isEqualTo("Time");
        assertThat(header).contains("Teacup Temperature", "Heat Loss to Room", "Room Temperature", "Characteristic Time");
        // 0 to 30 minutes, saved every TIME STEP of 0.125
        assertThat(rows).hasSize(1 + 241);
        assertThat(cells(rows.get(1), ",").get(0)).isEqualTo("0");
        assertThat(cells(rows.get(rows.size() - 1), ",").get(0)).isEqualTo("30");
        int temp = header.indexOf("Teacup Temperature");
        assertThat(cells(rows.get(1), ",").get(temp)).isEqualTo("180");
        assertThat(rows).allMatch(l -> cells(l, ",").size() == header.size());
    }

    @Test
    void vensimsNaIsABlankCellAsInVensimsExports(@TempDir Path d) throws IOException {
        // the SDXorg case tests/na: Vensim's output.tab leaves the cell blank where the value is :NA:
        Path mdl = d.resolve("na.mdl");
        Files.writeString(mdl, "v = IF THEN ELSE(Time > 1, :NA:, Time) ~ ~ |\nw = v ~ ~ |\n"
                + "INITIAL TIME = 0 ~ ~ |\nFINAL TIME = 3 ~ ~ |\nTIME STEP = 1 ~ ~ |\nSAVEPER = 1 ~ ~ |\n");
        Cli.Result r = Cli.run("run", mdl.toString(), "--vars", "v,w");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly("Time,v,w", "0,0,0", "1,1,1", "2,,", "3,,");
    }

    @Test
    void vensimNumbersAreSinglePrecisionUnlessAsWritten(@TempDir Path d) throws IOException {
        Path mdl = d.resolve("tenth.mdl");
        Files.writeString(mdl, "x = 0.1 ~ ~ |\ny = 3 * x ~ ~ |\nINITIAL TIME = 0 ~ ~ |\nFINAL TIME = 0.2 ~ ~ |\nTIME STEP = 0.1 ~ ~ |\nSAVEPER = 0.1 ~ ~ |\n");
        // x is 0.1f, printed as written; y = 3 * 0.1f in double shows the single-precision 0.1
        Cli.Result single = Cli.run("run", mdl.toString(), "--vars", "x,y");
        String y = Double.toString(3 * (double) 0.1f);
        assertThat(lines(single.out())).containsExactly("Time,x,y", "0,0.1," + y, "0.1,0.1," + y, "0.2,0.1," + y);
        Cli.Result written = Cli.run("run", mdl.toString(), "--vars", "x,y", "--numbers-as-written");
        assertThat(lines(written.out())).containsExactly("Time,x,y", "0,0.1," + 3 * 0.1, "0.1,0.1," + 3 * 0.1, "0.2,0.1," + 3 * 0.1);
    }

    @Test
    void varsSelectsAndOrdersColumns() {
        Cli.Result r = Cli.run("run", Cli.teacup().toString(), "--vars", "Teacup Temperature,heat loss to room");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = lines(r.out());
        assertThat(rows.get(0)).isEqualTo("Time,Teacup Temperature,Heat Loss to Room");
        // at t = 0: (180 - 70) / 10
        assertThat(rows.get(1)).isEqualTo("0,180,11");
    }

    @Test
    void setOverridesConstants() {
        Cli.Result r = Cli.run("run", Cli.teacup().toString(), "--vars", "Heat Loss to Room",
                "--set", "Room Temperature=20", "--set", "Characteristic Time = 5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out()).get(1)).isEqualTo("0,32");
    }

    @Test
    void setOverridesTheInitialValueOfAStock(@TempDir Path d) throws IOException {
        Cli.Result r = Cli.run("run", Cli.smallModel(d).toString(), "--vars", "level", "--set", "level=100");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly("Time,level", "0,100", "1,102", "2,104", "3,106", "4,108");
    }

    @Test
    void tsvFormat() throws IOException {
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "--format", "tsv", "--vars", "level,inflow");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly("Time\tlevel\tinflow", "0\t10\t2", "1\t12\t2", "2\t14\t2", "3\t16\t2", "4\t18\t2");
    }

    @Test
    void finalTimeOverride() throws IOException {
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "--vars", "level", "--final-time", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly("Time,level", "0,10", "1,12", "2,14");
    }

    @Test
    void timeSettingsTogether() throws IOException {
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "--vars", "level",
                "--initial-time", "1", "--final-time", "2", "--time-step", "0.5", "--saveper", "0.5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly("Time,level", "1,10", "1.5,11", "2,12");
    }

    @Test
    void outputFileIsWrittenWhole() throws IOException {
        Path out = dir.resolve("result.csv");
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "-o", out.toString(), "--vars", "level");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readAllLines(out)).containsExactly("Time,level", "0,10", "1,12", "2,14", "3,16", "4,18");
        assertThat(onlyFiles()).containsExactlyInAnyOrder("tank.mdl", "result.csv");
    }

    @Test
    void outputFileNamedTsvGetsTabs() throws IOException {
        Path out = dir.resolve("result.tsv");
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "--output", out.toString(), "--vars", "level");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out).get(1)).isEqualTo("0\t10");
    }

    @Test
    void failedRunLeavesTheOldOutputAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("result.csv");
        Files.writeString(out, "previous results\n");
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "-o", out.toString(), "--vars", "no such variable");
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo("previous results\n");
        assertThat(onlyFiles()).containsExactlyInAnyOrder("tank.mdl", "result.csv");
    }

    @Test
    void outputIntoAMissingFolderIsBadInput() throws IOException {
        Path out = dir.resolve("no-such-folder").resolve("result.csv");
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(lines(r.err())).hasSize(1);
        assertThat(r.err()).contains("result.csv");
    }

    @Test
    void outputOntoAFolderIsBadInputAndKeepsTheFolder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("results"));
        Cli.Result r = Cli.run("run", Cli.smallModel(dir).toString(), "-o", folder.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(lines(r.err())).hasSize(1);
        assertThat(folder).isDirectory();
        assertThat(onlyFiles()).containsExactlyInAnyOrder("tank.mdl", "results");
    }

    @Test
    void outputToARelativeFileName() throws IOException {
        // a bare file name has no parent folder in its path; it goes to the working directory
        Path model = Cli.smallModel(dir);
        String name = "dlab-run-test-" + ProcessHandle.current().pid() + ".csv";
        Path out = Path.of(name).toAbsolutePath();
        try {
            Cli.Result r = Cli.run("run", model.toString(), "-o", name, "--vars", "level");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Files.readAllLines(out).get(0)).isEqualTo("Time,level");
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void deeplyNestedExpressionWithinTheLimitRuns() throws IOException {
        // 190 nested calls and a 190-term product: deep, but within what the parser accepts
        Path f = dir.resolve("deep.mdl");
        Files.writeString(f, "x = " + "ABS(".repeat(190) + "-2" + ")".repeat(190) + " ~~|\n"
                + "y = 1" + " * 1".repeat(190) + " ~~|\nFINAL TIME = 1 ~~|\n");
        Cli.Result r = Cli.run("run", f.toString(), "--vars", "x,y");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(lines(r.out())).containsExactly("Time,x,y", "0,2,1", "1,2,1");
    }

    private List<String> onlyFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
