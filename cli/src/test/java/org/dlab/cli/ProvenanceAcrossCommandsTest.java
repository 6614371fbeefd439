package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlab.cli.Cli.Result;
import org.dlab.workbench.store.ResultsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that records where its results came from records the same {@code model_sha256}
 * and {@code study_sha256} for the same files: the SHA-256 of the files' bytes, computed here
 * independently. The korea model holds non-ASCII bytes, so a hash of re-encoded text would differ.
 */
class ProvenanceAcrossCommandsTest {
    static final Path KOREA = Path.of("..", "models", "korea").toAbsolutePath().normalize();

    @TempDir Path tmp;

    @Test
    void exploreCompareOptimizeAndCalibrateRecordTheBytesHashOfTheSameFiles() throws Exception {
        Path model = KOREA.resolve("korea.mdl");
        Path study = KOREA.resolve("study.yaml");
        byte[] modelBytes = Files.readAllBytes(model);
        boolean nonAscii = false;
        for (byte b : modelBytes) nonAscii |= b < 0;
        assertThat(nonAscii).as("korea.mdl holds non-ASCII bytes, which a charset round trip would change").isTrue();
        String modelSha = sha256(modelBytes);
        String studySha = sha256(Files.readAllBytes(study));

        Path explored = tmp.resolve("explore.duckdb");
        Result ex = Cli.run("explore", KOREA.toString(), "-n", "4", "--policies", "wait-and-see", "--threads", "1", "--db", explored.toString(), "--quiet");
        assertThat(ex.code()).as(ex.err()).isZero();
        Map<String, String> exploreProv = table(explored, "provenance");
        assertThat(exploreProv).containsEntry("model_sha256", modelSha).containsEntry("study_sha256", studySha);

        Result cmp = Cli.run("compare", KOREA.toString(), "--policies", "wait-and-see,recalibrated", "-n", "4", "--threads", "1", "--quiet");
        assertThat(cmp.code()).as(cmp.err()).isZero();
        assertThat(line(cmp.out(), "model_sha256")).isEqualTo(modelSha);
        assertThat(line(cmp.out(), "study_sha256")).isEqualTo(studySha);

        Path pareto = tmp.resolve("pareto.duckdb");
        Result opt = Cli.run("optimize", KOREA.toString(), "--objectives", "P major conflict by 2050,Additional lever cost", "--levers",
                "Security guarantees intensity,Trilateral pact intensity", "--evaluations", "40", "--population", "8", "--threads", "1",
                "--db", pareto.toString(), "--quiet");
        assertThat(opt.code()).as(opt.err()).isZero();
        assertThat(table(pareto, "search_provenance")).containsEntry("model_sha256", modelSha).containsEntry("study_sha256", studySha);

        // calibrate takes the model alone: fit one Richardson reaction to a short made-up series of ROK spending
        Path data = Files.writeString(tmp.resolve("rok.csv"), "Time,Defense spending[ROK]\n2024,48\n2025,50\n2026,52\n2027,55\n");
        Path params = Files.writeString(tmp.resolve("fit.yaml"), "parameters:\n  - {name: \"ROK reaction to China\", low: -0.05, high: 0.05, initial: 0.003}\n"
                + "time: {start: 2024, end: 2027}\n");
        Path fit = tmp.resolve("fit.duckdb");
        Result cal = Cli.run("calibrate", model.toString(), "--data", data.toString(), "--params", params.toString(), "--method", "nelder-mead",
                "--starts", "1", "--max-evaluations", "200", "--db", fit.toString(), "--quiet");
        assertThat(cal.code()).as(cal.err()).isZero();
        assertThat(table(fit, "calibration_provenance")).containsEntry("model_sha256", modelSha)
                .containsEntry("data_sha256", sha256(Files.readAllBytes(data))).containsEntry("params_sha256", sha256(Files.readAllBytes(params)));
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static Map<String, String> table(Path db, String table) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        try (Connection c = ResultsStore.openReadOnly(db); Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT key, value FROM " + table)) {
            while (r.next()) m.put(r.getString(1), r.getString(2));
        }
        return m;
    }

    /** The hash on compare's {@code KEY HEX (file)} line. */
    private static String line(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + " ([0-9a-f]{64}) \\(").matcher(out);
        assertThat(m.find()).as("a %s line in:%n%s", key, out).isTrue();
        return m.group(1);
    }
}
