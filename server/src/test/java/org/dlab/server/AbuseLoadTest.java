package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bounded load test on loopback: 300 slow uploads held open (Content-Length 60000, a byte a
 * second; each refused or cut one is opened again) while 4 clients send a mix of runs,
 * ensembles and requests for unknown ids. Passes when the normal requests answer within 1 s at
 * the 99th percentile, with at most 0.5% shed (503) and no other error. Prints p50/p99 and RSS before and after. About 20 s
 * (-Ddlab.load.seconds=N to change the measured part).
 */
class AbuseLoadTest {
    static final int SLOW = 300;
    static final int CLIENTS = 4;

    @Test
    void normalRequestsKeepAnsweringWhileSlowUploadsAreHeld() throws Exception {
        int seconds = Integer.getInteger("dlab.load.seconds", 12);
        Path root = Path.of("target", "test-load").toAbsolutePath();
        Files.createDirectories(root);
        Files.writeString(root.resolve("grow.mdl"), ApiHardeningTest.MODEL);
        Files.writeString(root.resolve("study.yaml"), ApiHardeningTest.STUDY);
        long rssBefore = rssKb();
        try (SimulatorServer server = SimulatorServer.start(root.resolve("study.yaml"), List.of(), "127.0.0.1", 0)) {
            int port = server.port();
            List<Socket> slow = new ArrayList<>();
            AtomicLong reopened = new AtomicLong();
            for (int i = 0; i < SLOW; i++) slow.add(openSlow(port));
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            // the trickle: a byte per socket per second; a socket the server cut is replaced
            Thread trickle = new Thread(() -> {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < slow.size(); i++) {
                        try {
                            slow.get(i).getOutputStream().write('{');
                            slow.get(i).getOutputStream().flush();
                        } catch (IOException e) {
                            try {
                                slow.get(i).close();
                                slow.set(i, openSlow(port));
                                reopened.incrementAndGet();
                            } catch (IOException ignored) {
                                // try again next round
                            }
                        }
                    }
                    sleep(1000);
                }
            }, "slow-uploads");
            trickle.start();
            sleep(1500); // let the server take the slow uploads in before measuring
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + port + "/api/v1/";
            ConcurrentLinkedQueue<Double> ms = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
            AtomicLong shed = new AtomicLong(); // 503: the server shedding load, an answer but not a result
            AtomicLong count = new AtomicLong();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    Random rnd = new Random(id);
                    for (int k = 0; System.nanoTime() < end; k++) {
                        HttpRequest req;
                        int expect;
                        switch (k % 4) {
                            case 0 -> {
                                req = post(base + "studies/test-load/run", "{\"levers\":{\"Effort\":" + rnd.nextDouble() + "}}");
                                expect = 200;
                            }
                            case 1 -> {
                                req = post(base + "studies/test-load/ensemble", "{\"n\":20,\"seed\":" + k + "}");
                                expect = 200;
                            }
                            case 2 -> {
                                req = HttpRequest.newBuilder(URI.create(base + "stores/no-such-store-" + k)).timeout(Duration.ofSeconds(10)).GET().build();
                                expect = 404;
                            }
                            default -> {
                                req = post(base + "models/no-such-model-" + k + "/run", "{}");
                                expect = 404;
                            }
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            ms.add((System.nanoTime() - t0) / 1e6);
                            count.incrementAndGet();
                            if (r.statusCode() == 503) shed.incrementAndGet();
                            else if (r.statusCode() != expect) bad.add(r.statusCode() + " " + req.uri().getPath() + ": " + r.body());
                        } catch (Exception e) {
                            ms.add((System.nanoTime() - t0) / 1e6);
                            bad.add(e + " " + req.uri().getPath());
                        }
                    }
                });
                clients.add(t);
                t.start();
            }
            for (Thread t : clients) t.join();
            trickle.join();
            for (Socket s : slow) s.close();
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p50 = sorted[sorted.length / 2];
            double p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
            long rssAfter = rssKb();
            System.out.printf("AbuseLoadTest: %d normal requests in %d s with %d slow uploads held (%d reopened after a 503/408): "
                    + "p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d shed (503), %d unexpected; RSS %d MB before, %d MB after%n",
                    count.get(), seconds, SLOW, reopened.get(), p50, p99, sorted[sorted.length - 1], shed.get(), bad.size(), rssBefore / 1024, rssAfter / 1024);
            assertThat(bad).as("unexpected answers").isEmpty();
            assertThat(shed.get()).as("normal requests shed with 503").isLessThanOrEqualTo(count.get() / 200);
            assertThat(p99).as("p99 latency of normal requests (ms)").isLessThan(1000);
        }
    }

    static HttpRequest post(String uri, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static Socket openSlow(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        OutputStream o = s.getOutputStream();
        o.write(("POST /api/v1/studies/test-load/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        o.flush();
        return s;
    }

    static long rssKb() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
