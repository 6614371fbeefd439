package org.dlab.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 50 clients moving sliders against a server on 127.0.0.1 for a bounded time (default 60 s),
 * then stops by itself and reports errors, latency percentiles and heap. Each client sends runs
 * at a slider's pace (a request every 50-150 ms) and every 20th change an ensemble, as the
 * uncertainty toggle would. Not part of the suite. Args: [clients] [seconds] [ensemble every k-th
 * change, 0 for none] [warm-up seconds, default 10: requests sent then are not counted, as
 * class loading and JIT compilation under 50 clients would otherwise fill the tail]. Besides the round trip it reports the time the server says it spent on
 * each run (elapsedMs), so waiting for a core shows apart from computing.
 */
public final class LoadTest {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = Math.min(300, args.length > 1 ? Integer.parseInt(args[1]) : 60);
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (SimulatorServer server = SimulatorServer.start(Path.of("models/korea/study.yaml"), List.of(), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/studies/korea/";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ConcurrentLinkedQueue<Double> runMs = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Double> ensMs = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Double> serverMs = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            AtomicLong maxHeap = new AtomicLong();
            ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
            long counted = System.nanoTime() + warmup * 1_000_000_000L;
            long end = counted + seconds * 1_000_000_000L;
            List<Thread> ts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    Random rnd = new Random(id);
                    int k = 0;
                    while (System.nanoTime() < end) {
                        boolean ens = every > 0 && ++k % every == 0;
                        String lever = String.format("{\"Security guarantees intensity\":%.2f,\"Joint exercises intensity\":%.2f}", rnd.nextDouble(), rnd.nextDouble());
                        String body = ens ? "{\"policy\":\"recalibrated\",\"n\":200,\"levers\":" + lever + ",\"variables\":[\"Cumulative major war probability\"]}"
                                : "{\"policy\":\"recalibrated\",\"levers\":" + lever + ",\"variables\":[\"Cumulative major war probability\",\"DPRK capability index\","
                                        + "\"Relative deterrence\",\"Defense burden[ROK]\",\"Defense burden[JPN]\",\"Relative tension\"]}";
                        HttpRequest req = HttpRequest.newBuilder(URI.create(base + (ens ? "ensemble" : "run"))).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            double ms = (System.nanoTime() - t0) / 1e6;
                            boolean count = t0 >= counted;
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                if (firstErrors.size() < 5) firstErrors.add(r.statusCode() + " " + new String(r.body()));
                            } else if (count) {
                                (ens ? ensMs : runMs).add(ms);
                                if (!ens) serverMs.add(elapsed(r.body()));
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 5) firstErrors.add(e.toString());
                        }
                        try {
                            Thread.sleep(50 + rnd.nextInt(100));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "client-" + c);
                t.start();
                ts.add(t);
            }
            while (System.nanoTime() < end) {
                maxHeap.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                Thread.sleep(500);
            }
            for (Thread t : ts) t.join(60_000);
            System.gc();
            System.out.printf("load: %d clients, %d s after %d s warm-up, %d runs, %d ensembles, %d errors (warm-up included)%n", clients, seconds,
                    warmup, runMs.size(), ensMs.size(), errors.get());
            report("run", runMs, seconds);
            report("run (server)", serverMs, seconds);
            report("ensemble(200)", ensMs, seconds);
            System.out.printf("heap: max used %d MB during the test, %d MB after GC, limit %d MB%n", maxHeap.get() >> 20,
                    mem.getHeapMemoryUsage().getUsed() >> 20, mem.getHeapMemoryUsage().getMax() >> 20);
            for (String e : firstErrors) System.out.println("error: " + e);
        }
    }

    /** The elapsedMs field of a response, without parsing the whole body. */
    static double elapsed(byte[] body) {
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        int i = s.lastIndexOf("\"elapsedMs\":");
        if (i < 0) return Double.NaN;
        int j = i + 12;
        int e = j;
        while (e < s.length() && "0123456789.eE-".indexOf(s.charAt(e)) >= 0) e++;
        return Double.parseDouble(s.substring(j, e));
    }

    static void report(String what, ConcurrentLinkedQueue<Double> q, int seconds) {
        double[] s = q.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) return;
        System.out.printf("%-14s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%.1f req/s)%n", what,
                LatencyBench.pct(s, 0.5), LatencyBench.pct(s, 0.95), LatencyBench.pct(s, 0.99), s[s.length - 1], (double) s.length / seconds);
    }
}
