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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlab.workbench.store.DiscoveryTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API over loopback with the korea study and a small korea exploration (20 futures × every
 * policy, yearly series) as its results store: runs, ensembles, store queries, model structure
 * and every refusal.
 */
class ApiTest {
    static SimulatorServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static final String MAIN = "Cumulative major war probability";
    static final String P2035 = "P major conflict by 2035";
    static Path stores;

    static Path repo() {
        return Path.of(System.getProperty("dlab.repo", "..")).toAbsolutePath().normalize();
    }

    @BeforeAll
    static void start() throws Exception {
        stores = Path.of("target", "test-stores", "api").toAbsolutePath();
        Path korea20 = TestStores.korea(stores, "korea20", 20);
        // the same store with a discovery saved as dlab discover saves it
        Path withDiscovery = stores.resolve("korea20d.duckdb");
        if (!Files.isRegularFile(withDiscovery)) {
            Path tmp = stores.resolve("korea20d.partial.tmp");
            Files.copy(korea20, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            DiscoveryTables.save(tmp, new DiscoveryTables.Saved(0, "2026-11-27T08:00:00Z", P2035, "> 0", "recalibrated", "wait-and-see", 3, 20,
                    0.05, 0.05, 0.8, 4, true, 0.67, 0.5, 0.2, 10, Double.NaN, Double.NaN,
                    List.of(new DiscoveryTables.Limit("Maximum experience multiplier", 1.0, 1.15, false, true, 3e-4, 0.9, 1.0, 2.0)),
                    List.of(new DiscoveryTables.Point(0, 1, 0.15, 1, 0), new DiscoveryTables.Point(4, 0.67, 0.5, 0.2, 1)),
                    List.of(new DiscoveryTables.Score(P2035, "Inaction penalty", 0.14, 0.01),
                            new DiscoveryTables.Score("Other outcome", "War end year", 0.3, 0.02))));
            Files.move(tmp, withDiscovery);
        }
        // a file that only looks like a store, and a link that leads out of the folder
        Files.writeString(stores.resolve("junk.duckdb"), "not a database");
        Path link = stores.resolve("passwd.duckdb");
        Files.deleteIfExists(link);
        try {
            Files.createSymbolicLink(link, Path.of("/etc/passwd"));
        } catch (UnsupportedOperationException | IOException e) {
            // no links on this file system: nothing to check
        }
        server = SimulatorServer.start(repo().resolve("models/korea/study.yaml"), List.of(), List.of(stores), "127.0.0.1", 0);
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
        assertThat(s.body().get("levers")).hasSize(25); // korea v2: 12 intensities, 11 start years, the adaptive switch and trigger
        JsonNode lever = s.body().get("levers").get(0);
        assertThat(lever.get("name").asText()).isEqualTo("Security guarantees intensity");
        assertThat(lever.get("unit").asText()).isEqualTo("Dmnl");
        assertThat(lever.get("description").asText()).isNotBlank();
        assertThat(s.body().get("policies").findValuesAsText("name")).contains("wait-and-see", "recalibrated");
        // the study file's presentation keys: its title and reference policy
        assertThat(s.body().get("title").asText()).startsWith("Waiting or acting");
        assertThat(s.body().get("reference").asText()).isEqualTo("wait-and-see");
        JsonNode p2050 = null;
        for (JsonNode o : s.body().get("outcomes")) if (o.get("name").asText().equals("P major conflict by 2050")) p2050 = o;
        assertThat(p2050.get("unit").asText()).isEqualTo("probability"); // the study's word for the unit, for the chart's axis
        assertThat(get("/api/v1/models").body().get("items").findValuesAsText("id")).contains("korea");
        // korea loads without warnings: the list is there, and empty
        assertThat(s.body().get("warnings").isArray()).isTrue();
        assertThat(s.body().get("warnings")).isEmpty();
        Reply model = get("/api/v1/models/korea");
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.body().get("warnings").isArray()).isTrue();
        assertThat(model.body().get("warnings")).isEmpty();
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
                "/api/v1/models/{id}", "/api/v1/studies/{id}/run", "/api/v1/models/{id}/run", "/api/v1/studies/{id}/ensemble", "/api/v1/openapi.json",
                "/api/v1/stores", "/api/v1/stores/{id}", "/api/v1/stores/{id}/experiments", "/api/v1/stores/{id}/compare",
                "/api/v1/stores/{id}/distribution", "/api/v1/stores/{id}/envelopes", "/api/v1/stores/{id}/discover",
                "/api/v1/stores/{id}/discoveries", "/api/v1/studies/{id}/structure", "/api/v1/models/{id}/structure",
                "/api/v1/studies/{id}/diagram", "/api/v1/models/{id}/diagram", "/api/v1/studies/{id}/figures/{name}", "/api/v1/models/{id}/figures/{name}");
    }

    @Test
    void servesThePageAndUplot() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("uPlot.iife.min.js");
        HttpResponse<String> lib = http.send(HttpRequest.newBuilder(uri("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lib.statusCode()).isEqualTo(200);
    }

    // ---- results stores

    @Test
    void listsOnlyRealStoresInsideTheFolders() throws Exception {
        Reply list = get("/api/v1/stores");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("items").findValuesAsText("id")).contains("korea20", "junk").doesNotContain("passwd");
        assertThat(list.body().toString()).doesNotContain(stores.toString());
        Reply junk = get("/api/v1/stores/junk");
        expect(junk, 422, "id");
        expect(get("/api/v1/stores/passwd"), 404, "id");
        expect(get("/api/v1/stores/..%2F..%2F..%2Fetc%2Fpasswd"), 404, "id");
        expect(get("/api/v1/stores/%2Fetc%2Fpasswd"), 404, "id");
        expect(post("/api/v1/stores/..%2Fapi%2Fkorea20/compare", "{}"), 404, "id");
        Reply dotted = get("/api/v1/stores/../../../etc/passwd");
        assertThat(dotted.status()).isIn(400, 404);
        assertThat(dotted.body().toString()).doesNotContain("root:");
    }

    @Test
    void summarisesTheStore() throws Exception {
        Reply s = get("/api/v1/stores/korea20");
        assertThat(s.status()).isEqualTo(200);
        JsonNode b = s.body();
        assertThat(b.get("runs").asLong()).isEqualTo(400); // 20 futures x the 20 policies of korea v2
        assertThat(b.get("futures").asLong()).isEqualTo(20);
        assertThat(b.get("design").asText()).isEqualTo("full");
        assertThat(b.get("policies").findValuesAsText("policy")).isEmpty();
        assertThat(b.get("policies")).hasSize(20);
        assertThat(b.get("uncertainties").get(0).get("name").asText()).isEqualTo("War end year");
        assertThat(b.get("outcomes").findValuesAsText("name")).contains(P2035);
        assertThat(b.get("seriesVariables").toString()).contains(MAIN);
        assertThat(b.get("discoveries").asBoolean()).isFalse();
        Reply saved = get("/api/v1/stores/korea20/discoveries");
        assertThat(saved.body().get("available").asBoolean()).isFalse();
    }

    @Test
    void savedDiscoveriesComeWithTheirQuestionLimitsAndScores() throws Exception {
        assertThat(get("/api/v1/stores/korea20d").body().get("discoveries").asBoolean()).isTrue();
        Reply r = get("/api/v1/stores/korea20d/discoveries");
        assertThat(r.status()).isEqualTo(200);
        JsonNode d = r.body().get("items").get(0);
        assertThat(d.get("question").asText()).isEqualTo("(" + P2035 + ")[recalibrated - wait-and-see] > 0");
        assertThat(d.get("cases").asInt()).isEqualTo(3);
        assertThat(d.get("density").asDouble()).isEqualTo(0.5);
        JsonNode l = d.get("limits").get(0);
        assertThat(l.get("name").asText()).isEqualTo("Maximum experience multiplier");
        assertThat(l.get("upper").asDouble()).isEqualTo(1.15);
        assertThat(l.get("upperRestricted").asBoolean()).isTrue();
        assertThat(l.get("lowerRestricted").asBoolean()).isFalse();
        assertThat(l.get("resampledShare").asDouble()).isEqualTo(0.9);
        // scores against the discovery's own outcome only
        assertThat(d.get("scores").findValuesAsText("uncertainty")).containsExactly("Inaction penalty");
    }

    @Test
    void experimentsPageAndFilters() throws Exception {
        Reply all = post("/api/v1/stores/korea20/experiments", "{\"limit\":5}");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("total").asLong()).isEqualTo(400);
        assertThat(all.body().get("rows")).hasSize(5);
        assertThat(all.body().get("columns").get(2).asText()).isEqualTo("policy");
        Reply some = post("/api/v1/stores/korea20/experiments", "{\"filters\":[{\"input\":\"War end year\",\"max\":2027.5}],"
                + "\"policies\":[\"wait-and-see\"],\"columns\":[\"run\",\"War end year\",\"" + P2035 + "\"],\"limit\":1000}");
        assertThat(some.status()).isEqualTo(200);
        long n = some.body().get("total").asLong();
        assertThat(n).isBetween(1L, 19L);
        assertThat(some.body().get("rows")).hasSize((int) n);
        for (JsonNode row : some.body().get("rows")) assertThat(row.get(1).asDouble()).isLessThanOrEqualTo(2027.5);
    }

    @Test
    void comparesPoliciesOverTheFilteredFutures() throws Exception {
        Reply all = post("/api/v1/stores/korea20/compare", "{\"policies\":[\"wait-and-see\",\"recalibrated\",\"disengage\"]}");
        assertThat(all.status()).isEqualTo(200);
        JsonNode b = all.body();
        assertThat(b.get("futures").asLong()).isEqualTo(20);
        assertThat(b.get("paired").asBoolean()).isTrue();
        JsonNode o = outcome(b, P2035);
        for (int p = 0; p < 3; p++) {
            assertThat(o.get("futures").get(p).asInt()).isEqualTo(20);
            assertThat(o.get("median").get(p).asDouble()).isBetween(o.get("p5").get(p).asDouble(), o.get("p95").get(p).asDouble());
            for (int q = 0; q < 3; q++) {
                if (p == q) continue;
                assertThat(o.get("beats").get(p).get(q).asDouble() + o.get("beats").get(q).get(p).asDouble()).isLessThanOrEqualTo(1.0 + 1e-12);
            }
        }
        Reply few = post("/api/v1/stores/korea20/compare", "{\"policies\":[\"wait-and-see\",\"recalibrated\"],"
                + "\"filters\":[{\"input\":\"War end year\",\"max\":2027.5}]}");
        Reply count = post("/api/v1/stores/korea20/experiments", "{\"policies\":[\"wait-and-see\"],\"filters\":[{\"input\":\"War end year\",\"max\":2027.5}],\"limit\":1}");
        assertThat(few.body().get("futures").asLong()).isEqualTo(count.body().get("total").asLong()).isLessThan(20);
        assertThat(outcome(few.body(), P2035).get("futures").get(0).asInt()).isEqualTo((int) few.body().get("futures").asLong());
    }

    static JsonNode outcome(JsonNode compare, String name) {
        for (JsonNode o : compare.get("outcomes")) if (o.get("name").asText().equals(name)) return o;
        throw new AssertionError("no outcome " + name);
    }

    @Test
    void distributionsAndEnvelopes() throws Exception {
        Reply d = post("/api/v1/stores/korea20/distribution", "{\"outcome\":\"" + P2035 + "\",\"bins\":12,\"policies\":[\"wait-and-see\",\"recalibrated\"]}");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.body().get("edges")).hasSize(13);
        long total = 0;
        for (JsonNode c : d.body().get("counts").get("wait-and-see")) total += c.asLong();
        assertThat(total + d.body().get("missing").asLong() / 2).isEqualTo(20);
        Reply e = post("/api/v1/stores/korea20/envelopes", "{\"variable\":\"" + MAIN + "\",\"policies\":[\"wait-and-see\"],\"quantiles\":[0.05,0.5,0.95]}");
        assertThat(e.status()).isEqualTo(200);
        JsonNode env = e.body().get("policies").get("wait-and-see");
        assertThat(env.get("runs").asLong()).isEqualTo(20);
        JsonNode times = env.get("times");
        assertThat(times.get(0).asDouble()).isEqualTo(2024);
        assertThat(times.get(times.size() - 1).asDouble()).isEqualTo(2050);
        int k = times.size() - 1;
        JsonNode v = env.get("values");
        assertThat(v.get(0).get(k).asDouble()).isLessThanOrEqualTo(v.get(1).get(k).asDouble());
        assertThat(v.get(1).get(k).asDouble()).isLessThanOrEqualTo(v.get(2).get(k).asDouble());
        Reply narrow = post("/api/v1/stores/korea20/envelopes", "{\"variable\":\"" + MAIN + "\",\"policies\":[\"wait-and-see\"],"
                + "\"filters\":[{\"input\":\"War end year\",\"max\":2027.5}]}");
        assertThat(narrow.body().get("policies").get("wait-and-see").get("runs").asLong()).isLessThan(20);
    }

    @Test
    void discoversABoxWithPrim() throws Exception {
        Reply cmp = post("/api/v1/stores/korea20/compare", "{\"policies\":[\"wait-and-see\"]}");
        double median = outcome(cmp.body(), P2035).get("median").get(0).asDouble();
        Reply r = post("/api/v1/stores/korea20/discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"> " + median + "\",\"policy\":\"wait-and-see\","
                + "\"minDensity\":0.7,\"alpha\":0.1,\"minMass\":0.1}");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().get("rows").asInt()).isEqualTo(20);
        assertThat(r.body().get("cases").asInt()).isBetween(8, 10);
        assertThat(r.body().get("trajectory").size()).isGreaterThan(1);
        JsonNode box = r.body().get("box");
        assertThat(box.get("coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(box.get("density").asDouble()).isGreaterThanOrEqualTo(r.body().get("cases").asDouble() / 20 - 1e-12);
        for (JsonNode l : r.body().get("limits")) assertThat(l.get("lower").asDouble()).isLessThanOrEqualTo(l.get("upper").asDouble());
        Reply versus = post("/api/v1/stores/korea20/discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"> 0\",\"policy\":\"recalibrated\",\"versus\":\"wait-and-see\"}");
        assertThat(versus.status()).isEqualTo(200);
        assertThat(versus.body().get("outcome").asText()).contains("recalibrated - wait-and-see");
        Reply none = post("/api/v1/stores/korea20/discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"> 1e9\"}");
        assertThat(none.body().get("cases").asInt()).isZero();
        assertThat(none.body().get("box").isNull()).isTrue();
    }

    @Test
    void storeRequestsAreBoundedAndChecked() throws Exception {
        String s = "/api/v1/stores/korea20/";
        expect(post(s + "experiments", "{\"limit\":5000}"), 400, "limit");
        expect(post(s + "experiments", "{\"offset\":-1}"), 400, "offset");
        expect(post(s + "experiments", "{\"columns\":[\"run\",\"secret\"]}"), 400, "columns");
        expect(post(s + "experiments", "{\"policies\":[\"surrender\"]}"), 400, "policies");
        expect(post(s + "compare", "{\"filters\":[{\"input\":\"x\\\" FROM outcomes; DROP TABLE outcomes; --\",\"max\":1}]}"), 400, "filters[0].input");
        expect(post(s + "compare", "{\"filters\":[{\"input\":\"War end year\",\"min\":2030,\"max\":2026}]}"), 400, "filters[0]");
        expect(post(s + "compare", "{\"filters\":[{\"input\":\"War end year\"}]}"), 400, "filters[0]");
        expect(post(s + "compare", "{\"filters\":[{\"input\":\"War end year\",\"max\":\"2026; DROP TABLE outcomes\"}]}"), 400, "filters.[0].max");
        StringBuilder many = new StringBuilder("{\"filters\":[");
        for (int i = 0; i < 60; i++) many.append(i == 0 ? "" : ",").append("{\"input\":\"War end year\",\"max\":2030}");
        expect(post(s + "compare", many + "]}"), 400, "filters");
        expect(post(s + "distribution", "{\"outcome\":\"" + P2035 + "\",\"bins\":100000}"), 400, "bins");
        expect(post(s + "distribution", "{\"outcome\":\"Happiness\"}"), 400, "outcome");
        expect(post(s + "envelopes", "{\"variable\":\"Happiness\"}"), 400, "variable");
        expect(post(s + "envelopes", "{\"variable\":\"" + MAIN + "\",\"quantiles\":[1.5]}"), 400, "quantiles");
        expect(post(s + "envelopes", "{\"variable\":\"" + MAIN + "\",\"quantiles\":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95]}"), 400, "quantiles");
        expect(post(s + "envelopes", "{\"variable\":\"" + MAIN + "\",\"policies\":[\"wait-and-see\",\"recalibrated\",\"disengage\",\"recalibrated-from-2030\","
                + "\"only-security-guarantees\",\"only-diplomatic-pressure\",\"only-tech-sanctions\",\"only-trade-scrutiny\",\"only-monitoring\"]}"), 400, "policies");
        expect(post(s + "discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"big\"}"), 400, "condition");
        expect(post(s + "discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"> 0\",\"alpha\":0.9}"), 400, "alpha");
        expect(post(s + "discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"> 0\",\"versus\":\"disengage\"}"), 400, "versus");
        expect(post(s + "discover", "{\"outcome\":\"" + P2035 + "\",\"condition\":\"> 0\",\"filters\":[{\"input\":\"War end year\",\"min\":3000}]}"), 422, "filters");
        expect(post(s + "compare", "{\"where\":\"1=1\"}"), 400, "where");
        // the store is still whole after all that
        assertThat(post(s + "experiments", "{\"limit\":1}").body().get("total").asLong()).isEqualTo(400);
    }

    // ---- model structure

    @Test
    void describesEveryEquationOfTheModel() throws Exception {
        Reply r = get("/api/v1/studies/korea/structure");
        assertThat(r.status()).isEqualTo(200);
        JsonNode eqs = r.body().get("equations");
        assertThat(eqs.size()).isGreaterThan(300);
        assertThat(r.body().get("stocks").asInt()).isEqualTo(25); // korea v2 adds the adaptive signpost, China alignment, the DPRK arsenal and two ladder integrals
        JsonNode level = null;
        JsonNode burden = null;
        for (JsonNode e : eqs) {
            if (e.get("name").asText().equals("Security guarantees level")) level = e;
            if (e.get("name").asText().equals("Defense burden")) burden = e;
        }
        assertThat(level).isNotNull();
        assertThat(level.get("equation").asText()).startsWith("Security guarantees level=").contains("Security guarantees ramped").contains("Policy reversal hazard"); // korea v2: ramp-up and reversal
        assertThat(level.get("units").asText()).isEqualTo("Dmnl");
        assertThat(level.get("doc").asText()).contains("Effective lever");
        assertThat(level.get("group").asText()).isEqualTo("Deterrence levers"); // korea.mdl groups its levers by kind
        assertThat(level.get("kind").asText()).isEqualTo("auxiliary");
        assertThat(level.get("line").asInt()).isPositive();
        assertThat(burden.get("variables").findValuesAsText("x")).isEmpty();
        assertThat(burden.get("variables").toString()).contains("Defense burden[ROK]", "Defense burden[JPN]");
        assertThat(get("/api/v1/models/korea/structure").body().get("equations").size()).isEqualTo(eqs.size());
        expect(get("/api/v1/models/nope/structure"), 404, "id");
    }

    @Test
    void drawsTheCausalLoopDiagramAndServesFigures() throws Exception {
        Reply d = get("/api/v1/studies/korea/diagram");
        assertThat(d.status()).isEqualTo(200);
        JsonNode nodes = d.body().get("nodes");
        assertThat(nodes.findValuesAsText("name")).contains("Partnership depth", "Combat experience");
        assertThat(d.body().get("edges").size()).isGreaterThan(5);
        assertThat(d.body().get("loops").size()).isGreaterThan(0);
        assertThat(d.body().get("figures").findValuesAsText("x")).isEmpty();
        assertThat(d.body().get("figures").toString()).contains("korea-cld.svg");
        HttpResponse<String> svg = http.send(HttpRequest.newBuilder(uri("/api/v1/studies/korea/figures/korea-cld.svg")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(svg.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox");
        assertThat(svg.body()).contains("<svg");
        expect(get("/api/v1/studies/korea/figures/..%2Fkorea.mdl"), 404, "name");
        expect(get("/api/v1/studies/korea/figures/..%2F..%2F..%2Fetc%2Fpasswd"), 404, "name");
        expect(get("/api/v1/studies/korea/figures/korea.mdl"), 404, "name");
    }
}
