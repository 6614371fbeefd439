package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.LoadWarning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's load warnings (a text cell of a GET DIRECT DATA range read as 0) on GET
 * /api/v1/models/{id}: one line each, files named relative to the model's folder, never the
 * server's absolute paths; and {@link LoadWarningLines} on its own.
 */
class LoadWarningsApiTest {
    @TempDir static Path root;
    static SimulatorServer server;
    static final HttpClient http = HttpClient.newHttpClient();
    static final ObjectMapper json = new ObjectMapper();
    static final String TIMES = "INITIAL TIME = 0 ~~|\nFINAL TIME = 2 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n";

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(root.resolve("flow.csv"), "0,1\n1,abc\n2,3\n");
        Files.writeString(root.resolve("flow.mdl"), "{UTF-8}\nflow := GET DIRECT DATA('flow.csv', ',', 'A', 'B1') ~~|\n" + TIMES);
        Files.writeString(root.resolve("plain.mdl"), "{UTF-8}\nx = 1 ~~|\n" + TIMES);
        // 30 text cells in a folder below the root: 20 warnings and the engine's summary, which names the model by its path
        Path sub = Files.createDirectories(root.resolve("sub"));
        StringBuilder csv = new StringBuilder();
        for (int t = 0; t < 3; t++) {
            csv.append(t);
            for (int k = 1; k <= 10; k++) csv.append(",t").append(k).append(t);
            csv.append('\n');
        }
        Files.writeString(sub.resolve("many.csv"), csv);
        Files.writeString(sub.resolve("many.mdl"), "{UTF-8}\nk: k1, k2, k3, k4, k5, k6, k7, k8, k9, k10 ~~|\n"
                + "x[k] := GET DIRECT DATA('many.csv', ',', 'A', 'B1') ~~|\n" + TIMES);
        server = SimulatorServer.start(root.resolve("flow.mdl"), List.of(), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return json.readTree(r.body());
    }

    static List<String> warnings(JsonNode info) {
        assertThat(info.get("warnings").isArray()).isTrue();
        List<String> out = new ArrayList<>();
        info.get("warnings").forEach(w -> out.add(w.asText()));
        return out;
    }

    @Test
    void aTextCellInADataRangeIsTheModelsOneWarning() throws Exception {
        JsonNode info = get("/api/v1/models/flow");
        assertThat(warnings(info)).containsExactly("flow.csv: cell B2: text 'abc' read as 0 (variable 'flow')");
        assertThat(info.toString()).doesNotContain(root.toString()).doesNotContain(root.toRealPath().toString());
    }

    @Test
    void aModelWithoutWarningsHasAnEmptyList() throws Exception {
        assertThat(warnings(get("/api/v1/models/plain"))).isEmpty();
    }

    @Test
    void theSummaryNamesTheModelRelativeToItsFolderNotByTheServersPath() throws Exception {
        JsonNode info = get("/api/v1/models/many");
        List<String> w = warnings(info);
        assertThat(w).hasSize(21);
        assertThat(w.get(0)).isEqualTo("many.csv: cell B1: text 't10' read as 0 (variable 'x')");
        assertThat(w.get(20)).isEqualTo("many.mdl: ... and 10 more text cells read as 0");
        assertThat(info.toString()).doesNotContain(root.toString()).doesNotContain(root.toRealPath().toString());
    }

    @Test
    void anAbsoluteFileIsShownRelativeToTheModelsFolderElseByItsName() {
        Path model = root.resolve("sub/many.mdl");
        List<String> lines = LoadWarningLines.of(List.of(
                new LoadWarning(root.resolve("sub/data/a.csv").toString(), "cell A1", "m1"),
                new LoadWarning("/elsewhere/secret/b.xlsx", "sheet 'S', cell B2", "m2"),
                new LoadWarning("c.csv", "", "m3 in " + root.resolve("sub") + "/c.csv")), model);
        assertThat(lines).containsExactly("data/a.csv: cell A1: m1", "b.xlsx: sheet 'S', cell B2: m2", "c.csv: m3 in c.csv");
        assertThat(LoadWarningLines.of(List.of(), model)).isEmpty();
    }

    @Test
    void pastTheBoundTheRestAreCounted() {
        List<LoadWarning> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) many.add(new LoadWarning("a.csv", "cell A" + i, "x"));
        List<String> lines = LoadWarningLines.of(many, root.resolve("m.mdl"));
        assertThat(lines).hasSize(LoadWarningLines.MAX);
        assertThat(lines.get(LoadWarningLines.MAX - 2)).isEqualTo("a.csv: cell A" + (LoadWarningLines.MAX - 2) + ": x");
        assertThat(lines.get(LoadWarningLines.MAX - 1)).isEqualTo("... and " + (40 - LoadWarningLines.MAX + 1) + " more warnings");
    }
}
