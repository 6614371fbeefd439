package org.dlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code dlab plot} on a real store of the SIR study: both kinds, both formats, and the errors. */
class PlotCommandTest {
    private static final Path MODELS = Path.of("../workbench/src/test/resources/models").toAbsolutePath().normalize();

    @TempDir static Path tmp;
    static Path series;
    static Path plain;

    @BeforeAll
    static void stores() throws Exception {
        Path study = tmp.resolve("sir-study.yaml");
        Files.writeString(study, Files.readString(MODELS.resolve("sir-study.yaml")).replace("model: sir.mdl", "model: " + MODELS.resolve("sir.mdl")));
        series = tmp.resolve("series.duckdb");
        plain = tmp.resolve("plain.duckdb");
        Cli.Result r = Cli.run("explore", study.toString(), "-n", "40", "--seed", "3", "--series", "0", "--db", series.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        r = Cli.run("explore", study.toString(), "-n", "10", "--db", plain.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** Parses as an XML processor hardened against entity tricks would: DTDs refused outright. */
    private static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(svg))));
    }

    private static long paths(Document d, String role) {
        NodeList ps = d.getElementsByTagName("path");
        long n = 0;
        for (int i = 0; i < ps.getLength(); i++) if (role.equals(((Element) ps.item(i)).getAttribute("class"))) n++;
        return n;
    }

    private static String text(Document d) {
        return d.getDocumentElement().getTextContent();
    }

    @Test
    void fanChartAsSvgHasTwoBandsAndAMedianPerPolicy() throws Exception {
        Path out = tmp.resolve("fan.svg");
        Cli.Result r = Cli.run("plot", series.toString(), "-o", out.toString(), "--kind", "fan", "--variable", "Infected");
        assertThat(r.code()).as(r.err()).isZero();
        Document d = parse(out);
        assertThat(d.getDocumentElement().getAttribute("width")).isEqualTo("800");
        assertThat(paths(d, "band")).isEqualTo(4);
        assertThat(paths(d, "median")).isEqualTo(2);
        assertThat(text(d)).contains("Infected", "none", "vaccinate", "time");
    }

    @Test
    void onePolicyAndAVariableWithMarkupInItsNameStayWellFormed() throws Exception {
        Path out = tmp.resolve("one.svg");
        Cli.Result r = Cli.run("plot", series.toString(), "-o", out.toString(), "--variable", "Burden[South]", "--policies", "vaccinate",
                "--width", "300", "--height", "200");
        assertThat(r.code()).as(r.err()).isZero();
        Document d = parse(out);
        assertThat(paths(d, "band")).isEqualTo(2);
        assertThat(text(d)).contains("Burden[South]").doesNotContain("none");
    }

    @Test
    void distributionAsSvgHasOneHistogramPerPolicy() throws Exception {
        Path out = tmp.resolve("dist.svg");
        Cli.Result r = Cli.run("plot", series.toString(), "-o", out.toString(), "--kind", "distribution", "--outcome", "Peak infected");
        assertThat(r.code()).as(r.err()).isZero();
        Document d = parse(out);
        assertThat(paths(d, "histogram")).isEqualTo(2);
        assertThat(text(d)).contains("Peak infected", "share of futures");
    }

    @Test
    void pngsDecodeAtTheRequestedSize() throws Exception {
        Path fan = tmp.resolve("fan.png");
        Cli.Result r = Cli.run("plot", series.toString(), "-o", fan.toString(), "--variable", "Infected", "--width", "640", "--height", "400");
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(fan.toFile());
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
        Path dist = tmp.resolve("dist.png");
        r = Cli.run("plot", plain.toString(), "-o", dist.toString(), "--kind", "distribution", "--outcome", "Mean recovered");
        assertThat(r.code()).as(r.err()).isZero();
        img = ImageIO.read(dist.toFile());
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(500);
        // something besides the white background was drawn
        int colours = 0;
        for (int x = 0; x < img.getWidth(); x += 7) for (int y = 0; y < img.getHeight(); y += 7) if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) colours++;
        assertThat(colours).isGreaterThan(100);
    }

    private static void bad(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(expected);
    }

    @Test
    void errorsAreOneLineAndExitTwo() {
        Path out = tmp.resolve("bad.svg");
        bad("no such results store", "plot", tmp.resolve("missing.duckdb").toString(), "-o", out.toString(), "--variable", "Infected");
        bad("no series variable 'Susceptible'", "plot", series.toString(), "-o", out.toString(), "--variable", "Susceptible");
        bad("no series table", "plot", plain.toString(), "-o", out.toString(), "--variable", "Infected");
        bad("no outcome 'Peak'", "plot", series.toString(), "-o", out.toString(), "--kind", "distribution", "--outcome", "Peak");
        bad("no policy 'lockdown'", "plot", series.toString(), "-o", out.toString(), "--variable", "Infected", "--policies", "none,lockdown");
        bad("needs --variable", "plot", series.toString(), "-o", out.toString());
        bad("between 100 and 4000", "plot", series.toString(), "-o", out.toString(), "--variable", "Infected", "--width", "5000");
        bad("between 100 and 4000", "plot", series.toString(), "-o", out.toString(), "--variable", "Infected", "--height", "99");
        bad(".svg or .png", "plot", series.toString(), "-o", tmp.resolve("chart.pdf").toString(), "--variable", "Infected");
        bad("--kind", "plot", series.toString(), "-o", out.toString(), "--kind", "pie", "--variable", "Infected");
        assertThat(out).doesNotExist();
    }
}
