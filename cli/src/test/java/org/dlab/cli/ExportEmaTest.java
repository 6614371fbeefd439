package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dlab export --format ema}: the archive read back by Python with pandas, the way EMA
 * Workbench's load_results reads an archive without metadata.json (experiments.csv with a header,
 * "experiments metadata.csv" as name,dtype lines, "outcomes metadata.csv" as name,(shape) lines,
 * one header-less CSV per outcome), and its numbers checked against the store.
 */
class ExportEmaTest {
    private static final Path STUDY = Path.of("../workbench/src/test/resources/models/sir-study.yaml").toAbsolutePath().normalize();
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir Path tmp;

    private static final String READER = """
            import json, sys, tarfile
            import numpy as np, pandas as pd
            with tarfile.open(sys.argv[1], "r:gz", encoding="UTF8") as z:
                experiments = pd.read_csv(z.extractfile("experiments.csv"))
                for line in z.extractfile("experiments metadata.csv").readlines():
                    name, dtype = line.decode("UTF-8").strip().split(",")
                    if np.dtype(dtype) == object:
                        experiments[name] = experiments[name].astype("category")
                outcomes = {}
                for line in z.extractfile("outcomes metadata.csv").readlines():
                    entry = line.decode("UTF-8").strip().split(",")
                    shape = tuple(int(x.strip("() ")) for x in entry[1:] if x.strip("() "))
                    data = pd.read_csv(z.extractfile(entry[0] + ".csv"), index_col=False, header=None).values
                    outcomes[entry[0]] = np.reshape(data, shape)
                raw = z.extractfile("Epidemic start.csv").read(80).decode()
            peak = outcomes["Peak infected"]
            start = outcomes["Epidemic start"]
            print(json.dumps({
                "rows": len(experiments),
                "columns": list(experiments.columns),
                "policies": sorted(str(p) for p in experiments["policy"].cat.categories),
                "peak_mean_vaccinate": float(np.mean(peak[(experiments["policy"] == "vaccinate").values])),
                "never": int(np.isnan(start).sum()),
                "first_input": float(experiments.iloc[0, 0]),
                "shape": list(peak.shape),
                "raw": raw,
            }))
            """;

    @Test
    void pandasReadsTheArchiveAsLoadResultsDoes() throws Exception {
        Path db = tmp.resolve("sir.duckdb");
        assertThat(Cli.run("explore", STUDY.toString(), "-n", "40", "--threads", "2", "--db", db.toString(), "--quiet").code()).isZero();
        Path archive = tmp.resolve("sir.tar.gz");
        Cli.Result r = Cli.run("export", db.toString(), "--format", "ema", "-o", archive.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.size(archive)).isGreaterThan(100);
        // a folder, or a name that is not an archive, is one line and exit 2
        Cli.Result bad = Cli.run("export", db.toString(), "--format", "ema", "-o", tmp.resolve("out").toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err().strip()).isEqualTo("dlab: --format ema writes one archive: -o must name a FILE.tar.gz, got '" + tmp.resolve("out") + "'");

        boolean pandas = Files.isExecutable(PYTHON) && new ProcessBuilder(PYTHON.toString(), "-c", "import pandas").start().waitFor() == 0;
        if (!pandas) System.err.println("NOTICE: ExportEmaTest: no pandas for /usr/bin/python3 (apt-get install python3-pandas); the read-back is skipped");
        Assumptions.assumeTrue(pandas, "needs /usr/bin/python3 with pandas");
        Path script = Files.writeString(tmp.resolve("read.py"), READER);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), archive.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).as(out).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.substring(out.lastIndexOf('{')));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
            ResultSet q = st.executeQuery("SELECT count(*), avg(o.\"Peak infected\") FILTER (WHERE e.policy = 'vaccinate'), "
                    + "count(*) FILTER (WHERE o.\"Epidemic start\" IS NULL OR isnan(o.\"Epidemic start\")) FROM experiments e JOIN outcomes o USING (run)");
            q.next();
            assertThat(json.get("rows").asInt()).isEqualTo(q.getInt(1));
            assertThat(json.get("shape").get(0).asInt()).isEqualTo(q.getInt(1));
            assertThat(json.get("peak_mean_vaccinate").asDouble()).isCloseTo(q.getDouble(2), within(1e-9 * Math.abs(q.getDouble(2))));
            assertThat(q.getInt(3)).isPositive(); // the study's first_above outcome never crosses in some futures
            assertThat(json.get("never").asInt()).as(json.get("raw").asText()).isEqualTo(q.getInt(3));
            ResultSet first = st.executeQuery("SELECT * FROM experiments ORDER BY run LIMIT 1");
            first.next();
            assertThat(json.get("first_input").asDouble()).isEqualTo(first.getDouble(4)); // the first input column, exactly (shortest round trip)
        }
        assertThat(json.get("policies").toString()).isEqualTo("[\"none\",\"vaccinate\"]");
        var cols = json.get("columns");
        assertThat(cols.get(cols.size() - 3).asText()).isEqualTo("scenario");
        assertThat(cols.get(cols.size() - 2).asText()).isEqualTo("policy");
        assertThat(cols.get(cols.size() - 1).asText()).isEqualTo("model");
    }
}
