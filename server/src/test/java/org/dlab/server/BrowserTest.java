package org.dlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The simulator page end to end in headless Chromium (Debian's chromium + chromium-driver):
 * load, move a lever, see the main chart change, switch on the bands, export CSV, screenshot.
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
        server = SimulatorServer.start(ApiTest.repo().resolve("models/korea/study.yaml"), List.of(), "127.0.0.1", 0);
        downloads = Files.createDirectories(Path.of("target", "downloads").toAbsolutePath());
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1250");
        o.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        ChromeDriverService svc = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(svc, o);
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
        assertThat(driver.findElements(By.cssSelector("#levers input[type=range]"))).hasSize(22);

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
        assertThat(lines[lines.length - 1].split(",")).hasSize(6);
        main.findElement(By.cssSelector(".export-png")).click();

        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(shots.resolve("simulator.png"), png);
        assertThat(png.length).isGreaterThan(10_000);

        // the state in the hash survives a reload: a policy button and the toggle
        driver.get("http://127.0.0.1:" + server.port() + "/#policy=disengage&unc=1");
        driver.navigate().refresh();
        waiting().until(d -> Boolean.TRUE.equals(js("return window.dlab && window.dlab.ready === true")));
        assertThat(driver.findElement(By.cssSelector("#policies button.active")).getText()).isEqualTo("disengage");
        assertThat(driver.findElement(By.id("uncertainty")).isSelected()).isTrue();
        File[] got = downloads.toFile().listFiles();
        System.err.println("BrowserTest: downloads " + (got == null ? "none" : List.of(got)));
    }
}
