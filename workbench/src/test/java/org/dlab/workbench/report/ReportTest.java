package org.dlab.workbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlab.workbench.Exploration;
import org.dlab.workbench.TestModels;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.StudyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir Path tmp;

    private Path report(boolean series) {
        BoundStudy sir = BoundStudy.bind(StudyParser.parse(TestModels.resource("sir-study.yaml")));
        Path db = tmp.resolve("r.duckdb");
        Exploration.Settings s = Exploration.Settings.defaults(db).withN(40).withThreads(2).withSeries(series ? 2 : Double.NaN);
        new Exploration(sir, s).run(Progress.NONE);
        Path html = tmp.resolve("out/report.html");
        Report.write(db, html);
        return html;
    }

    @Test
    void theReportIsOneSelfContainedFile() throws Exception {
        String html = Files.readString(report(true));
        assertThat(html).contains("uPlot").contains("const DATA = {").contains("\"policies\":[\"none\",\"vaccinate\"]");
        // nothing is fetched: no external scripts, stylesheets or images
        assertThat(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find()).isFalse();
        assertThat(html).doesNotContain("/*DATA*/").doesNotContain("/*UPLOT_JS*/").doesNotContain("/*REPORT_JS*/");
        // the study's own text is embedded (as the assumptions section shows it)
        assertThat(html).contains("Vaccination Rate").contains("sir.mdl");
        // a fan per series variable: Infected, Noisy Infected, Burden[South], Recovered
        assertThat(html).contains("\"variable\":\"Burden[South]\",\"policies\"");
        // robustness per policy over the same futures, with a regret chart; no discovery saved yet
        assertThat(html).contains("\"robustness\":{\"outcomes\":[{\"name\":").contains("\"svg\":\"<svg").contains("\"discoveries\":[]");
    }

    @Test
    void aStoredStudysFileTagsNeedNotExistWhereTheReportIsMade() throws Exception {
        // the store keeps the study's text; the files its file_tags name may be on another machine
        String text = "model: m.mdl\ntitle: Tagged\ntime: {end: 12}\nfile_tags:\n  inputs.xlsx: data/inputs.xlsx\n"
                + "outcomes:\n  - {name: y, reduce: final}\n";
        java.util.Map<String, String> prov = java.util.Map.of("study_text", text, "study_file", tmp.resolve("gone/study.yaml").toString());
        assertThat(Report.presentation(prov).title()).isEqualTo("Tagged");
        assertThat(Report.horizon(prov, false, null)).isEqualTo(12.0);
        // a study file being read for a run still needs them
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StudyParser.parse(tmp.resolve("gone/study.yaml"), text))
                .hasMessageContaining("no such file: data/inputs.xlsx");
    }

    /** Opens the report in headless Chromium and checks every chart has ink on its canvas. */
    @Test
    void chartsDrawInAHeadlessBrowser() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("DLAB_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.err.println("NOTICE: no Chromium at " + chromium + " (set DLAB_CHROMIUM); browser check of the report skipped");
            return;
        }
        Path html = report(true);
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        Matcher charts = Pattern.compile("data-charts=\"(\\d+)\"").matcher(dom);
        Matcher drawn = Pattern.compile("data-charts-drawn=\"(\\d+)\"").matcher(dom);
        assertThat(charts.find()).as("the report's script ran").isTrue();
        assertThat(drawn.find()).isTrue();
        // 4 fan charts (one per outcome variable) + 5 outcome distributions
        assertThat(charts.group(1)).isEqualTo("9");
        assertThat(drawn.group(1)).isEqualTo("9");
        assertThat(dom).contains("beats none").contains("Uncertainties and levers");
        // a checkbox per policy; the first four policies (all of them here) drawn at first
        Matcher boxes = Pattern.compile("<input type=\"checkbox\" value=\"([^\"]+)\"").matcher(dom.substring(dom.indexOf("id=\"policy-picker\"")));
        int policies = 0;
        while (boxes.find()) policies++;
        assertThat(policies).isGreaterThan(1);
        assertThat(dom).contains("data-policies-drawn=\"" + Math.min(4, policies) + "\"");
        assertThat(dom).contains("Robustness across futures").contains("mean regret").contains("No discovery saved");
    }

    private static com.fasterxml.jackson.databind.JsonNode data(String html) throws Exception {
        int a = html.indexOf("const DATA = ") + "const DATA = ".length();
        int b = html.indexOf(";</script>", a);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(html.substring(a, b).replace("<\\/", "</"));
    }

    /**
     * The answer without the study's optional keys: the model's name as title, the first policy as
     * reference, the first outcomes to minimize or maximize; discoveries in words with only their
     * significant limits; a crossing time in the robustness table keeps every future, the ones that
     * never cross counted at the end of the run.
     */
    @Test
    void theAnswerFallsBackSensiblyAndSaysWhenADiscoveryFoundNothing() throws Exception {
        Path html = report(false);
        Path db = tmp.resolve("r.duckdb");
        List<org.dlab.workbench.store.DiscoveryTables.Limit> many = new ArrayList<>();
        many.add(new org.dlab.workbench.store.DiscoveryTables.Limit("Contact Rate", 1.5, 3, true, false, 0.001, Double.NaN, 1, 3));
        for (int i = 0; i < 7; i++) many.add(new org.dlab.workbench.store.DiscoveryTables.Limit("Noise " + i, 0, 0.4, false, true, 0.3, Double.NaN, 0, 1));
        org.dlab.workbench.store.DiscoveryTables.save(db, saved("> 0", "vaccinate", "none", many));
        org.dlab.workbench.store.DiscoveryTables.save(db, saved("> 0", null, null, many.subList(1, 3)));
        Report.write(db, html);
        var d = data(Files.readString(html));
        var a = d.get("answer");
        assertThat(a.get("title").asText()).isEqualTo("What the futures say: sir");
        assertThat(a.get("reference").asText()).isEqualTo("none");
        assertThat(a.get("outcomes")).hasSize(3);
        assertThat(a.get("outcomes").get(0).get("name").asText()).isEqualTo("Peak infected");
        var words = a.get("discoveries");
        // Peak infected is minimized: vaccinate - none > 0 means vaccinating does worse, so waiting does better
        assertThat(words.get(0).get("text").asText()).startsWith("none does better than vaccinate on Peak infected")
                .contains("when Contact Rate > 1.5: coverage 0.50, density 0.60").doesNotContain("Noise");
        assertThat(words.get(0).get("warnings").get(0).asText()).contains("restricts 8 inputs").contains("7 of its limits are not significant");
        assertThat(words.get(1).get("text").asText()).contains("no interpretable region");
        assertThat(d.get("palette").get(0).asText()).isEqualTo(org.dlab.workbench.plot.Palette.HEX.get(0));
        var start = d.get("robustness").get("outcomes");
        com.fasterxml.jackson.databind.JsonNode epidemic = null;
        for (var o : start) if (o.get("name").asText().equals("Epidemic start")) epidemic = o;
        assertThat(epidemic).isNotNull();
        assertThat(epidemic.get("crossing").asBoolean()).isTrue();
        assertThat(epidemic.get("horizon").asDouble()).isEqualTo(40); // the study's time end
        assertThat(epidemic.get("futures").asInt()).isEqualTo(epidemic.get("of").asInt()); // no future dropped for never crossing
    }

    private static org.dlab.workbench.store.DiscoveryTables.Saved saved(String where, String policy, String versus,
            List<org.dlab.workbench.store.DiscoveryTables.Limit> limits) {
        return new org.dlab.workbench.store.DiscoveryTables.Saved(0, "2026-12-02T10:00:00Z", "Peak infected", where, policy, versus, 10, 40,
                0.05, 0.05, 0.8, 3, false, 0.5, 0.6, 0.2, 0, Double.NaN, Double.NaN, limits,
                List.of(new org.dlab.workbench.store.DiscoveryTables.Point(3, 0.5, 0.6, 0.2, limits.size())), List.of());
    }
}
