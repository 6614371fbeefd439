package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dlab.server.SimulatorServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile inputs, each small, through the CLI in-process (Vensim and XMILE models, studies) and
 * the HTTP API: every case must end cleanly (exit 0, or exit 2 with one line; an HTTP status
 * below 500) within its timeout. Counts per category: tried / clean / internal error / hang;
 * the closing figure must be 0 internal errors and 0 hangs.
 */
class HostileInputSuiteTest {
    @TempDir Path tmp;

    static final String CONTROL = "INITIAL TIME = 0 ~~|\nFINAL TIME = 10 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n";
    static final long CASE_SECONDS = 20;

    enum Outcome { CLEAN, INTERNAL, HANG }

    record Case(String category, String name, Callable<Outcome> run) {}

    private final List<Case> cases = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    // ---- the CLI cases

    private void cli(String category, String name, String... args) {
        cases.add(new Case(category, name, () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var cl = Dlab.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code;
            try {
                code = cl.execute(args);
            } catch (Throwable t) {
                failures.add(category + "/" + name + ": " + t);
                return Outcome.INTERNAL;
            }
            String e = err.toString().strip();
            boolean oneLine = e.lines().filter(l -> !l.contains("warning")).count() <= 1;
            boolean trace = e.contains("\tat ") || e.contains("Exception in") || e.contains("OutOfMemoryError") || e.contains("internal error");
            if ((code == 0 || code == 2) && oneLine && !trace) return Outcome.CLEAN;
            failures.add(category + "/" + name + ": exit " + code + ": " + e.lines().limit(3).toList());
            return Outcome.INTERNAL;
        }));
    }

    private Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private void vensim(String name, String text) throws Exception {
        cli("Vensim", name, "run", file("v/" + name + ".mdl", text).toString(), "-o", tmp.resolve("v/" + name + ".out.csv").toString());
    }

    private void xmile(String name, String variables, String extraModels) throws Exception {
        String doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xmile version=\"1.0\" xmlns=\"http://docs.oasis-open.org/xmile/ns/XMILE/v1.0\">\n"
                + "<header><name>h</name></header><sim_specs><start>0</start><stop>10</stop><dt>1</dt></sim_specs>\n"
                + "<model><variables>" + variables + "</variables></model>" + extraModels + "</xmile>\n";
        cli("XMILE", name, "run", file("x/" + name + ".xmile", doc).toString(), "-o", tmp.resolve("x/" + name + ".out.csv").toString());
    }

    private void study(String name, String yaml) throws Exception {
        Path dir = tmp.resolve("s/" + name);
        file("s/" + name + "/m.mdl", CONTROL + "a = 1 ~~|\nb = 2 ~~|\ny = INTEG(a * b, 0) ~~|\n");
        cli("study", name, "explore", file("s/" + name + "/study.yaml", yaml).toString(), "-n", "3", "--threads", "1", "--quiet",
                "--db", dir.resolve("r.duckdb").toString());
    }

    private void addModelCases() throws Exception {
        vensim("delay-fixed-1e12", CONTROL + "d = DELAY FIXED(Time, 1e12, 0) ~~|\n");
        vensim("delay-fixed-nan", CONTROL + "d = DELAY FIXED(Time, 0/0, 0) ~~|\n");
        vensim("delay-fixed-3000-elements", CONTROL + "k: (k1-k3000) ~~|\nd[k] = DELAY FIXED(Time, 5, 0) ~~|\n");
        vensim("delay-fixed-negative", CONTROL + "d = DELAY FIXED(Time, -5, 0) ~~|\n");
        StringBuilder doubling = new StringBuilder(CONTROL + "r0: e1, e2 ~~|\n");
        for (int i = 1; i <= 22; i++) doubling.append("r").append(i).append(": r").append(i - 1).append(", r").append(i - 1).append(" ~~|\n");
        vensim("ranges-doubling", doubling.append("x[r22] = 1 ~~|\n").toString());
        StringBuilder bomb = new StringBuilder(CONTROL + ":MACRO: M31(x)\nM31 = x ~~|\n:END OF MACRO:\n");
        for (int i = 30; i >= 1; i--) bomb.append(":MACRO: M").append(i).append("(x)\nM").append(i).append(" = M").append(i + 1).append("(x) + M").append(i + 1).append("(x) ~~|\n:END OF MACRO:\n");
        vensim("macro-bomb", bomb.append("y = M1(1) ~~|\n").toString());
        vensim("macro-self", CONTROL + ":MACRO: M(x)\nM = M(x) ~~|\n:END OF MACRO:\ny = M(1) ~~|\n");
        vensim("range-3e6", CONTROL + "r: (r1-r3000000) ~~|\nx[r] = 1 ~~|\n");
        vensim("array-4e6", CONTROL + "r: (r1-r2000) ~~|\nx[r, r] = 1 ~~|\n");
        vensim("get-direct-etc-passwd", CONTROL + "c = GET DIRECT CONSTANTS('/etc/passwd', ':', 'C1') ~~|\n");
        vensim("get-direct-parent", CONTROL + "c = GET DIRECT CONSTANTS('../../x.csv', ',', 'B1') ~~|\n");
        vensim("get-direct-data-proc", CONTROL + "c := GET DIRECT DATA('/proc/self/environ', ',', 'A', 'B1') ~~|\n");
        vensim("deep-parentheses", CONTROL + "x = " + "(".repeat(50_000) + "1" + ")".repeat(50_000) + " ~~|\n");
        vensim("final-before-initial", "INITIAL TIME = 10 ~~|\nFINAL TIME = 0 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\nx = 1 ~~|\n");
        vensim("time-step-zero", "INITIAL TIME = 0 ~~|\nFINAL TIME = 10 ~~|\nTIME STEP = 0 ~~|\nSAVEPER = 1 ~~|\nx = 1 ~~|\n");
        vensim("time-step-nan", "INITIAL TIME = 0 ~~|\nFINAL TIME = 10 ~~|\nTIME STEP = 0/0 ~~|\nSAVEPER = 1 ~~|\nx = 1 ~~|\n");
        vensim("too-many-steps", "INITIAL TIME = 0 ~~|\nFINAL TIME = 1e12 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1e12 ~~|\nx = 1 ~~|\n");
        vensim("saveper-not-multiple", "INITIAL TIME = 0 ~~|\nFINAL TIME = 10 ~~|\nTIME STEP = 0.3 ~~|\nSAVEPER = 1 ~~|\nx = Time ~~|\n");
        vensim("circular", CONTROL + "x = y + 1 ~~|\ny = x * 2 ~~|\n");
        vensim("unknown-function", CONTROL + "x = FROBNICATE(1, 2) ~~|\n");
        vensim("huge-literal", CONTROL + "x = 1e999 * 1e999 ~~|\n");
        vensim("empty", "");
        vensim("nul-bytes", "\u0000\u0000\u0000x = 1 ~~|\n");
        vensim("lookup-no-points", CONTROL + "l() ~~|\nx = l(Time) ~~|\n");
        vensim("lookup-unsorted", CONTROL + "l((3,1),(1,2),(2,3)) ~~|\nx = l(Time) ~~|\n");
        vensim("subscript-unknown", CONTROL + "x[nope] = 1 ~~|\n");
        vensim("mapping-mismatch", CONTROL + "a: (a1-a3) -> b ~~|\nb: (b1-b2) ~~|\nx[a] = 1 ~~|\n");
        vensim("integ-nan", CONTROL + "s = INTEG(0/0, 1) ~~|\n");
        vensim("random-huge-n", CONTROL + "x = RANDOM BINOMIAL(0, 10, 0.5, 0, 1, 0.5, 5, 1) ~~|\n");
        vensim("line-of-50k-names", CONTROL + "x = " + "a + ".repeat(10_000) + "1 ~~|\na = 1 ~~|\n");

        xmile("doctype-xxe", "<aux name=\"x\"><eqn>1</eqn></aux>", "");
        Path xxe = tmp.resolve("x/doctype-xxe.xmile");
        Files.writeString(xxe, "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<xmile><model><variables><aux name=\"x\"><eqn>&e;</eqn></aux></variables></model></xmile>\n");
        xmile("billion-laughs-free", "<aux name=\"x\"><eqn>1</eqn></aux>", "");
        Path laughs = tmp.resolve("x/billion-laughs-free.xmile");
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) lol.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        Files.writeString(laughs, lol.append("]>\n<xmile><model><variables><aux name=\"x\"><eqn>&l9;</eqn></aux></variables></model></xmile>\n").toString());
        StringBuilder chain = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            chain.append("<model name=\"m").append(i).append("\"><variables><module name=\"a\" model_name=\"m").append(i + 1)
                    .append("\"/><module name=\"b\" model_name=\"m").append(i + 1).append("\"/></variables></model>");
        }
        chain.append("<model name=\"m30\"><variables><aux name=\"v\"><eqn>1</eqn></aux></variables></model>");
        xmile("module-chain-2x30", "<module name=\"top\" model_name=\"m0\"/>", chain.toString());
        xmile("module-self", "<module name=\"top\" model_name=\"loop\"/>", "<model name=\"loop\"><variables><module name=\"again\" model_name=\"loop\"/></variables></model>");
        xmile("dimension-3e6", "<aux name=\"x\"><dimensions><dim name=\"d\"/></dimensions><eqn>1</eqn></aux>", "");
        Path dim = tmp.resolve("x/dimension-3e6.xmile");
        Files.writeString(dim, Files.readString(dim).replace("<model>", "<dimensions><dim name=\"d\" size=\"3000000\"/></dimensions><model>"));
        xmile("truncated", "<aux name=\"x\"><eqn>1</eqn>", "");
        xmile("garbage-equation", "<aux name=\"x\"><eqn>)(*&amp;^%$</eqn></aux>", "");
        xmile("deep-elements", "<aux name=\"x\"><eqn>1</eqn></aux>" + "<group>".repeat(5000) + "</group>".repeat(5000), "");
        xmile("stock-no-eqn", "<stock name=\"s\"><inflow>f</inflow></stock>", "");
        xmile("gf-no-points", "<aux name=\"x\"><eqn>TIME</eqn><gf><xscale min=\"0\" max=\"1\"/><ypts></ypts></gf></aux>", "");

        String base = "model: m.mdl\nuncertainties:\n  - {name: a, dist: uniform, low: 0, high: HIGH}\noutcomes:\n  - {name: Y, variable: y, kind: maximize}\n";
        study("inf", base.replace("HIGH", ".inf"));
        study("nan", base.replace("HIGH", ".nan"));
        study("alias", "model: m.mdl\nuncertainties:\n  - {name: &n a, dist: uniform, low: 0, high: 1}\n  - {name: *n, dist: uniform, low: 0, high: 1}\noutcomes:\n  - {name: Y, variable: y, kind: maximize}\n");
        study("model-outside", base.replace("HIGH", "1").replace("model: m.mdl", "model: /etc/passwd"));
        study("model-parent", base.replace("HIGH", "1").replace("model: m.mdl", "model: ../../../../etc/hostname"));
        study("low-above-high", base.replace("HIGH", "-1"));
        study("unknown-dist", base.replace("HIGH", "1").replace("uniform", "zipf"));
        study("empty", "");
        study("yaml-bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n");
        study("unknown-variable", base.replace("HIGH", "1").replace("variable: y", "variable: nope"));
        study("deep-yaml", "model: m.mdl\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        study("not-yaml", "\u0000\u0001\u0002{{{:::");
        Path delay = tmp.resolve("s/delay-baseline");
        study("delay-baseline", base.replace("HIGH", "1"));
        Files.writeString(delay.resolve("m.mdl"), CONTROL + "a = 1 ~~|\nb = 2 ~~|\ny = DELAY FIXED(a, 1e12, b) ~~|\n");
    }

    // ---- the API cases

    private void api(String name, String method, String path, String contentType, String body, HttpClient http, int[] port) {
        cases.add(new Case("API", name, () -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port[0] + path)).timeout(Duration.ofSeconds(CASE_SECONDS - 2));
            if (method.equals("GET")) b.GET();
            else b.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1)));
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                return Outcome.HANG;
            }
            if (r.statusCode() < 500 || r.statusCode() == 503) return Outcome.CLEAN;
            failures.add("API/" + name + ": " + r.statusCode() + " " + r.body());
            return Outcome.INTERNAL;
        }));
    }

    private void addApiCases(HttpClient http, int[] port) {
        String run = "/api/v1/studies/api/run";
        for (String p : List.of(run, "/api/v1/models/m/run", "/api/v1/studies/api/ensemble", "/api/v1/stores/x/experiments",
                "/api/v1/stores/x/distribution", "/api/v1/stores/x/envelopes", "/api/v1/stores/x/compare", "/api/v1/stores/x/discover")) {
            api("null-body " + p, "POST", p, "application/json", "null", http, port);
            api("array-body " + p, "POST", p, "application/json", "[1,2]", http, port);
            api("deep-json " + p, "POST", p, "application/json", "[".repeat(100_00) + "]".repeat(100_00), http, port);
        }
        for (String k : List.of("final_time", "\\\"SAVEPER\\\"", "time_step", "FINAL  TIME", "initial_time")) {
            api("constant-" + k, "POST", run, "application/json", "{\"constants\":{\"" + k + "\":502024}}", http, port);
        }
        api("lever-via-constants", "POST", run, "application/json", "{\"constants\":{\"a\":1e300}}", http, port);
        api("jsonp", "POST", run, "application/jsonp", "{}", http, port);
        api("fractional-n", "POST", "/api/v1/studies/api/ensemble", "application/json", "{\"n\":2.7}", http, port);
        api("huge-n", "POST", "/api/v1/studies/api/ensemble", "application/json", "{\"n\":1e12}", http, port);
        api("huge-number", "POST", run, "application/json", "{\"finalTime\":1e400}", http, port);
        api("nan-string", "POST", run, "application/json", "{\"finalTime\":\"NaN\"}", http, port);
        api("many-variables", "POST", run, "application/json", "{\"variables\":[" + "\"y\",".repeat(10_000) + "\"y\"]}", http, port);
        api("bad-utf8", "POST", run, "application/json", "{\"policy\":\"\u00ff\u00fe\u00c3\"}", http, port);
        api("unknown-study", "POST", "/api/v1/studies/nope/run", "application/json", "{}", http, port);
        api("unknown-store", "GET", "/api/v1/stores/nope", null, null, http, port);
        api("path-traversal", "GET", "/api/v1/models/..%2F..%2Fetc%2Fpasswd", null, null, http, port);
        api("ring-diagram", "GET", "/api/v1/models/ring/diagram", null, null, http, port);
        api("ring-structure", "GET", "/api/v1/models/ring/structure", null, null, http, port);
        api("leak-model", "POST", "/api/v1/models/leak/run", "application/json", "{}", http, port);
    }

    @Test
    void noHostileInputIsAnInternalErrorOrAHang() throws Exception {
        addModelCases();
        Path root = tmp.resolve("api");
        file("api/m.mdl", CONTROL + "a = 1 ~~|\nb = 2 ~~|\ny = INTEG(a * b, 0) ~~|\n");
        file("api/study.yaml", "model: m.mdl\nuncertainties:\n  - {name: b, dist: uniform, low: 1, high: 3}\nlevers:\n  - {name: a, low: 0, high: 2, baseline: 1}\n"
                + "outcomes:\n  - {name: Y, variable: y, kind: maximize}\n");
        file("api/leak.mdl", CONTROL + "c = GET DIRECT CONSTANTS('/etc/passwd', ':', 'C1') ~~|\n");
        StringBuilder ring = new StringBuilder(CONTROL);
        for (int i = 0; i < 102; i++) {
            ring.append("s").append(i).append(" = INTEG(0.01 * (s").append((i + 101) % 102).append(" - s").append((i + 1) % 102).append(" + s")
                    .append((i + 2) % 102).append(" - s").append((i + 3) % 102).append(" + s").append((i + 100) % 102).append("), 1) ~~|\n");
        }
        file("api/ring.mdl", ring.toString());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int[] port = {0};
        addApiCases(http, port);
        Map<String, int[]> counts = new LinkedHashMap<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-case");
            t.setDaemon(true); // a hung case must not keep the JVM alive
            return t;
        });
        long t0 = System.nanoTime();
        try (SimulatorServer server = SimulatorServer.start(root.resolve("study.yaml"), List.of(), "127.0.0.1", 0)) {
            port[0] = server.port();
            for (Case c : cases) {
                int[] n = counts.computeIfAbsent(c.category(), k -> new int[4]);
                n[0]++;
                Future<Outcome> f = pool.submit(c.run());
                Outcome o;
                try {
                    o = f.get(CASE_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    failures.add(c.category() + "/" + c.name() + ": no answer within " + CASE_SECONDS + " s");
                    o = Outcome.HANG;
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(c.category() + "/" + c.name() + ": " + e.getCause());
                    o = Outcome.INTERNAL;
                }
                n[1 + o.ordinal()]++;
            }
        } finally {
            pool.shutdownNow();
        }
        int internal = 0;
        int hangs = 0;
        StringBuilder report = new StringBuilder("HostileInputSuite (" + Math.round((System.nanoTime() - t0) / 1e9) + " s):");
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] n = e.getValue();
            report.append(String.format(" %s tried %d clean %d internal %d hang %d;", e.getKey(), n[0], n[1], n[2], n[3]));
            internal += n[2];
            hangs += n[3];
        }
        report.append(" total internal errors ").append(internal).append(", hangs ").append(hangs);
        System.out.println(report);
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(failures).as("internal errors and hangs").isEmpty();
        assertThat(internal + hangs).isZero();
    }
}
