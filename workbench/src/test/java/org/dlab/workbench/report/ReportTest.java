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
}
