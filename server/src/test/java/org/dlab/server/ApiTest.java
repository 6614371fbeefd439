package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API over loopback with the korea study: runs, ensembles and every refusal. */
class ApiTest {
    static SimulatorServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static final String MAIN = "Cumulative major war probability";

    static Path repo() {
        return Path.of(System.getProperty("dlab.repo", "..")).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void start() {
        server = SimulatorServer.start(repo().resolve("models/korea/study.yaml"), List.of(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Reply(int status, JsonNode body) {}

    static Reply get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), parse(r.body()));
    }

    static Reply post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), parse(r.body()));
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static JsonNode parse(String s) {
        try {
            return json.readTree(s);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(s);
        }
    }

    @Test
    void listsAndDescribesTheKoreaStudy() throws Exception {
        Reply list = get("/api/v1/studies");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("defaultId").asText()).isEqualTo("korea");
        Reply s = get("/api/v1/studies/korea");
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.body().get("levers")).hasSize(22);
        JsonNode lever = s.body().get("levers").get(0);
        assertThat(lever.get("name").asText()).isEqualTo("Security guarantees intensity");
        assertThat(lever.get("unit").asText()).isEqualTo("Dmnl");
        assertThat(lever.get("description").asText()).isNotBlank();
        assertThat(s.body().get("policies").findValuesAsText("name")).contains("wait-and-see", "recalibrated");
        assertThat(get("/api/v1/models").body().get("items").findValuesAsText("id")).contains("korea");
    }

    @Test
    void runMovesWithALever() throws Exception {
        Reply base = post("/api/v1/studies/korea/run", "{\"policy\":\"wait-and-see\",\"variables\":[\"" + MAIN + "\"]}");
        assertThat(base.status()).isEqualTo(200);
        JsonNode times = base.body().get("times");
        assertThat(times.get(0).asDouble()).isEqualTo(2024);
        assertThat(times.get(times.size() - 1).asDouble()).isEqualTo(2050);
        double b = last(base.body().get("series").get(MAIN));
        Reply moved = post("/api/v1/studies/korea/run", "{\"policy\":\"wait-and-see\",\"levers\":{\"Security guarantees intensity\":1.0,"
                + "\"Intelligence sharing intensity\":1.0},\"variables\":[\"" + MAIN + "\"]}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(last(moved.body().get("series").get(MAIN))).isNotEqualTo(b);
        Reply model = post("/api/v1/models/korea/run", "{\"constants\":{\"Security guarantees intensity\":1.0},\"saveper\":1}");
        assertThat(model.status()).isEqualTo(200);
    }

    static double last(JsonNode a) {
        return a.get(a.size() - 1).asDouble();
    }

    @Test
    void ensembleGivesOrderedBands() throws Exception {
        Reply e = post("/api/v1/studies/korea/ensemble", "{\"policy\":\"recalibrated\",\"n\":60,\"seed\":7,\"variables\":[\"" + MAIN + "\"]}");
        assertThat(e.status()).isEqualTo(200);
        JsonNode bands = e.body().get("series").get(MAIN);
        int k = bands.get("p50").size() - 1;
        assertThat(k + 1).isEqualTo(e.body().get("times").size());
        assertThat(bands.get("p5").get(k).asDouble()).isLessThan(bands.get("p95").get(k).asDouble());
        assertThat(bands.get("p50").get(k).asDouble()).isBetween(bands.get("p5").get(k).asDouble(), bands.get("p95").get(k).asDouble());
        Reply again = post("/api/v1/studies/korea/ensemble", "{\"policy\":\"recalibrated\",\"n\":60,\"seed\":7,\"variables\":[\"" + MAIN + "\"]}");
        assertThat(again.body().get("series")).isEqualTo(e.body().get("series"));
    }

    @Test
    void refusesBadRequestsWithTheField() throws Exception {
        expect(post("/api/v1/studies/korea/run", "{\"levers\":{\"Nuclear option\":1}}"), 400, "levers.Nuclear option");
        expect(post("/api/v1/studies/korea/run", "{\"levers\":{\"Security guarantees intensity\":3}}"), 400, "levers.Security guarantees intensity");
        expect(post("/api/v1/studies/korea/run", "{\"leverz\":{}}"), 400, "leverz");
        expect(post("/api/v1/studies/korea/run", "{\"policy\":\"surrender\"}"), 400, "policy");
        expect(post("/api/v1/studies/korea/run", "{\"variables\":[\"No such thing\"]}"), 400, "variables");
        expect(post("/api/v1/studies/korea/run", "{\"constants\":{\"FINAL TIME\":1e9}}"), 400, "constants.FINAL TIME");
        expect(post("/api/v1/studies/korea/run", "{\"finalTime\":1e9}"), 400, "finalTime");
        expect(post("/api/v1/studies/korea/run", "{\"saveper\":1e-9}"), 400, "saveper");
        expect(post("/api/v1/studies/korea/run", "{\"levers\":{\"Security guarantees intensity\":\"lots\"}}"), 400, "levers.Security guarantees intensity");
        expect(post("/api/v1/studies/korea/run", "not json"), 400, null);
        expect(post("/api/v1/studies/korea/ensemble", "{\"n\":100000}"), 400, "n");
        StringBuilder vars = new StringBuilder("{\"variables\":[");
        for (int i = 0; i < 30; i++) vars.append(i == 0 ? "" : ",").append("\"v").append(i).append('"');
        expect(post("/api/v1/studies/korea/run", vars + "]}"), 400, "variables");
    }

    static void expect(Reply r, int status, String field) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.body().get("error").asText()).isNotBlank();
        if (field != null) assertThat(r.body().get("field").asText()).isEqualTo(field);
    }

    @Test
    void noPathTraversal() throws Exception {
        expect(get("/api/v1/studies/..%2F..%2F..%2Fetc%2Fpasswd"), 404, null);
        expect(get("/api/v1/studies/%2Fetc%2Fpasswd"), 404, null);
        expect(post("/api/v1/models/..%2Fkorea%2Fkorea.mdl/run", "{}"), 404, null);
        Reply dotted = get("/api/v1/studies/../../../../etc/passwd");
        assertThat(dotted.status()).isIn(400, 404);
        assertThat(dotted.body().toString()).doesNotContain("root:");
        HttpResponse<String> asset = http.send(HttpRequest.newBuilder(uri("/..%2F..%2Fpom.xml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asset.body()).doesNotContain("<project");
    }

    @Test
    void oversizeBodyAndWrongTypeAndForeignHostAreRefused() throws Exception {
        String big = "{\"levers\":{" + "\"x\":1,".repeat(20_000) + "\"y\":1}}";
        Reply r = post("/api/v1/studies/korea/run", big);
        assertThat(r.status()).isEqualTo(413);
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(uri("/api/v1/studies/korea/run")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        // HttpClient will not set Host, so speak HTTP/1.1 directly
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /api/v1/studies HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void openApiDescribesEveryEndpoint() throws Exception {
        Reply r = get("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("openapi").asText()).startsWith("3.");
        assertThat(r.body().get("paths").fieldNames()).toIterable().contains("/api/v1/studies", "/api/v1/models", "/api/v1/studies/{id}",
                "/api/v1/models/{id}", "/api/v1/studies/{id}/run", "/api/v1/models/{id}/run", "/api/v1/studies/{id}/ensemble", "/api/v1/openapi.json");
    }

    @Test
    void servesThePageAndUplot() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("uPlot.iife.min.js");
        HttpResponse<String> lib = http.send(HttpRequest.newBuilder(uri("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lib.statusCode()).isEqualTo(200);
    }
}
