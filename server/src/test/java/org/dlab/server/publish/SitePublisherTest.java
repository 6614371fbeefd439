package org.dlab.server.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlab.engine.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a site: what lands in the folder, and which folders it refuses to overwrite. */
class SitePublisherTest {
    static Path tank(Path dir) throws Exception {
        Path f = dir.resolve("tank.mdl");
        Files.writeString(f, """
                {UTF-8}
                level = INTEG(inflow - level / drain time, 10) ~ litres ~ |
                inflow = 2 ~ litres/minute ~ How fast the tap runs. |
                drain time = 4 ~ minute ~ |
                outflow = level / drain time ~ litres/minute ~ |
                INITIAL TIME = 0 ~ minute ~ |
                FINAL TIME = 20 ~ minute ~ |
                TIME STEP = 0.5 ~ minute ~ |
                SAVEPER = 1 ~ minute ~ |
                """);
        return f;
    }

    @Test
    void aPlainModelGetsASliderPerNamedConstant(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site");
        SitePublisher.Site s = SitePublisher.publish(tank(dir), List.of("inflow", "drain time=1:10"), List.of(), site);
        assertThat(s.files()).isEqualTo(14);
        assertThat(s.bytes()).isEqualTo(Files.walk(site).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum());
        for (String f : List.of("index.html", "model.js", "model.mjs", "site.js", "app.js", "common.js", "style.css", "palette.js", "inpage-api.js",
                "worker.js", "bands.js", "uPlot.iife.min.js", "uPlot.min.css", SitePublisher.MARKER)) {
            assertThat(site.resolve(f)).isRegularFile();
        }
        String data = Files.readString(site.resolve("site.js"));
        // inflow: 0 to twice its value, at its value; drain time: the range given
        assertThat(data).contains("{\"name\":\"inflow\",\"low\":0,\"high\":4,\"baseline\":2,\"unit\":\"litres/minute\",\"description\":\"How fast the tap runs.\"");
        assertThat(data).contains("{\"name\":\"drain time\",\"low\":1,\"high\":10,\"baseline\":4,");
        // the stock is charted by default
        assertThat(data).contains("\"charts\":[{\"variable\":\"level\"");
        assertThat(data).contains("\"warnings\":[]");
        assertThat(s.warnings()).isEmpty();
        assertThat(Files.readString(site.resolve("model.js"))).startsWith("(function () {").contains("self.dlabModel = ").doesNotContain("export ");
        assertThat(Files.readString(site.resolve("index.html"))).doesNotContain("http:").doesNotContain("https:").doesNotContain("/api/");
    }

    @Test
    void aTextCellReadAsZeroIsWarnedOfInTheSiteWithoutTheFoldersPath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("flow.csv"), "0,1\n1,abc\n2,3\n");
        Path model = Files.writeString(dir.resolve("flow.mdl"), "{UTF-8}\nflow := GET DIRECT DATA('flow.csv', ',', 'A', 'B1') ~~|\n"
                + "INITIAL TIME = 0 ~~|\nFINAL TIME = 2 ~~|\nTIME STEP = 1 ~~|\nSAVEPER = 1 ~~|\n");
        SitePublisher.Site s = SitePublisher.publish(model, List.of(), List.of("flow"), dir.resolve("site"));
        // for dlab publish to print, as the CLI prints a load's warnings
        assertThat(s.warnings()).extracting(Object::toString).containsExactly("flow.csv: cell B2: text 'abc' read as 0 (variable 'flow')");
        String data = Files.readString(dir.resolve("site/site.js"));
        assertThat(data).contains("\"warnings\":[\"flow.csv: cell B2: text 'abc' read as 0 (variable 'flow')\"]");
        assertThat(data).doesNotContain(dir.toString()).doesNotContain(dir.toRealPath().toString());
    }

    @Test
    void thePageIsTheServedSimulatorsOwnFilesWithTheInPageApi(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("site");
        SitePublisher.publish(tank(dir), List.of("inflow"), List.of(), site);
        // one source: the served page's script and styles, byte for byte
        for (String f : List.of("app.js", "common.js", "style.css")) {
            assertThat(Files.readString(site.resolve(f))).as(f).isEqualTo(SitePublisher.resource("/web/" + f));
        }
        // the palette as dlab serve answers /palette.js: the workbench's colours, first the Okabe-Ito blue
        assertThat(Files.readString(site.resolve("palette.js"))).startsWith("window.DLAB_PALETTE = [\"#0072B2\",")
                .contains(org.dlab.workbench.plot.Palette.HEX.get(1));
        String index = Files.readString(site.resolve("index.html"));
        // relative paths, no links to the server's other pages, the publish scripts between common.js and app.js
        assertThat(index).doesNotContain("src=\"/").doesNotContain("href=\"/").doesNotContain("<nav").contains("id=\"headline\"");
        List<String> scripts = java.util.regex.Pattern.compile("<script src=\"([^\"]+)\"").matcher(index).results().map(m -> m.group(1)).toList();
        assertThat(scripts).containsExactly("uPlot.iife.min.js", "palette.js", "common.js", "site.js", "model.js", "bands.js", "inpage-api.js", "app.js");
        for (String f : scripts) assertThat(site.resolve(f)).isRegularFile();
        assertThat(index).contains("href=\"uPlot.min.css\"").contains("href=\"style.css\"");
    }

    @Test
    void aServedPageWithoutWhatPublishReliesOnIsRefused() {
        String served = SitePublisher.resource("/web/index.html");
        assertThatThrownBy(() -> SitePublisher.page(served.replace("<script src=\"/app.js\"></script>", "")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("app.js");
        assertThatThrownBy(() -> SitePublisher.page(served.replace("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "https://cdn.example/uPlot.js")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("uPlot");
    }

    @Test
    void theModelsEquationsGroupsAndHeadlineOutcomesReachTheSiteData(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("grouped.mdl");
        Files.writeString(m, """
                {UTF-8}
                ********************************************************
                	.Water
                ********************************************************~
                		The tank.
                	|
                level = INTEG(inflow - level / drain time, 10) ~ litres ~ The water in the tank. |
                inflow = "tap ~ rate" * 2 ~ litres/minute ~ How fast the tap runs. |
                "tap ~ rate" = 1 ~ Dmnl ~ |
                drain time = 4 ~ minute ~ |
                INITIAL TIME = 0 ~ minute ~ |
                FINAL TIME = 20 ~ minute ~ |
                TIME STEP = 0.5 ~ minute ~ |
                SAVEPER = 1 ~ minute ~ |
                """);
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, """
                model: grouped.mdl
                levers:
                  - {name: "drain time", low: 1, high: 8, baseline: 4}
                policies:
                  slow: {"drain time": 8}
                outcomes:
                  - {name: "final level", variable: "level", reduce: final, kind: maximize}
                  - {name: "peak level", variable: "level", reduce: max, kind: info}
                  - {name: "level at 5", variable: "level", reduce: {at: 5}, kind: minimize, headline: true, unit: litres}
                """);
        SitePublisher.publish(study, List.of(), List.of(), dir.resolve("site"));
        String data = Files.readString(dir.resolve("site").resolve("site.js"));
        // the equation as written (a quoted name with a '~' in it does not end it), its units, documentation and view
        assertThat(data).contains("{\"name\":\"level\",\"units\":\"litres\",\"doc\":\"The water in the tank.\",\"group\":\"Water\","
                + "\"equation\":\"level = INTEG(inflow - level / drain time, 10)\"}");
        assertThat(data).contains("\"equation\":\"inflow = \\\"tap ~ rate\\\" * 2\"");
        // only the outcome the study marks as headline, with its unit
        assertThat(data).contains("\"name\":\"level at 5\",\"variable\":\"level\",\"slot\":");
        assertThat(data).containsPattern("\"name\":\"final level\"[^}]*\"headline\":false");
        assertThat(data).containsPattern("\"name\":\"level at 5\"[^}]*\"headline\":true,\"unit\":\"litres\"");
    }

    @Test
    void aStudysTitleQuestionAndReferencePolicyReachThePage(@TempDir Path dir) throws Exception {
        tank(dir);
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, """
                model: tank.mdl
                title: "Filling the tank"
                question: "Does a faster tap fill it sooner?"
                reference: slow
                uncertainties:
                  - {name: "drain time", dist: uniform, low: 2, high: 6, source: "guess"}
                levers:
                  - {name: "inflow", low: 0, high: 5, baseline: 2}
                policies:
                  fast: {"inflow": 4}
                  slow: {"inflow": 1}
                outcomes:
                  - {name: "final level", variable: "level", reduce: final, kind: maximize}
                """);
        SitePublisher.publish(study, List.of(), List.of(), dir.resolve("site"));
        String data = Files.readString(dir.resolve("site").resolve("site.js"));
        // the reference is the study's, not its first policy
        assertThat(data).contains("\"reference\":\"slow\"").contains("\"title\":\"Filling the tank\"")
                .contains("Does a faster tap fill it sooner?");
    }

    @Test
    void aStudysFileTagsReachItsModel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tagged.mdl"), """
                {UTF-8}
                base := GET DIRECT CONSTANTS('?inputs.csv', 'Sheet1', 'B2') ~ ~ |
                level = INTEG(base, 0) ~ ~ |
                INITIAL TIME = 0 ~ ~ |
                FINAL TIME = 2 ~ ~ |
                TIME STEP = 1 ~ ~ |
                SAVEPER = 1 ~ ~ |
                """);
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/inputs.csv"), "name,value\nbase,21\n");
        String outcomes = "outcomes:\n  - {name: final level, variable: level, reduce: final}\n";
        // no inputs.csv beside the model: only the mapping finds the file
        Path untagged = dir.resolve("untagged.yaml");
        Files.writeString(untagged, "model: tagged.mdl\n" + outcomes);
        assertThatThrownBy(() -> SitePublisher.publish(untagged, List.of(), List.of(), dir.resolve("no-site"))).isInstanceOf(ModelException.class)
                .hasMessageContaining("'?inputs.csv': no file is mapped to this tag");
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, "model: tagged.mdl\nfile_tags:\n  inputs.csv: data/inputs.csv\n" + outcomes);
        SitePublisher.Site s = SitePublisher.publish(study, List.of(), List.of(), dir.resolve("site"));
        assertThat(s.folder().resolve("model.mjs")).isRegularFile();
    }

    @Test
    void aLeverThatIsComputedOrUnknownIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path m = tank(dir);
        assertThatThrownBy(() -> SitePublisher.publish(m, List.of("outflow"), List.of(), dir.resolve("a")))
                .isInstanceOf(ModelException.class).hasMessageContaining("computed every step");
        assertThatThrownBy(() -> SitePublisher.publish(m, List.of("nonesuch"), List.of(), dir.resolve("b")))
                .isInstanceOf(ModelException.class).hasMessageContaining("no constant 'nonesuch'")
                .satisfies(e -> assertThat(((ModelException) e).describe()).startsWith("tank.mdl:1:1: "));
        assertThatThrownBy(() -> SitePublisher.publish(m, List.of("inflow=5:1"), List.of(), dir.resolve("c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOW must be below HIGH");
        assertThat(dir.resolve("a")).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("tank.mdl"); // no temporary folder left
        }
    }

    @Test
    void anEarlierSiteIsReplacedButAnyOtherFolderIsLeftAlone(@TempDir Path dir) throws Exception {
        Path m = tank(dir);
        Path other = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(other.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> SitePublisher.publish(m, List.of("inflow"), List.of(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a site made by dlab publish");
        assertThat(Files.readString(other.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(other.resolve("index.html")).doesNotExist();

        Path site = dir.resolve("site");
        SitePublisher.publish(m, List.of("inflow"), List.of(), site);
        Files.writeString(site.resolve("stale.txt"), "from the earlier site");
        SitePublisher.publish(m, List.of("drain time"), List.of(), site);
        assertThat(site.resolve("stale.txt")).doesNotExist();
        assertThat(Files.readString(site.resolve("site.js"))).contains("\"levers\":[{\"name\":\"drain time\"").doesNotContain("\"levers\":[{\"name\":\"inflow\"");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> SitePublisher.publish(m, List.of(), List.of(), file)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leversAreGroupedByTheWordsTheirNamesShareElseByUnit() {
        List<String> names = List.of("Security guarantees intensity", "Cyber defense intensity", "Security guarantees start year",
                "Cyber defense start year", "Discount rate");
        assertThat(SiteData.group("Cyber defense intensity", names, "Dmnl")).isEqualTo("… intensity");
        assertThat(SiteData.group("Cyber defense start year", names, "Year")).isEqualTo("… start year");
        assertThat(SiteData.group("Discount rate", names, "1/Year")).isEqualTo("Levers in 1/Year");
        assertThat(SiteData.group("Discount rate", names, "")).isEqualTo("Levers");
    }
}
