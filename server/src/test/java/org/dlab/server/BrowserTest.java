package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.dlab.workbench.store.DiscoveryTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The pages end to end in headless Chromium (Debian's chromium + chromium-driver). Simulator:
 * load, move a lever, see the main chart change, switch on the bands, export CSV and SVG. Explore:
 * a korea store of 50 futures made here, its comparison table, a filter that narrows it, envelopes,
 * PRIM. Model: search the equations, click to plot, click a diagram node. Screenshots in
 * target/screenshots.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static SimulatorServer server;
    static ChromeDriver driver;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present) System.err.println("BrowserTest SKIPPED: needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)");
        Assumptions.assumeTrue(present, "needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y chromium chromium-driver)");
        Path stores = Path.of("target", "test-stores", "browser").toAbsolutePath();
        Path korea50 = TestStores.korea(stores, "korea50", 50);
        if (discoveries(korea50) == 0) {
            DiscoveryTables.save(korea50, new DiscoveryTables.Saved(0, "2026-11-27T08:00:00Z", "P major conflict by 2035", "> 0.05", null, null, 9, 200,
                    0.05, 0.05, 0.8, 3, false, 0.8, 0.6, 0.1, 0, Double.NaN, Double.NaN,
                    List.of(new DiscoveryTables.Limit("Maximum experience multiplier", 1.0, 1.2, false, true, 1e-3, Double.NaN, 1.0, 2.0)),
                    List.of(new DiscoveryTables.Point(0, 1, 0.05, 1, 0)), List.of()));
        }
        server = SimulatorServer.start(ApiTest.repo().resolve("models/korea/study.yaml"), List.of(), List.of(stores), "127.0.0.1", 0);
        downloads = Files.createDirectories(Path.of("target", "downloads").toAbsolutePath());
        // a file left by an earlier run must not pass for this run's download
        try (var old = Files.list(downloads)) {
            for (Path f : old.toList()) Files.delete(f);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1250");
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(svc, o);
    }

    private static int discoveries(Path db) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db); var st = c.createStatement()) {
            return DiscoveryTables.read(st).size();
        }
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @Test
    void moveALeverSeeTheChartBandsAndExport() throws Exception {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(d -> Boolean.TRUE.equals(js("return window.dlab && window.dlab.ready === true")));
        WebElement main = driver.findElement(By.cssSelector(".chart.main"));
        String before = main.getAttribute("data-last");
        assertThat(before).isNotBlank();
        assertThat(driver.findElements(By.cssSelector("#grid .chart"))).hasSize(6);
        assertThat(driver.findElements(By.cssSelector("#levers input[type=range]"))).hasSize(25); // korea v2: 12 intensities, 11 start years, the adaptive switch and trigger

        // a real key press on the slider, as a user would move it
        WebElement lever = driver.findElement(By.cssSelector("input[data-lever='Security guarantees intensity']"));
        lever.sendKeys(Keys.END);
        waiting().until(d -> !before.equals(main.getAttribute("data-last")));
        assertThat((String) js("return location.hash")).contains("L.Security+guarantees+intensity=1");

        driver.findElement(By.id("uncertainty")).click();
        waiting().until(d -> "on".equals(main.getAttribute("data-bands")));
        assertThat((String) js("return location.hash")).contains("unc=1");

        main.findElement(By.cssSelector(".export-csv")).click();
        String csv = (String) js("return window.dlab.lastCsv");
        assertThat(csv).startsWith("Time,wait-and-see,");
        String[] lines = csv.split("\n");
        assertThat(lines.length).isGreaterThan(100);
        // time, the reference, the current line, its 5/50/95% and the reference's 5/95% (the reference's band)
        assertThat(lines[lines.length - 1].split(",")).hasSize(8);
        main.findElement(By.cssSelector(".export-png")).click();
        main.findElement(By.cssSelector(".export-svg")).click();
        Document svg = checkSvg((String) js("return window.dlab.lastSvg"));
        // the current line, wait-and-see and the 5/50/95% lines; the band as a polygon
        assertThat(svg.getElementsByTagNameNS(SVG, "path").getLength()).isGreaterThanOrEqualTo(5);
        assertThat(svg.getElementsByTagNameNS(SVG, "polygon").getLength()).isGreaterThanOrEqualTo(1);
        Path file = downloaded("Cumulative_major_war_probability.svg");
        checkSvg(Files.readString(file));

        screenshot("simulator.png");

        // the state in the hash survives a reload: a policy button and the toggle
        driver.get("http://127.0.0.1:" + server.port() + "/#policy=disengage&unc=1");
        driver.navigate().refresh();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.dlab && window.dlab.ready === true")));
        assertThat(driver.findElement(By.cssSelector("#policies button.active")).getText()).isEqualTo("disengage");
        assertThat(driver.findElement(By.id("uncertainty")).isSelected()).isTrue();
        File[] got = downloads.toFile().listFiles();
        System.err.println("BrowserTest: downloads " + (got == null ? "none" : List.of(got)));
    }

    static final String SVG = "http://www.w3.org/2000/svg";

    /** Parses an exported SVG as XML (no DTDs) and checks it is an SVG document with a title. */
    static Document checkSvg(String text) throws Exception {
        assertThat(text).startsWith("<?xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        Element root = d.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo(SVG);
        assertThat(Double.parseDouble(root.getAttribute("width"))).isPositive();
        assertThat(d.getElementsByTagNameNS(SVG, "title").item(0).getTextContent()).isNotBlank();
        return d;
    }

    /** Waits for a download to finish (Chromium writes .crdownload first). */
    static Path downloaded(String name) {
        Path p = downloads.resolve(name);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Files.isRegularFile(p));
        return p;
    }

    /** The whole page (the window grown to its height, at most 4000 px), then the window as it was. */
    static void screenshot(String name) throws Exception {
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Dimension was = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0); return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(was.getWidth(), (int) Math.min(4000, Math.max(was.getHeight(), height + 140))));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        driver.manage().window().setSize(was);
        Files.write(shots.resolve(name), png);
        assertThat(png.length).isGreaterThan(10_000);
    }

    @Test
    void exploreAStoreAndFilterItsFutures() throws Exception {
        driver.get("http://127.0.0.1:" + server.port() + "/explore.html");
        waiting().until(d -> Boolean.TRUE.equals(js("return window.dlab && window.dlab.exploreReady === true && window.dlab.refreshes >= 1")));
        WebElement table = driver.findElement(By.id("compare-table"));
        assertThat(table.getAttribute("data-futures")).isEqualTo("50");
        assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("#overview tbody tr")).size()).isGreaterThan(10);
        assertThat(driver.findElements(By.cssSelector("#envelope-chart .chart"))).hasSize(1);
        String before = driver.findElement(By.cssSelector("#compare-table tbody tr td:nth-of-type(3)")).getText();

        // a filter on an uncertainty: the futures whose war ends by mid-2027
        new Select(driver.findElement(By.id("filter-input"))).selectByVisibleText("War end year");
        driver.findElement(By.id("filter-add")).click();
        WebElement max = driver.findElement(By.cssSelector(".filter[data-input='War end year'] .filter-max"));
        max.sendKeys("2027.5");
        long refreshes = (Long) js("return window.dlab.refreshes");
        driver.findElement(By.id("apply")).click();
        waiting().until(d -> (Long) js("return window.dlab.refreshes") > refreshes);
        int futures = Integer.parseInt(table.getAttribute("data-futures"));
        assertThat(futures).isBetween(1, 49);
        assertThat(driver.findElement(By.id("match")).getAttribute("data-total")).isEqualTo(String.valueOf(futures * 4));
        assertThat(driver.findElement(By.cssSelector("#compare-table tbody tr td:nth-of-type(1)")).getText()).isEqualTo(String.valueOf(futures));
        assertThat(driver.findElement(By.cssSelector("#compare-table tbody tr td:nth-of-type(3)")).getText()).isNotEqualTo(before);
        assertThat((String) js("return location.hash")).contains("f=War+end+year");
        // the runs table shows the filtered input, every value within the filter
        List<WebElement> head = driver.findElements(By.cssSelector("#runs thead th"));
        assertThat(head.get(2).getText()).isEqualTo("War end year");
        List<WebElement> years = driver.findElements(By.cssSelector("#runs tbody tr td:nth-of-type(2)"));
        assertThat(years).hasSize(Math.min(20, futures * 4));
        for (WebElement y : years) assertThat(Double.parseDouble(y.getText())).isLessThanOrEqualTo(2027.5);

        // PRIM on the chosen outcome, then the envelope chart as SVG
        driver.findElement(By.id("prim-cond")).clear();
        driver.findElement(By.id("prim-cond")).sendKeys("> 0.05");
        driver.findElement(By.id("prim-run")).click();
        waiting().until(d -> Boolean.TRUE.equals(js("return !!window.dlab.lastPrim")));
        assertThat(driver.findElement(By.id("prim-summary")).getText()).contains("runs");
        // the box's verdict (significant limits, or none) and a scatter of two inputs coloured by the condition
        System.err.println("BrowserTest: PRIM box " + js("return JSON.stringify(window.dlab.lastPrim.box)") + ", " + js("return window.dlab.lastPrim.limits.length") + " limits");
        if (Boolean.TRUE.equals(js("return !!window.dlab.lastPrim.box"))) checkScatter();
        driver.findElement(By.cssSelector("#envelope-chart .export-svg")).click();
        afterPrim();
    }

    private void checkScatter() {
        waiting().until(d -> !d.findElements(By.id("prim-scatter-canvas")).isEmpty()
                && d.findElement(By.id("prim-scatter-canvas")).getAttribute("data-points") != null);
        WebElement scatter = driver.findElement(By.id("prim-scatter-canvas"));
        assertThat(Integer.parseInt(scatter.getAttribute("data-points"))).isPositive();
        assertThat(Integer.parseInt(scatter.getAttribute("data-cases"))).isBetween(0, Integer.parseInt(scatter.getAttribute("data-points")));
        String verdict = driver.findElement(By.id("prim-verdict")).getText();
        if (!driver.findElements(By.cssSelector("#prim-limits tbody tr")).isEmpty()) assertThat(verdict).containsAnyOf("significant", "no interpretable region");
    }

    private void afterPrim() throws Exception {
        Document svg = checkSvg((String) js("return window.dlab.lastSvg"));
        assertThat(svg.getElementsByTagNameNS(SVG, "polygon").getLength()).isGreaterThanOrEqualTo(4);

        // the box dlab discover saved: shown with its limits, and usable as filters
        WebElement saved = driver.findElement(By.cssSelector("#saved .saved-discovery"));
        assertThat(saved.findElement(By.tagName("h4")).getText()).contains("P major conflict by 2035 > 0.05");
        assertThat(saved.findElement(By.cssSelector("tbody th")).getText()).isEqualTo("Maximum experience multiplier");
        long before2 = (Long) js("return window.dlab.refreshes");
        saved.findElement(By.tagName("button")).click();
        waiting().until(d -> (Long) js("return window.dlab.refreshes") > before2);
        assertThat(driver.findElements(By.cssSelector(".filter[data-input='Maximum experience multiplier']"))).hasSize(1);
        screenshot("explore.png");
    }

    @Test
    void modelPageSearchesEquationsAndPlotsAVariable() throws Exception {
        driver.get("http://127.0.0.1:" + server.port() + "/model.html");
        waiting().until(d -> Boolean.TRUE.equals(js("return window.dlab && window.dlab.modelReady === true")));
        int all = Integer.parseInt(driver.findElement(By.id("count")).getAttribute("data-shown"));
        assertThat(all).isGreaterThan(300);
        driver.findElement(By.id("search")).sendKeys("security guarantees level");
        waiting().until(d -> Integer.parseInt(d.findElement(By.id("count")).getAttribute("data-shown")) < all);
        WebElement card = driver.findElement(By.cssSelector(".eq[data-name='Security guarantees level']"));
        assertThat(card.findElement(By.cssSelector("pre.equation")).getText()).contains("Security guarantees ramped"); // korea v2: ramp-up and reversal
        card.findElement(By.cssSelector("button.eq-name")).click();
        waiting().until(d -> "Security guarantees level".equals(js("return window.dlab.plotted")));
        WebElement plot = driver.findElement(By.cssSelector("#plot .chart"));
        assertThat(Double.parseDouble(plot.getAttribute("data-last"))).isBetween(0.0, 1.0);

        // a node of the generated causal-loop diagram plots too
        driver.findElement(By.cssSelector("svg.cld g.node[data-name='Partnership depth']")).click();
        waiting().until(d -> "Partnership depth".equals(js("return window.dlab.plotted")));
        assertThat(driver.findElements(By.cssSelector("#figures img"))).isNotEmpty();
        screenshot("model.png");
    }
}
