package org.smtpeter.dashboard.boundary;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver through Selenium. Both paths are
 * given explicitly, so Selenium Manager never runs and nothing is downloaded; the browser gets a
 * fresh profile and is told not to talk to any service of its own.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int WIDTH = 1366;

    private final Path profile;
    private final ChromeDriver driver;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        File chromium = new File(System.getProperty("smtpeter.it.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("smtpeter.it.chromedriver", "/usr/bin/chromedriver"));
        boolean installed = chromium.canExecute() && chromedriver.canExecute();
        if (!installed && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        try {
            profile = Files.createTempDirectory("smtpeter-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-default-apps",
                "--metrics-recording-only", "--safebrowsing-disable-auto-update", "--password-store=basic",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    WebDriver driver() {
        return driver;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Opens a path of the application, e.g. {@code /dashboard/messages.xhtml?sender=...}. */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(By by) {
        return await(ExpectedConditions.presenceOfElementLocated(by));
    }

    String text(By by) {
        return find(by).getText();
    }

    void type(By by, String text) {
        WebElement input = find(by);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks and waits for the page that the click loads (the old one goes stale). */
    void clickAndWait(By by) {
        WebElement element = find(by);
        element.click();
        await(page -> isGone(element));
        await(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
    }

    /** Stale, or (as Chromium sometimes answers instead) no longer in the document. */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Saves the whole page (the window is made as tall as the page) to target/screenshots/NAME.png. */
    Path screenshot(String name) {
        Number height = (Number) script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(WIDTH, Math.min(Math.max(height.intValue() + 40, 700), 6000)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, 900));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
