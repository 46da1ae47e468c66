package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, pointed at by path so that Selenium
 * Manager never downloads anything. Without the two packages the tests are skipped with a message,
 * except under {@code CI=true}, where that is a failure ({@code bin/install-test-deps} installs them).
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final WebDriverWait wait;
    private boolean loginShot;

    private DashboardBrowser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        // Pages redraw rows and badges as pushes arrive: an element found a moment ago may be replaced.
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(100));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** Skips (or fails under CI) when Chromium or its driver is not installed. */
    static void assumeInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: bin/install-test-deps installs chromium and chromium-driver");
        }
        Assumptions.assumeTrue(installed, "dashboard browser tests skipped: install chromium and chromium-driver "
                + "(apt-get install -y chromium chromium-driver, or bin/install-test-deps as root)");
    }

    /** Deletes the failure screenshots of an earlier run, so that those present belong to this one. */
    static void forgetFailures() throws IOException {
        if (Files.isDirectory(SCREENSHOTS)) {
            try (var files = Files.list(SCREENSHOTS)) {
                for (Path file : files.filter(f -> f.getFileName().toString().startsWith("failed-")).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** A browser at 1280x720 on the dashboard of the daemon on {@code port}. */
    static DashboardBrowser open(int port) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,720");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 720));
        return new DashboardBrowser(driver, "http://127.0.0.1:" + port);
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return wait;
    }

    /**
     * Opens the page, signs out whoever is signed in (with the page's button), and signs in with
     * {@code token}, typed and sent with Enter as a person would.
     */
    void logIn(String token) throws IOException {
        driver.get(base + "/");
        wait.until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("token")),
                ExpectedConditions.visibilityOfElementLocated(By.id("logout"))));
        if (driver.findElement(By.id("logout")).isDisplayed()) {
            driver.findElement(By.id("logout")).click();
        }
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        assertThat(driver.findElement(By.id("top")).isDisplayed()).as("no navigation while signed out").isFalse();
        if (!loginShot) {
            screenshot("login");
            loginShot = true;
        }
        field.sendKeys(token + "\n");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("top")));
    }

    /** Goes to a page of the dashboard, {@code #/services} for example. */
    void go(String hash) {
        driver.get(base + "/" + hash);
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Clicks OK in the confirmation dialog. */
    void confirm() {
        wait.until(driver -> driver.findElement(By.id("confirm")).getAttribute("open") != null);
        driver.findElement(By.id("confirm-ok")).click();
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Runs an async script (its last argument is the callback) and returns what it passed back. */
    Object asyncScript(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /**
     * Writes a PNG of the whole page (not only the window: the viewport is stretched to the page's
     * height for the shot) to target/dashboard-screenshots/NAME.png, for a person to look at.
     */
    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        long width = (Long) driver.executeScript("return window.innerWidth");
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", Math.min(height, 6000), "deviceScaleFactor", 1, "mobile", false));
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** The same at a phone's width (390 x 844), then back to 1280 x 720. */
    void phoneScreenshot(String name) throws IOException {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 720));
        }
    }

    /** The browser console's errors since the last call (warnings and info are ignored). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Asserts the console shows no errors since the last read. */
    void assertNoConsoleErrors() {
        assertThat(consoleErrors()).as("browser console errors").isEmpty();
    }

    /** {@code sessionStorage}, {@code document.cookie} and the URL, to check where the token is kept. */
    Map<String, Object> tokenPlaces() {
        @SuppressWarnings("unchecked")
        Map<String, Object> places = (Map<String, Object>) driver.executeScript(
                "return {session: sessionStorage.getItem('warden.token'), cookie: document.cookie, url: location.href,"
                        + " local: JSON.stringify(localStorage)}");
        return places;
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * For a test class driving one browser: after each test the console must show no errors, and
     * a failed test leaves a screenshot of what the browser showed ({@code failed-METHOD.png}).
     */
    static final class Checks implements AfterEachCallback, TestWatcher {

        private final Supplier<DashboardBrowser> browser;

        /** {@code browser}: the class's browser, null until it is open. */
        Checks(Supplier<DashboardBrowser> browser) {
            this.browser = browser;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (browser.get() != null) {
                browser.get().assertNoConsoleErrors();
            }
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                if (browser.get() != null) {
                    browser.get().screenshot("failed-" + context.getRequiredTestMethod().getName());
                }
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
