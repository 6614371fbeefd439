package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlab.cli.Cli.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The essay's question answered end to end on the korea model (v2, issue 12): explore waiting and
 * acting over the same futures, ask where acting (recalibrated) ends with a higher probability of
 * major conflict by 2050 than waiting, screen the uncertainties to the 8 with the highest feature
 * scores (--inputs top:8) and check that discovery names the assumptions behind it in an
 * interpretable box, and that the report shows them. 4,000 futures (8,000 runs). The facts asserted
 * are the ones measured at 4,000 futures (models/korea/README.md): recalibrated loses in 29.3% of
 * futures; the box restricts 4 inputs, every limit significant (no warning), among them "Spiral
 * weight" from below (about 0.54 in its 0-1 range); feature scoring ranks it first. The time limit is
 * on CPU seconds (the machine is shared).
 */
class KoreaDiscoveryTest {
    static final String SPIRAL = "Spiral weight";

    @TempDir Path tmp;

    static Path korea() {
        Path p = Path.of("..", "models", "korea", "study.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(p), "skipped: models/korea/study.yaml not found from " + Path.of("").toAbsolutePath());
        return p;
    }

    @Test
    void discoveryNamesTheAssumptionsUnderWhichActingLoses() throws Exception {
        Path study = korea();
        Path db = tmp.resolve("korea.duckdb");
        long t0 = System.nanoTime();
        double cpu0 = cpu();
        Result ex = Cli.run("explore", study.toString(), "-n", "4000", "--policies", "wait-and-see,recalibrated", "--db", db.toString(), "--quiet");
        assertThat(ex.code()).as(ex.err()).isZero();
        Path plots = tmp.resolve("plots");
        Result r = Cli.run("discover", db.toString(), "--outcome", "P major conflict by 2050", "--where", "> 0", "--policy", "recalibrated",
                "--versus", "wait-and-see", "--inputs", "top:8", "--plots", plots.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        System.out.printf("korea discovery in %.1f s:%n%s%n", (System.nanoTime() - t0) / 1e9, out.substring(0, out.indexOf("CART leaves")));

        // recalibrated loses in a minority of futures: 29.3% of 4,000 in the README's measurement
        Matcher head = Pattern.compile("> 0 in (\\d+) of (\\d+) runs").matcher(out);
        assertThat(head.find()).as(out).isTrue();
        double share = Integer.parseInt(head.group(1)) / (double) Integer.parseInt(head.group(2));
        assertThat(Integer.parseInt(head.group(2))).isEqualTo(4000);
        assertThat(share).as("share of futures where recalibrated loses").isBetween(0.26, 0.33);
        assertThat(out).contains("screening: PRIM and CART use the 8 of ");

        // an interpretable box: few restrictions, each significant, the spiral weight bounded from below near 0.54
        String box = out.substring(out.indexOf("PRIM box"), out.indexOf("resampling stability"));
        assertThat(box).as(box).doesNotContain("warning:");
        List<String> rows = box.lines().skip(2).filter(l -> l.startsWith("  ") && !l.startsWith("  (") && !l.startsWith("   ")).toList();
        assertThat(rows.size()).as(box).isBetween(2, 6);
        String row = rows.stream().filter(l -> l.trim().startsWith(SPIRAL)).findFirst().orElseThrow();
        String[] f = row.trim().substring(SPIRAL.length()).trim().split("\\s+");
        assertThat(Double.parseDouble(f[0])).as(row).isBetween(0.4, 0.7);
        assertThat(f[1]).as(row).isEqualTo("-");
        for (String l : rows) assertThat(Double.parseDouble(l.trim().split("\\s{2,}")[3])).as("quasi-p of " + l).isLessThan(0.05);

        // feature scoring against the outcome difference ranks the spiral weight first
        String scores = out.substring(out.indexOf("feature scoring"));
        assertThat(scores.lines().skip(3).findFirst().orElseThrow().trim()).as(scores).startsWith(SPIRAL);
        assertThat(plots.resolve("pairs.svg")).isRegularFile();

        Path html = tmp.resolve("korea.html");
        Result rep = Cli.run("report", db.toString(), "-o", html.toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("\"question\":\"(P major conflict by 2050)[recalibrated - wait-and-see] > 0\"");
        assertThat(page).contains("[\"" + SPIRAL + "\",0.");
        // the robustness table: over the same futures, recalibrated's mean regret on P(major conflict by 2035) is the smaller
        int from = page.indexOf("const DATA = ") + "const DATA = ".length();
        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.substring(from, page.indexOf(";</script>", from)));
        var rob = data.get("robustness").get("outcomes");
        com.fasterxml.jackson.databind.JsonNode p2035 = null;
        for (var o : rob) if (o.get("name").asText().equals("P major conflict by 2035")) p2035 = o;
        assertThat(p2035).as("robustness of P major conflict by 2035").isNotNull();
        assertThat(p2035.get("futures").asInt()).isEqualTo(4000);
        var table = p2035.get("rows");
        assertThat(table.get(0).get(0).asText()).isEqualTo("wait-and-see");
        assertThat(table.get(1).get(0).asText()).isEqualTo("recalibrated");
        // columns: policy, mean, sd, p10, p50, p90, mean regret, ...
        assertThat(table.get(1).get(6).asDouble()).isLessThan(table.get(0).get(6).asDouble());
        assertThat(p2035.get("svg").asText()).startsWith("<svg");
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = cpu() - cpu0;
        System.out.printf("korea explore + discover + report: %.1f s wall, %.1f s CPU%n", secs, cpu);
        // CPU, not wall: the machine is shared, and waiting for a core is not this test's cost
        assertThat(cpu).as("CPU seconds of explore + discover + report").isLessThan(60);
    }

    private static double cpu() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() / 1e9 : 0;
    }
}
