package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.dlab.cli.Cli.Result;
import org.dlab.workbench.store.ResultsStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dlab calibrate end to end: the simple data format on the tank model, and the korea arms race against SIPRI. */
class CalibrateCommandTest {
    @TempDir Path tmp;

    static final Path KOREA = Path.of("..", "models", "korea");

    /** The tank (level = 10 + inflow × t) observed at inflow 3: a one-parameter fit that must give 3 exactly. */
    @Test
    void fitsTheTanksInflowFromTheSimpleFormat() throws Exception {
        Path model = Cli.smallModel(tmp);
        Path data = tmp.resolve("level.csv");
        Files.writeString(data, "Time,level\n0,10\n1,13\n2,16\n3,\n4,22\n");
        Path params = tmp.resolve("tank.yaml");
        Files.writeString(params, "parameters:\n  - {name: inflow, low: 0, high: 10, initial: 1}\n");
        Path db = tmp.resolve("tank-fit.duckdb");
        Result r = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString(), "--db", db.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fitting 1 parameter to 1 series (4 points)").containsPattern("inflow\\s+1\\.0000\\s+3\\.0000")
                .containsPattern("level\\s+4\\s+");
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT estimate FROM calibration_parameters WHERE name = 'inflow'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    /** A budget too small to converge is the user's choice: the best point so far, a note, exit 0 (was an internal error). */
    @Test
    void aSmallEvaluationBudgetGivesTheBestPointSoFarWithANote() throws Exception {
        Path model = tmp.resolve("leaky.mdl");
        Files.writeString(model, """
                {UTF-8}
                level = INTEG(inflow - level * leak, 10) ~ litres ~ |
                inflow = 2 ~ litres/minute ~ |
                leak = 0.1 ~ 1/minute ~ |
                INITIAL TIME = 0 ~ minute ~ |
                FINAL TIME = 4 ~ minute ~ |
                TIME STEP = 0.25 ~ minute ~ |
                SAVEPER = 1 ~ minute ~ |
                """);
        Path data = tmp.resolve("level.csv");
        Files.writeString(data, "Time,level\n0,10\n1,12.1\n2,13.9\n3,15.6\n4,17.0\n");
        Path params = tmp.resolve("leaky.yaml");
        // two parameters, so the multivariate searches run; 10 evaluations cannot converge to 1e-9
        Files.writeString(params, "parameters:\n  - {name: inflow, low: 0, high: 10, initial: 1}\n  - {name: leak, low: 0, high: 1, initial: 0.5}\n");
        for (String method : new String[] {"nelder-mead", "bobyqa"}) {
            Result r = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString(),
                    "--method", method, "--max-evaluations", "10");
            assertThat(r.code()).as(method + ": " + r.err()).isZero();
            assertThat(r.out()).as(method).contains("note: the evaluation budget (--max-evaluations) ran out");
            assertThat(r.err()).doesNotContain("internal error");
        }
    }

    @Test
    void calibratesTheKoreaArmsRaceAgainstSipri() throws Exception {
        String shared = System.getProperty("dlab.shared");
        Path sipri = shared == null ? null : Path.of(shared, "data", "sipri_milex_constant_usd_1949_2018.csv");
        Assumptions.assumeTrue(sipri != null && Files.isRegularFile(sipri), "skipped: no SIPRI series in the shared data folder (dlab.shared=" + shared + ")");
        Path db = tmp.resolve("korea-calibration.duckdb");
        Result r = Cli.run("calibrate", KOREA.resolve("korea.mdl").toString(), "--params", KOREA.resolve("calibration/arms-race.yaml").toString(),
                "--data", sipri.toString(), "--db", db.toString());
        assertThat(r.code()).as(r.err()).isZero();
        System.out.println(r.out());
        assertThat(r.out()).contains("fitting 2 parameters to 2 series (38 points)").contains("ROK reaction to China").contains("Japan reaction to China")
                .contains("Defense spending[ROK]").contains("Defense spending[JPN]").doesNotContain("NaN");
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT variable, mape FROM calibration_fit WHERE stage = 'fitted' ORDER BY variable")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Defense spending[JPN]");
            assertThat(rs.getDouble(2)).isLessThan(0.095);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(2)).isLessThan(0.082);
        }
    }

    @Test
    void badInputsAreOneLineWithTheirPlace() throws Exception {
        Path model = Cli.smallModel(tmp);
        Path params = tmp.resolve("p.yaml");
        Files.writeString(params, "parameters:\n  - {name: inflow, low: 0, high: 10}\n");
        Path data = tmp.resolve("d.csv");
        Files.writeString(data, "Time,level\n0,10\n1,abc\n");
        Result cell = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString());
        assertThat(cell.code()).isEqualTo(2);
        assertThat(cell.err().strip()).endsWith("d.csv:3:2: 'abc' is not a number");
        Files.writeString(data, "Time,levels\n0,10\n");
        Result col = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString());
        assertThat(col.code()).isEqualTo(2);
        assertThat(col.err()).contains("no variable 'levels' in the model");
        Files.writeString(data, "Time,level\n9,10\n");
        Result outside = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString());
        assertThat(outside.code()).isEqualTo(2);
        assertThat(outside.err()).contains("outside the run");
        Files.writeString(params, "parameters:\n  - {name: inflw, low: 0, high: 10}\n");
        Files.writeString(data, "Time,level\n0,10\n");
        Result name = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString());
        assertThat(name.code()).isEqualTo(2);
        assertThat(name.err()).contains("p.yaml:2:").contains("no constant 'inflw'");
        Result starts = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString(), "--starts", "0");
        assertThat(starts.code()).isEqualTo(2);
        assertThat(starts.err()).contains("--starts must be from 1 to 1000");
        Result missing = Cli.run("calibrate", model.toString(), "--data", tmp.resolve("none.csv").toString(), "--params", params.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such data file");
    }
}
