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
 * uncertainty toggle would. Not part of the suite. Args: [clients] [seconds].
 */
public final class LoadTest {
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = Math.min(300, args.length > 1 ? Integer.parseInt(args[1]) : 60);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        try (SimulatorServer server = SimulatorServer.start(Path.of("models/korea/study.yaml"), List.of(), "127.0.0.1", 0)) {
            String base = "http://127.0.0.1:" + server.port() + "/api/v1/studies/korea/";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ConcurrentLinkedQueue<Double> runMs = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Double> ensMs = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            AtomicLong maxHeap = new AtomicLong();
            ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> ts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    Random rnd = new Random(id);
                    int k = 0;
                    while (System.nanoTime() < end) {
                        boolean ens = ++k % 20 == 0;
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
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                if (firstErrors.size() < 5) firstErrors.add(r.statusCode() + " " + new String(r.body()));
                            } else {
                                (ens ? ensMs : runMs).add(ms);
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
            System.out.printf("load: %d clients, %d s, %d runs, %d ensembles, %d errors%n", clients, seconds, runMs.size(), ensMs.size(), errors.get());
            report("run", runMs, seconds);
            report("ensemble(200)", ensMs, seconds);
            System.out.printf("heap: max used %d MB during the test, %d MB after GC, limit %d MB%n", maxHeap.get() >> 20,
                    mem.getHeapMemoryUsage().getUsed() >> 20, mem.getHeapMemoryUsage().getMax() >> 20);
            for (String e : firstErrors) System.out.println("error: " + e);
        }
    }

    static void report(String what, ConcurrentLinkedQueue<Double> q, int seconds) {
        double[] s = q.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) return;
        System.out.printf("%-14s p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (%.1f req/s)%n", what,
                LatencyBench.pct(s, 0.5), LatencyBench.pct(s, 0.95), LatencyBench.pct(s, 0.99), s[s.length - 1], (double) s.length / seconds);
    }
}
