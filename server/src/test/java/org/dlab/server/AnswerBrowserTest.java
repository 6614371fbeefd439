package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.dlab.workbench.compare.Comparison;
import org.dlab.workbench.compare.PolicyComparison;
import org.dlab.workbench.report.Report;
import org.dlab.workbench.run.Progress;
import org.dlab.workbench.sample.SamplerKind;
import org.dlab.workbench.study.BoundStudy;
import org.dlab.workbench.study.Study;
import org.dlab.workbench.study.StudyParser;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The answer, as a reader meets it in headless Chromium: the report's answer section agrees with
 * {@code dlab compare} run independently over the same futures, no table is wider than a 1,366 px
 * window, and the folded report is short; the simulator shows its headline figures, fits 1024x768,
 * and redraws its chart within 50 ms (90th percentile) of each slider step. With
 * {@code -Ddlab.docimg=DIR} the screenshots are also written there (the README's images).
 */
class AnswerBrowserTest {
    static final int FUTURES = 60;
    static final long SEED = 3;
    static SimulatorServer server;
    static ChromeDriver driver;
    static Path report;
    static Path korea;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(BrowserTest.CHROMIUM) && Files.isExecutable(BrowserTest.DRIVER);
        if (!present) System.err.println("AnswerBrowserTest SKIPPED: needs /usr/bin/chromium and /usr/bin/chromedriver");
        Assumptions.assumeTrue(present, "needs /usr/bin/chromium and /usr/bin/chromedriver");
        Path stores = Path.of("target", "test-stores", "answer").toAbsolutePath();
        korea = TestStores.korea(stores, "korea" + FUTURES, FUTURES);
        report = stores.resolve("report.html");
        Report.write(korea, report);
        server = SimulatorServer.start(ApiTest.repo().resolve("models/korea/study.yaml"), List.of(), List.of(stores), "127.0.0.1", 0);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(BrowserTest.CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,768");
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(BrowserTest.DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(svc, o);
    }

    @AfterAll
    static void stop() {
        if (driver != null) driver.quit();
        if (server != null) server.close();
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** A screenshot of the page's top {@code height} pixels in target/screenshots, and in -Ddlab.docimg when given. */
    static void screenshot(String name, int width, int height) throws Exception {
        driver.manage().window().setSize(new Dimension(width, height));
        js("window.scrollTo(0, 0)");
        Thread.sleep(200);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve(name), png);
        String doc = System.getProperty("dlab.docimg");
        if (doc != null && !doc.isBlank()) Files.write(Files.createDirectories(Path.of(doc)).resolve(name), png);
        assertThat(png.length).isGreaterThan(10_000);
    }

    @Test
    void theReportAnswersFirstWithCompareFiguresAndFitsTheWindow() throws Exception {
        driver.manage().window().setSize(new Dimension(1366, 768));
        driver.get(report.toUri().toString());
        waiting().until(d -> js("return document.body.getAttribute('data-charts')") != null);
        // the independent reference: dlab compare's own runs (in memory) over the same sampled futures
        BoundStudy b = BoundStudy.bind(StudyParser.parse(ApiTest.repo().resolve("models/korea/study.yaml")));
        List<String> policies = b.study().policies().stream().map(Study.Policy::name).toList();
        Comparison c = PolicyComparison.run(b, policies, SamplerKind.LHS, FUTURES, SEED, 2, Progress.NONE, null, null);
        String reference = policies.get(0);
        List<WebElement> headlines = driver.findElements(By.cssSelector("#answer .headline"));
        assertThat(headlines).isNotEmpty();
        int checked = 0;
        for (WebElement h : headlines) {
            String outcome = h.getAttribute("data-outcome");
            Comparison.OutcomeStats s = c.stats().stream().filter(x -> x.outcome().name().equals(outcome)).findFirst().orElseThrow();
            for (WebElement row : h.findElements(By.cssSelector("tr[data-policy]"))) {
                int p = policies.indexOf(row.getAttribute("data-policy"));
                String beats = row.findElement(By.cssSelector("td.beats")).getAttribute("data-value");
                if (p == 0) assertThat(beats).isEmpty();
                else assertThat(Double.parseDouble(beats)).as(outcome + " " + policies.get(p) + " beats " + reference).isCloseTo(s.beats()[p][0], within(1e-12));
                double median = Double.parseDouble(row.findElement(By.cssSelector("td.median")).getAttribute("data-value"));
                assertThat(median).as(outcome + " median of " + policies.get(p)).isCloseTo(s.median()[p], within(1e-12));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(headlines.size() * policies.size());
        assertThat(driver.findElement(By.id("title")).getText()).isNotEmpty().doesNotStartWith("Report:");
        long folded = (Long) js("return document.documentElement.scrollHeight");
        double screens = folded / 768.0;
        System.err.printf("AnswerBrowserTest: folded report %d px = %.1f screens of 768 px; %d headline figures equal dlab compare's%n", folded, screens, checked);
        assertThat(screens).isLessThan(15);
        screenshot("report-answer.png", 1366, 1100);
        // unfold everything: no table may reach past a 1,366 px window
        driver.manage().window().setSize(new Dimension(1366, 768));
        js("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
        @SuppressWarnings("unchecked")
        List<Object> wide = (List<Object>) js("return [...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > "
                + "document.documentElement.clientWidth + 1).map((t) => (t.closest('section') || {}).id + ': ' + Math.round(t.getBoundingClientRect().width) + ' px')");
        assertThat(wide).as("tables wider than the window").isEmpty();
        long unfolded = (Long) js("return document.documentElement.scrollHeight");
        System.err.printf("AnswerBrowserTest: unfolded report %d px%n", unfolded);
    }

    @Test
    void theSimulatorShowsHeadlinesFits1024AndFollowsTheSlider() throws Exception {
        driver.manage().window().setSize(new Dimension(1024, 768));
        driver.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(d -> Boolean.TRUE.equals(js("return window.dlab && window.dlab.ready === true")));
        List<WebElement> figures = driver.findElements(By.cssSelector("#headline .figure"));
        assertThat(figures).isNotEmpty();
        assertThat(figures.get(0).getText()).contains("P(major conflict) by").contains("%").contains("pts");
        // levers: the start year sits beside its intensity, in the same row
        WebElement row = driver.findElement(By.cssSelector("input[data-lever='Security guarantees intensity']")).findElement(By.xpath("ancestor::div[@class='lever']"));
        assertThat(row.findElements(By.cssSelector("input[data-lever='Security guarantees start year']"))).hasSize(1);
        assertThat((Long) js("return document.documentElement.scrollWidth")).as("no sideways scrolling at 1024 px").isLessThanOrEqualTo(1024L);
        WebElement main = driver.findElement(By.cssSelector(".chart.main"));
        assertThat(main.getRect().getWidth()).isGreaterThan(500);
        // the lever's panel
        driver.findElement(By.cssSelector(".lever-name")).click();
        assertThat(driver.findElement(By.id("lever-panel")).getText()).contains("0 = none, 1 = strongest plausible effort");
        driver.findElement(By.cssSelector("#lever-panel .close")).click();
        screenshot("simulator.png", 1024, 768);
        driver.manage().window().setSize(new Dimension(1024, 768));

        // a drag by keyboard: every key press is an input event; each must reach a redrawn chart quickly
        WebElement lever = driver.findElement(By.cssSelector("input[data-lever='Security guarantees intensity']"));
        lever.sendKeys(Keys.HOME);
        waiting().until(d -> (Long) js("return window.dlab.runs") > 0 && Boolean.FALSE.equals(js("return window.dlab.busy()")));
        List<Double> all = new ArrayList<>();
        // round 0 warms the JIT of the server's run and JSON paths and is not counted
        for (int round = 0; round < 4; round++) {
            js("window.dlab.latencies = []");
            Actions a = new Actions(driver);
            for (int i = 0; i < 25; i++) a.sendKeys(lever, Keys.ARROW_RIGHT).pause(Duration.ofMillis(16));
            a.perform();
            waiting().until(d -> Boolean.FALSE.equals(js("return window.dlab.busy()")) && ((Number) js("return window.dlab.latencies.length")).intValue() >= 25);
            @SuppressWarnings("unchecked")
            List<Number> l = (List<Number>) js("return window.dlab.latencies");
            if (round > 0) for (Number n : l) all.add(n.doubleValue());
        }
        Collections.sort(all);
        double p50 = all.get((int) Math.floor(0.5 * (all.size() - 1)));
        double p90 = all.get((int) Math.ceil(0.9 * (all.size() - 1)));
        System.err.printf("AnswerBrowserTest: slider input to redrawn chart over %d inputs: median %.1f ms, p90 %.1f ms, max %.1f ms%n", all.size(), p50, p90,
                all.get(all.size() - 1));
        System.err.println("AnswerBrowserTest: last timings [fetch ms, draw ms, server ms]: " + js("return JSON.stringify(window.dlab.timings.slice(-8))"));
        // 50 ms is the bound on a machine with a core free for the browser and one for the server; on an
        // overloaded one (load average above the core count) the figure measures the queue for the CPU,
        // so it is printed and held to a looser bound instead
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (load >= 0 && load > cores) {
            System.err.printf("AnswerBrowserTest: NOTICE load average %.1f on %d cores: p90 checked against 150 ms, not 50 ms%n", load, cores);
            assertThat(p90).isLessThan(150);
        } else {
            assertThat(p90).isLessThan(50);
        }
    }
}
