package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's limits under names the model resolves its own way, and the bodies that used to be
 * internal errors. Small models written here, so nothing depends on the korea model.
 */
class ApiHardeningTest {
    static SimulatorServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static Path root;

    /** The study over {@link #MODEL} that the hardening and load tests serve. */
    static final String STUDY = """
            model: grow.mdl
            uncertainties:
              - {name: "Growth", dist: uniform, low: 0.005, high: 0.02}
            levers:
              - {name: "Effort", low: 0, high: 1, baseline: 0.2}
            policies:
              none: {}
            outcomes:
              - {name: "Final stock", variable: "Stock", kind: maximize}
            """;

    static final String MODEL = """
            INITIAL TIME = 0 ~~|
            FINAL TIME = 100 ~~|
            TIME STEP = 0.25 ~~|
            SAVEPER = 1 ~~|
            Effort = 0.2 ~~|
            Growth = 0.01 ~~|
            Stock = INTEG(Stock * (Growth - Effort / 100), 100) ~~|
            """;

    @BeforeAll
    static void start() throws Exception {
        root = Path.of("target", "test-hardening").toAbsolutePath();
        Path outside = Path.of("target", "test-hardening-outside").toAbsolutePath();
        Files.createDirectories(root.resolve("data"));
        Files.createDirectories(outside);
        Files.writeString(root.resolve("grow.mdl"), MODEL);
        Files.writeString(root.resolve("study.yaml"), STUDY);
        // FINAL TIME from a constant: the caps must hold whatever the constant is set to
        Files.writeString(root.resolve("horizon.mdl"), MODEL.replace("FINAL TIME = 100", "Horizon = 10 ~~|\nFINAL TIME = Horizon"));
        // a model in a root that names a file outside it
        Files.writeString(outside.resolve("secret.csv"), "a,4242\n");
        Files.writeString(root.resolve("data/leak.mdl"), MODEL + "Leak = GET DIRECT CONSTANTS('" + outside.resolve("secret.csv") + "', ',', 'B1') ~~|\n");
        Files.writeString(outside.resolve("away.mdl"), MODEL);
        Path link = root.resolve("away.mdl");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside.resolve("away.mdl"));
        server = SimulatorServer.start(root.resolve("study.yaml"), List.of(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Reply(int status, JsonNode body) {}

    static Reply post(String path, String body, String contentType) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode n;
        try {
            n = json.readTree(r.body());
        } catch (IOException e) {
            n = json.getNodeFactory().textNode(r.body());
        }
        return new Reply(r.statusCode(), n);
    }

    static Reply post(String path, String body) throws Exception {
        return post(path, body, "application/json");
    }

    static Reply get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), json.readTree(r.body()));
    }

    @Test
    void timeSettingsCannotBeSetThroughConstantsUnderAnySpelling() throws Exception {
        // each spelling resolves to a time setting under the model's own rules (Names.key)
        for (String name : List.of("final_time", "FINAL  TIME", "time_step", "\\\"SAVEPER\\\"", "Initial_Time")) {
            Reply r = post("/api/v1/models/grow/run", "{\"constants\":{\"" + name + "\":7024}}");
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.body().get("error").asText()).contains("time settings");
        }
        Reply both = post("/api/v1/models/grow/run", "{\"constants\":{\"final_time\":502024,\"\\\"SAVEPER\\\"\":0.0625}}");
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void aLeverSetThroughConstantsKeepsItsRange() throws Exception {
        Reply r = post("/api/v1/studies/test-hardening/run", "{\"constants\":{\"effort\":1000}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).contains("between 0 and 1");
        assertThat(post("/api/v1/studies/test-hardening/run", "{\"constants\":{\"effort\":0.5}}").status()).isEqualTo(200);
    }

    @Test
    void aConstantThatMovesFinalTimeMeetsTheRowAndStepLimits() throws Exception {
        assertThat(post("/api/v1/models/horizon/run", "{\"constants\":{\"Horizon\":50}}").status()).isEqualTo(200);
        long t0 = System.nanoTime();
        Reply r = post("/api/v1/models/horizon/run", "{\"constants\":{\"Horizon\":1e7}}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().get("error").asText()).contains("limit is " + Api.MAX_STEPS);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
        Reply rows = post("/api/v1/models/horizon/run", "{\"constants\":{\"Horizon\":20000}}");
        assertThat(rows.status()).isEqualTo(422);
        assertThat(rows.body().get("error").asText()).contains("limit is " + Api.MAX_ROWS);
    }

    @Test
    void aNullBodyIsABadRequestOnEveryPost() throws Exception {
        for (String p : List.of("/api/v1/studies/test-hardening/run", "/api/v1/models/grow/run", "/api/v1/studies/test-hardening/ensemble",
                "/api/v1/stores/x/experiments", "/api/v1/stores/x/distribution", "/api/v1/stores/x/envelopes", "/api/v1/stores/x/compare",
                "/api/v1/stores/x/discover")) {
            Reply r = post(p, "null");
            assertThat(r.status()).as(p).isEqualTo(400);
            assertThat(r.body().get("error").asText()).as(p).contains("null");
        }
    }

    @Test
    void onlyApplicationJsonIsJson() throws Exception {
        assertThat(post("/api/v1/models/grow/run", "{}", "application/jsonp").status()).isEqualTo(415);
        assertThat(post("/api/v1/models/grow/run", "{}", "application/json; charset=utf-8").status()).isEqualTo(200);
    }

    @Test
    void aFractionalCountIsRefusedNotTruncated() throws Exception {
        Reply r = post("/api/v1/studies/test-hardening/ensemble", "{\"n\":2.7}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("field").asText()).isEqualTo("n");
    }

    @Test
    void aModelLinkedFromOutsideTheRootsIsNotServed() throws Exception {
        JsonNode items = get("/api/v1/models").body().get("items");
        assertThat(items.findValuesAsText("id")).contains("grow", "horizon").doesNotContain("away");
    }

    @Test
    void aModelCannotReadAFileOutsideItsFolder() throws Exception {
        Reply r = post("/api/v1/models/leak/run", "{}");
        assertThat(r.status()).isEqualTo(422);
        String msg = r.body().get("error").asText();
        assertThat(msg).contains("outside the model's folder").doesNotContain("4242").doesNotContain(root.getParent().toString());
    }
}
