package org.dlab.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Request-to-response latency over loopback for one korea run and one 200-run ensemble, after a
 * warm-up. Not part of the test suite (its name does not end in Test). Run:
 * {@code mvn -q -o -pl server -am test-compile} then
 * {@code java -cp server/target/test-classes:server/target/classes:$(cat cp.txt) org.dlab.server.LatencyBench [runs] [ensembles]}.
 */
public final class LatencyBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int ens = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        try (SimulatorServer server = SimulatorServer.start(Path.of("models/korea/study.yaml"), List.of(), "127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/studies/korea/";
            String vars = "\"variables\":[\"Cumulative major war probability\",\"DPRK capability index\",\"Relative deterrence\","
                    + "\"Defense burden[ROK]\",\"Defense burden[JPN]\",\"Relative tension\",\"Cumulative Russia West escalation probability\"]";
            String run = "{\"policy\":\"recalibrated\",\"levers\":{\"Security guarantees intensity\":%s}," + vars + "}";
            String ensemble = "{\"policy\":\"recalibrated\",\"n\":200,\"seed\":1,\"levers\":{\"Security guarantees intensity\":%s}," + vars + "}";
            measure(http, base + "run", run, runs / 3, "warm-up run");
            report("single run (7 variables)", measure(http, base + "run", run, runs, "run"));
            measure(http, base + "ensemble", ensemble, Math.max(3, ens / 4), "warm-up ensemble");
            report("200-run ensemble (7 variables)", measure(http, base + "ensemble", ensemble, ens, "ensemble"));
        }
    }

    static double[] measure(HttpClient http, String url, String template, int n, String what) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            // a different lever value each time, as a moving slider sends
            String body = String.format(template, Double.toString((i % 101) / 100.0));
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + new String(r.body()));
        }
        return ms;
    }

    static double pct(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("%-32s n=%4d  median %7.2f ms  p95 %7.2f ms  max %7.2f ms%n", what, s.length, pct(s, 0.5), pct(s, 0.95), s[s.length - 1]);
    }
}
