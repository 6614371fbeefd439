package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dlab.cli.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dlab sensitivity and dlab discover end to end, on models whose answers are known. */
class AnalysisCommandsTest {
    @TempDir Path tmp;

    /** A model with no dynamics (FINAL TIME = INITIAL TIME): its final values are its equations at the sampled constants. */
    /** The equations with a control section of one step at t = 0: a model of constants and formulas. */
    static String staticModel(String equations) {
        return equations + """
                INITIAL TIME = 0
                	~	s
                	~	|
                FINAL TIME = 0
                	~	s
                	~	|
                TIME STEP = 1
                	~	s
                	~	|
                SAVEPER = TIME STEP
                	~	s
                	~	|
                """;
    }

    /**
     * The Ishigami function (a = 7, b = 0.1) as a model with no dynamics: FINAL TIME = INITIAL
     * TIME, so the final value of y is the function at the sampled constants.
     */
    private Path ishigami() throws Exception {
        Files.writeString(tmp.resolve("ishigami.mdl"), staticModel("""
                {UTF-8}
                x1 = 0
                	~	dmnl
                	~	|
                x2 = 0
                	~	dmnl
                	~	|
                x3 = 0
                	~	dmnl
                	~	|
                y = SIN(x1) + 7 * SIN(x2) ^ 2 + 0.1 * x3 ^ 4 * SIN(x1)
                	~	dmnl
                	~	|
                """));
        Path study = tmp.resolve("study.yaml");
        Files.writeString(study, """
                model: ishigami.mdl
                uncertainties:
                  - {name: x1, dist: uniform, low: -3.141592653589793, high: 3.141592653589793}
                  - {name: x2, dist: uniform, low: -3.141592653589793, high: 3.141592653589793}
                  - {name: x3, dist: uniform, low: -3.141592653589793, high: 3.141592653589793}
                outcomes:
                  - {name: y, variable: y, reduce: final}
                """);
        return study;
    }

    /** The first-order table rows under "outcome NAME": uncertainty name to its first four numeric columns. */
    private static Map<String, double[]> table(String out) {
        Map<String, double[]> rows = new HashMap<>();
        for (String line : out.lines().toList()) {
            if (line.contains("second order")) break;
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("x\\d")) {
                double[] v = new double[4];
                for (int i = 0; i < 4; i++) v[i] = Double.parseDouble(f[i + 1]);
                rows.put(f[0], v);
            }
        }
        return rows;
    }

    /** The second-order rows: "xi x xj" to S2, S2 conf. */
    private static Map<String, double[]> secondOrder(String out) {
        Map<String, double[]> rows = new HashMap<>();
        boolean in = false;
        for (String line : out.lines().toList()) {
            if (line.contains("second order")) in = true;
            String[] f = line.trim().split("\\s+");
            if (in && f.length >= 5 && f[0].matches("x\\d") && f[1].equals("x")) {
                rows.put(f[0] + " x " + f[2], new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])});
            }
        }
        return rows;
    }

    @Test
    void sobolOnIshigamiMatchesTheAnalyticIndices() throws Exception {
        Path study = ishigami();
        Result r = Cli.run("sensitivity", study.toString(), "--method", "sobol", "-n", "4096", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("outcome y").contains("S1 conf").contains("32768 runs");
        Map<String, double[]> t = table(r.out());
        assertThat(t).containsOnlyKeys("x1", "x2", "x3");
        assertThat(t.get("x1")[0]).isCloseTo(0.3139, org.assertj.core.data.Offset.offset(0.03));
        assertThat(t.get("x2")[0]).isCloseTo(0.4424, org.assertj.core.data.Offset.offset(0.03));
        assertThat(t.get("x3")[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.03));
        // sorted by ST: x1 (0.558) before x2 (0.442) before x3 (0.244)
        assertThat(r.out().indexOf("  x1 ")).isLessThan(r.out().indexOf("  x2 "));
        assertThat(r.out().indexOf("  x2 ")).isLessThan(r.out().indexOf("  x3 "));
        // second order: the only interaction is x1-x3 (S13 = ST1 - S1 = 0.2437)
        Map<String, double[]> s2 = secondOrder(r.out());
        assertThat(s2).containsOnlyKeys("x1 x x2", "x1 x x3", "x2 x x3");
        assertThat(s2.get("x1 x x3")[0]).isCloseTo(0.2437, org.assertj.core.data.Offset.offset(0.06));
        assertThat(s2.get("x1 x x2")[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.06));
        assertThat(s2.get("x2 x x3")[0]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.06));
        assertThat(s2.get("x1 x x3")[1]).isPositive();
        // the largest pair first
        assertThat(r.out().indexOf("x1 x x3")).isLessThan(r.out().indexOf("x1 x x2"));
    }

    @Test
    void sobolAndMorrisPlotsAreSvg() throws Exception {
        Path study = ishigami();
        Path dir = tmp.resolve("plots");
        Result s = Cli.run("sensitivity", study.toString(), "--method", "sobol", "-n", "256", "--quiet", "--plots", dir.toString());
        assertThat(s.code()).as(s.err()).isZero();
        String sobol = Files.readString(dir.resolve("sobol-y.svg"));
        assertThat(sobol).startsWith("<?xml").contains("<svg").contains("S1 (first order)").contains("ST (total)").contains(">x1<").endsWith("</svg>\n");
        Result m = Cli.run("sensitivity", study.toString(), "--method", "morris", "-n", "20", "--quiet", "--plots", dir.toString());
        assertThat(m.code()).as(m.err()).isZero();
        assertThat(Files.readString(dir.resolve("morris-y.svg"))).contains("Morris mu*: y").contains(">x2<");
        assertThat(Files.readString(dir.resolve("morris-sigma-y.svg"))).contains("sigma").contains(">x3<");
        assertThat(m.out()).contains("plots: ").contains("morris-sigma-y.svg");
    }

    @Test
    void morrisRanksX3BelowX2() throws Exception {
        Path study = ishigami();
        Result r = Cli.run("sensitivity", study.toString(), "--method", "morris", "-n", "200", "--seed", "3", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("mu*").contains("sigma conf").contains("mu conf");
        Map<String, double[]> t = table(r.out());
        assertThat(t.get("x3")[0]).isLessThan(t.get("x2")[0]);
        assertThat(r.out().indexOf("  x2 ")).isLessThan(r.out().indexOf("  x3 "));
    }

    @Test
    void anOutcomeWithoutAValueInSomeRunsIsSkippedNotFatal() throws Exception {
        Path study = ishigami();
        // y never exceeds 1000, so its first crossing has no value in any run
        Files.writeString(study, Files.readString(study) + "  - {name: never, variable: y, reduce: {first_above: 1000}}\n");
        Result r = Cli.run("sensitivity", study.toString(), "--method", "morris", "-n", "10", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        String never = r.out().substring(r.out().indexOf("outcome never"));
        assertThat(never).contains("no finite value in 40 of 40 runs").contains("skipped");
        assertThat(r.out().substring(r.out().indexOf("outcome y"), r.out().indexOf("outcome never"))).contains("mu*");
    }

    @Test
    void sensitivityRejectsBadArguments() throws Exception {
        Path study = ishigami();
        Result big = Cli.run("sensitivity", study.toString(), "--method", "sobol", "-n", "100000");
        assertThat(big.code()).isEqualTo(2);
        assertThat(big.err().strip()).isEqualTo("dlab: -n must be from 2 to 65536 for sobol");
        Result method = Cli.run("sensitivity", study.toString(), "--method", "fast");
        assertThat(method.code()).isEqualTo(2);
        assertThat(method.err()).contains("--method must be sobol or morris");
        Result pol = Cli.run("sensitivity", study.toString(), "--method", "morris", "--policy", "nope");
        assertThat(pol.code()).isEqualTo(2);
        assertThat(pol.err()).contains("no policy 'nope'");
    }

    /** A store whose outcome exceeds 0.5 exactly when input a is above 0.7; b only adds a little. */
    private Path store() throws Exception {
        Files.writeString(tmp.resolve("step.mdl"), staticModel("""
                {UTF-8}
                a = 0
                	~	dmnl
                	~	|
                b = 0
                	~	dmnl
                	~	|
                c = 0
                	~	dmnl
                	~	|
                y = IF THEN ELSE(a > 0.7, 1, 0) + 0.1 * b + 0.05 * c
                	~	dmnl
                	~	|
                """));
        Path study = tmp.resolve("step.yaml");
        Files.writeString(study, """
                model: step.mdl
                uncertainties:
                  - {name: a, dist: uniform, low: 0, high: 1}
                  - {name: b, dist: uniform, low: 0, high: 1}
                  - {name: c, dist: uniform, low: 0, high: 1}
                outcomes:
                  - {name: y, variable: y, reduce: final}
                """);
        Path db = tmp.resolve("step.duckdb");
        Result r = Cli.run("explore", study.toString(), "-n", "1000", "--db", db.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        return db;
    }

    @Test
    void discoverFindsTheInputThatDecides() throws Exception {
        Path db = store();
        // at density 0.8 PRIM may stop with a lower limit well below 0.7 (a fifth of its rows non-cases); asking for 0.95 pins it near 0.7
        Result r = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--min-density", "0.95");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("trade-off curve").contains("PRIM box").contains("resampling stability").contains("CART leaves").contains("feature scoring");
        // the box's only restriction is a's lower limit, near 0.7
        String boxPart = out.substring(out.indexOf("PRIM box"), out.indexOf("resampling stability"));
        String aRow = boxPart.lines().filter(l -> l.trim().startsWith("a ")).findFirst().orElseThrow();
        double lower = Double.parseDouble(aRow.trim().split("\\s+")[1]);
        assertThat(lower).as(out).isBetween(0.65, 0.75);
        assertThat(boxPart.lines().noneMatch(l -> l.trim().startsWith("b ") || l.trim().startsWith("c "))).as(boxPart).isTrue();
        // a is restricted in every bootstrap resample
        String stability = out.substring(out.indexOf("resampling stability"), out.indexOf("CART leaves"));
        assertThat(stability.lines().skip(2).findFirst().orElseThrow().trim()).matches("a\\s+100%");
        // feature scoring ranks a first
        String scores = out.substring(out.indexOf("feature scoring"));
        assertThat(scores.lines().skip(3).findFirst().orElseThrow().trim()).startsWith("a ");
        assertThat(out.substring(out.indexOf("CART leaves"), out.indexOf("feature scoring"))).contains("a >= 0.7");
        // the trade-off curve starts with the whole space and marks the box inspected
        String curve = out.substring(out.indexOf("trade-off curve"), out.indexOf("PRIM box"));
        assertThat(curve.lines().skip(2).findFirst().orElseThrow().trim()).matches("0\\s+1\\.000\\s+\\S+\\s+1\\.000\\s+0");
        assertThat(curve).containsPattern("\\d+\\*");
    }

    /** --inputs top:1 screens to the input that decides (a) before PRIM; a bad spec is a one-line error, exit 2. */
    @Test
    void discoverScreensInputsByFeatureScores() throws Exception {
        Path db = store();
        Result r = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--min-density", "0.95", "--inputs", "top:1", "--no-save");
        assertThat(r.code()).as(r.err()).isZero();
        String out = r.out();
        assertThat(out).contains("screening: PRIM and CART use the 1 of 3 uncertainties with the highest feature scores on y:\n  a\n");
        String boxPart = out.substring(out.indexOf("PRIM box"), out.indexOf("resampling stability"));
        assertThat(boxPart).contains("1 restricted dimension(s)").doesNotContain("warning:");
        // feature scoring still lists every input
        String scores = out.substring(out.indexOf("feature scoring"));
        assertThat(scores).contains(" b ").contains(" c ");
        for (String bad : new String[] {"top:0", "top:x", "some", "top:-3"}) {
            Result e = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--inputs", bad);
            assertThat(e.code()).as(bad).isEqualTo(2);
            assertThat(e.err().strip()).as(bad).isEqualTo("dlab: --inputs: expected all or top:N with N from 1 to 10000, got '" + bad + "'");
        }
    }

    @Test
    void discoverSavesItsResultForTheReportAndDrawsPlots() throws Exception {
        Path db = store();
        Path dir = tmp.resolve("plots");
        Result r = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--min-density", "0.95", "--plots", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("saved as discovery 1 in " + db);
        for (String f : java.util.List.of("tradeoff.svg", "box-limits.svg", "pairs.svg", "feature-scores.svg")) {
            String svg = Files.readString(dir.resolve(f));
            assertThat(svg).as(f).startsWith("<?xml").endsWith("</svg>\n");
        }
        assertThat(Files.readString(dir.resolve("box-limits.svg"))).contains(">a<");
        assertThat(Files.readString(dir.resolve("pairs.svg"))).contains("class=\"box\"");
        // a second discovery gets the next number; --no-save leaves the store alone
        Result again = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "< 0.1");
        assertThat(again.out()).contains("saved as discovery 2");
        Result dry = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "< 0.1", "--no-save");
        assertThat(dry.out()).doesNotContain("saved as");
        Path html = tmp.resolve("report.html");
        Result rep = Cli.run("report", db.toString(), "-o", html.toString());
        assertThat(rep.code()).as(rep.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("\"question\":\"y > 0.5\"").contains("\"question\":\"y < 0.1\"").doesNotContain("\"id\":3");
        assertThat(page).contains("\"limits\":[[\"a\",");
        assertThat(page).contains("\"limitsSvg\":\"<svg");
        // the box's lower limit on a, as saved
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT lower FROM discovery_boxes WHERE discovery = 1 AND uncertainty = 'a'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isBetween(0.65, 0.75);
        }
    }

    @Test
    void discoverInspectsABoxChosenFromTheCurve() throws Exception {
        Path db = store();
        Result r = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--box", "0", "--no-save", "--resamples", "0");
        assertThat(r.code()).as(r.err()).isZero();
        // box 0 is the whole space: every case, the base rate as density, nothing restricted, no stability section
        assertThat(r.out()).contains("PRIM box 0: coverage 1.000").contains("0 restricted dimension(s)").doesNotContain("resampling stability");
        Result far = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--box", "999", "--no-save");
        assertThat(far.code()).isEqualTo(2);
        assertThat(far.err().lines().count()).as(far.err()).isEqualTo(1);
        assertThat(far.err()).contains("box 999 is beyond the trajectory");
        Result neg = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--resamples", "-1");
        assertThat(neg.code()).isEqualTo(2);
        assertThat(neg.err()).contains("--resamples must be from 0 to 1000");
    }

    @Test
    void discoverRejectsBadInputInOneLine() throws Exception {
        Path db = store();
        Result where = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "above 0.5");
        assertThat(where.code()).isEqualTo(2);
        assertThat(where.err().lines().count()).as(where.err()).isEqualTo(1);
        assertThat(where.err()).contains("a condition starts with one of");
        Result outcome = Cli.run("discover", db.toString(), "--outcome", "z", "--where", "> 0.5");
        assertThat(outcome.code()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("dlab: no outcome 'z' in " + db + " (it has: y)");
        Result policy = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0.5", "--policy", "nope");
        assertThat(policy.code()).isEqualTo(2);
        assertThat(policy.err().lines().count()).isEqualTo(1);
        assertThat(policy.err()).contains("no policy 'nope'");
    }

    @Test
    void discoverVersusFindsWhereOnePolicyDoesWorseThanAnother() throws Exception {
        // acting costs (y up) exactly where a > 0.6, and helps elsewhere; waiting leaves y at 0
        Files.writeString(tmp.resolve("act.mdl"), staticModel("""
                {UTF-8}
                a = 0
                	~	dmnl
                	~	|
                b = 0
                	~	dmnl
                	~	|
                act = 0
                	~	dmnl
                	~	|
                y = act * (IF THEN ELSE(a > 0.6, 1, -1) + 0.01 * b)
                	~	dmnl
                	~	|
                """));
        Path study = tmp.resolve("act.yaml");
        Files.writeString(study, """
                model: act.mdl
                uncertainties:
                  - {name: a, dist: uniform, low: 0, high: 1}
                  - {name: b, dist: uniform, low: 0, high: 1}
                levers:
                  - {name: act, low: 0, high: 1, baseline: 0}
                policies:
                  wait: {}
                  act: {act: 1}
                outcomes:
                  - {name: y, variable: y, reduce: final, kind: minimize}
                """);
        Path db = tmp.resolve("act.duckdb");
        Result ex = Cli.run("explore", study.toString(), "-n", "1000", "--db", db.toString(), "--quiet");
        assertThat(ex.code()).as(ex.err()).isZero();
        Result r = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0", "--policy", "act", "--versus", "wait",
                "--min-density", "0.95");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("(y)[act - wait] > 0 in");
        String box = r.out().substring(r.out().indexOf("PRIM box"), r.out().indexOf("resampling stability"));
        String aRow = box.lines().filter(l -> l.trim().startsWith("a ")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(aRow.trim().split("\\s+")[1])).as(r.out()).isBetween(0.55, 0.65);
        Result bad = Cli.run("discover", db.toString(), "--outcome", "y", "--where", "> 0", "--versus", "wait");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--versus needs --policy");
    }
}
