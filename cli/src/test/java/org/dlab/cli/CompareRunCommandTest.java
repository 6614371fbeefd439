package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlab compare-run}: hand-made reference runs (a Vensim tab export written by hand in its
 * layout, CSVs, a .dat file) against small models whose values are exact by hand.
 */
class CompareRunCommandTest {
    @TempDir Path dir;

    /**
     * Quoted name with spaces and parentheses, two subscripts: water level (m)[d,e] = t * fill
     * rate[d,e], fill rates 1, 2; 3, 4; saved at t = 0..3.
     */
    private Path tanks() throws IOException {
        Path f = dir.resolve("tanks.mdl");
        Files.writeString(f, """
                {UTF-8}
                d: a, b
                	~	|
                e: x, y
                	~	|
                "water level (m)"[d, e] = INTEG(fill rate[d, e], 0)
                	~	m
                	~	|
                fill rate[d, e] = 1, 2; 3, 4;
                	~	m/minute
                	~	|
                swing = 2 - Time
                	~	m
                	~	|
                INITIAL TIME = 0
                	~	minute
                	~	|
                FINAL TIME = 3
                	~	minute
                	~	|
                TIME STEP = 1
                	~	minute
                	~	|
                SAVEPER = TIME STEP
                	~	minute
                	~	|
                """);
        return f;
    }

    /** A Vensim tab export, time across, written by hand: two values off, at t = 2 and t = 3. */
    private Path tabExport() throws IOException {
        Path f = dir.resolve("vensim run.tab");
        Files.writeString(f, String.join("\n",
                "Time (Minute)\t0\t1\t2\t3",
                "\"water level (m)\"[a,x] : Base\t0\t1\t2\t3",
                "\"water level (m)\"[a,y] : Base\t0\t2\t4\t6",
                "\"water level (m)\"[b,x] : Base\t0\t3\t6\t9",
                "\"water level (m)\"[b,y] : Base\t0\t4\t8\t12.5",
                "fill rate[a,x] : Base\t1\t1\t1\t1",
                "fill rate[b,y] : Base\t4\t4\t4.1\t4",
                "") );
        return f;
    }

    @Test
    void matchingRunExitsZero() throws IOException {
        Path ref = dir.resolve("ref.tab");
        Files.writeString(ref, "Time (Minute)\t0\t1\t2\t3\n\"water level (m)\"[b, y] : Base\t0\t4\t8\t12\nswing : Base\t2\t1\t0\t-1\n");
        Cli.Result r = Cli.run("compare-run", tanks().toString(), ref.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("shared variables: 2; matching: 2; differing: 0");
    }

    @Test
    void differencesAreListedByFirstDivergenceWithBothValuesAndExitOne() throws IOException {
        Cli.Result r = Cli.run("compare-run", tanks().toString(), tabExport().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("shared variables: 6; matching: 4; differing: 2");
        assertThat(r.out()).contains("only in B: 0");
        List<String> rows = r.out().lines().filter(l -> l.contains("(outside at 1 time)")).toList();
        // fill rate[b,y] leaves tolerance at t = 2 (4 against 4.1, 0.1/4.1 = 0.0244), the level only at t = 3 (12 against 12.5, 0.04)
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("2 ").contains(" 4 ", " 4.1 ", "0.0244", "fill rate[b,y]");
        assertThat(rows.get(1)).startsWith("3 ").contains(" 12 ", " 12.5 ", "0.0400", "water level (m)\"[b,y]");
    }

    @Test
    void jsonListsEveryDifference() throws IOException {
        Cli.Result r = Cli.run("compare-run", tanks().toString(), tabExport().toString(), "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("shared").asInt()).isEqualTo(6);
        assertThat(j.get("matching").asInt()).isEqualTo(4);
        JsonNode first = j.get("differing").get(0);
        assertThat(first.get("variable").asText()).isEqualTo("fill rate[b,y]");
        assertThat(first.get("time").asDouble()).isEqualTo(2.0);
        assertThat(first.get("a").asDouble()).isEqualTo(4.0);
        assertThat(first.get("b").asDouble()).isEqualTo(4.1);
        assertThat(first.get("relativeError").asDouble()).isCloseTo(0.1 / 4.1, within(1e-12));
        assertThat(j.get("differing").get(1).get("time").asDouble()).isEqualTo(3.0);
    }

    @Test
    void rtolDecidesWhatDiffers() throws IOException {
        // 4 % off at most: a relative tolerance of 5 % accepts both
        Cli.Result r = Cli.run("compare-run", tanks().toString(), tabExport().toString(), "--rtol", "0.05");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("shared variables: 6; matching: 6");
    }

    @Test
    void variablesGlobSelects() throws IOException {
        Cli.Result r = Cli.run("compare-run", tanks().toString(), tabExport().toString(), "--variables", "WATER LEVEL*[a,*], fill rate[a, x]");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("shared variables: 3; matching: 3");
        Cli.Result none = Cli.run("compare-run", tanks().toString(), tabExport().toString(), "--variables", "nothing*");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no variable in common");
    }

    @Test
    void runOutputAgainstQuotedCsvAndDatFile() throws IOException {
        Path a = dir.resolve("a.csv");
        Cli.Result run = Cli.run("run", tanks().toString(), "-o", a.toString());
        assertThat(run.code()).as(run.err()).isZero();
        // names as Vensim's decoder writes them: quotes doubled inside a quoted cell, a comma inside the subscripts
        Path csv = dir.resolve("b.csv");
        Files.writeString(csv, "Time,\"\"\"water level (m)\"\"[b,x]\",\"fill rate[b,x]\"\n0,0,3\n1,3,3\n2,6,3\n3,9,3\n");
        Cli.Result r = Cli.run("compare-run", a.toString(), csv.toString());
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).startsWith("shared variables: 2; matching: 2");
        Path dat = dir.resolve("b.dat");
        Files.writeString(dat, "\"water level (m)\"[b,x]\n0 0\n3 9.5\nswing / crosses zero\n0 2\n2 0\n");
        Cli.Result d = Cli.run("compare-run", a.toString(), dat.toString());
        assertThat(d.code()).as(d.err()).isEqualTo(1);
        assertThat(d.out()).startsWith("shared variables: 2; matching: 1").contains("water level (m)\"[b,x]");
    }

    @Test
    void severalReferenceFilesAreOneRun() throws IOException {
        // two sector files of one export; fill rate[a,x] is in both and counted once
        Path second = dir.resolve("sector2.tab");
        Files.writeString(second, "Time (Minute)\t0\t1\t2\t3\nfill rate[a,x] : Base\t1\t1\t1\t1\nswing : Base\t2\t1\t0\t-1\n");
        Cli.Result r = Cli.run("compare-run", tanks().toString(), tabExport().toString(), second.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("shared variables: 7; matching: 5; differing: 2");
    }

    @Test
    void peakToleranceCoversValuesCrossingZero() throws IOException {
        // swing is 0 at t = 2: a relative error is infinite there, 1e-7 is within 1e-6 of the peak 2
        Path ref = dir.resolve("swing.csv");
        Files.writeString(ref, "Time,swing\n0,2\n1,1\n2,1e-7\n3,-1\n");
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "Time,swing\n0,2\n1,1\n2,0\n3,-1\n");
        assertThat(Cli.run("compare-run", a.toString(), ref.toString()).code()).isZero();
        Cli.Result strict = Cli.run("compare-run", a.toString(), ref.toString(), "--peak-tol", "1e-8", "--format", "json");
        assertThat(strict.code()).isEqualTo(1);
        JsonNode first = new ObjectMapper().readTree(strict.out()).get("differing").get(0);
        assertThat(first.get("time").asDouble()).isEqualTo(2.0);
        assertThat(first.get("relativeError").asDouble()).isEqualTo(1.0);
    }

    @Test
    void peakIsTheVariablesUnlessPerElement() throws IOException {
        // energy[ships] is 5e-7 in the reference and 0 here: within 1e-6 of the variable's peak 30, not of its own
        Path ref = dir.resolve("energy.csv");
        Files.writeString(ref, "Time,energy[trucks],energy[ships]\n0,10,0\n1,30,5e-7\n");
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "Time,energy[trucks],energy[ships]\n0,10,0\n1,30,0\n");
        Cli.Result whole = Cli.run("compare-run", a.toString(), ref.toString());
        assertThat(whole.code()).as(whole.out()).isZero();
        assertThat(whole.out()).contains("of each variable's peak");
        Cli.Result each = Cli.run("compare-run", a.toString(), ref.toString(), "--peak-per-element", "--format", "json");
        assertThat(each.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(each.out());
        assertThat(json.get("peakOver").asText()).isEqualTo("element");
        assertThat(json.get("differing").get(0).get("variable").asText()).isEqualTo("energy[ships]");
    }

    @Test
    void timeToleranceAlignsRoundedTimes() throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "Time,x\n0,1\n0.125,2\n0.25,3\n");
        Path b = dir.resolve("b.tab");
        // Vensim's export rounds 0.125 to 0.13; the value there is wrong on purpose
        Files.writeString(b, "Time\tx\n0\t1\n0.13\t2.5\n0.25\t3\n");
        Cli.Result exact = Cli.run("compare-run", a.toString(), b.toString());
        assertThat(exact.code()).as(exact.out()).isZero();
        Cli.Result rounded = Cli.run("compare-run", a.toString(), b.toString(), "--time-tolerance", "0.01");
        assertThat(rounded.code()).isEqualTo(1);
        assertThat(rounded.out()).contains("0.13 ");
    }

    @Test
    void missingValuesMatchOnlyMissingValues() throws IOException {
        Path a = dir.resolve("a.csv");
        Files.writeString(a, "Time,x,y\n0,,1\n1,-1.298074214633707E+33,2\n");
        Path b = dir.resolve("b.tab");
        Files.writeString(b, "Time\t0\t1\nx : r\t:NA:\t\ny : r\t1\t:NA:\n");
        Cli.Result r = Cli.run("compare-run", a.toString(), b.toString(), "--format", "json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("matching").asInt()).isEqualTo(1);
        assertThat(j.get("differing").get(0).get("variable").asText()).isEqualTo("y");
        assertThat(j.get("differing").get(0).get("b").isNull()).isTrue();
    }

    @Test
    void badFilesNameFileLineAndColumn() throws IOException {
        Path b = dir.resolve("bad.tab");
        Files.writeString(b, "Time (Minute)\t0\t1\n\nswing : Base\t2\tabc\n");
        Cli.Result r = Cli.run("compare-run", tanks().toString(), b.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(b + ":3:16: expected a number, found 'abc'");

        Path noTime = dir.resolve("notime.csv");
        Files.writeString(noTime, "Year,x\n0,1\n");
        Cli.Result t = Cli.run("compare-run", noTime.toString(), tabExport().toString());
        assertThat(t.code()).isEqualTo(2);
        assertThat(t.err()).startsWith(noTime + ":1:1: expected 'Time' in the first cell");

        Path twice = dir.resolve("twice.tab");
        Files.writeString(twice, "Time\t0\nx : run1\t1\nx : run2\t1\n");
        Cli.Result w = Cli.run("compare-run", tanks().toString(), twice.toString());
        assertThat(w.code()).isEqualTo(2);
        assertThat(w.err()).startsWith(twice + ":3:1: 'x' appears twice");

        Path vdf = dir.resolve("Ref.vdf");
        Files.write(vdf, new byte[] {0x7f, (byte) 0xf7, 0x17, 0x52, 0, 0});
        Cli.Result binary = Cli.run("compare-run", tanks().toString(), vdf.toString());
        assertThat(binary.code()).isEqualTo(2);
        assertThat(binary.err()).startsWith(vdf + ":1:1: Vensim's binary .vdf runs cannot be read yet");

        Cli.Result missing = Cli.run("compare-run", tanks().toString(), dir.resolve("nope.tab").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.tab:1:1: no such file");

        Cli.Result setOnRun = Cli.run("compare-run", twice.toString(), twice.toString(), "--set", "x=1");
        assertThat(setOnRun.code()).isEqualTo(2);
        assertThat(setOnRun.err()).contains("need a model as A");
    }
}
