package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in headless Chromium, beside {@link DashboardBrowserTest}: the code a service runs
 * and its {@code stale} mark after its source is edited (gone after a restart), a real deploy rolled
 * back and its detail page, and the overview of a daemon that has no metrics sample yet. Every test
 * ends with an empty browser console; screenshots land in {@code target/dashboard-screenshots/}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardCodeAndDeploysTest {

    private static final TestDaemon.Token ANN = new TestDaemon.Token("ann", "ann-token-0123456789abcdef", "admin");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final int webPort = Fixtures.freePort();
    private Path dir;
    private Daemon daemon;
    private DashboardBrowser browser;
    private ApiClient api;

    @RegisterExtension
    final DashboardBrowser.Checks checks = new DashboardBrowser.Checks(() -> this.browser);

    @BeforeAll
    void start(@TempDir Path tempDir) throws IOException {
        DashboardBrowser.assumeInstalled();
        dir = tempDir;
        // Each service in its own workdir: editing one's source leaves the other current.
        Files.writeString(Files.createDirectories(dir.resolve("app")).resolve("app.py"), "import time\n"
                + "while True:\n    time.sleep(1)\n");
        Files.createDirectories(dir.resolve("web"));
        daemon = TestDaemon.withTokens(ANN).config("""
                rateLimits:
                  read: {capacity: 10000, refill: 10000, period: 1s}
                  write: {capacity: 10000, refill: 10000, period: 1s}
                  asset: {capacity: 10000, refill: 10000, period: 1s}
                update: {healthyDeadline: 10s, minHealthyTime: 300ms, window: 1s, interval: 100ms}
                services:
                  app:
                    command: [python3, -u, app.py]
                    workdir: app
                %s""".formatted(webService("v1", "good").indent(2))).startIn(dir);
        api = new ApiClient(daemon.port());
        browser = DashboardBrowser.open(daemon.port());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void editedSource_marksTheServiceStale_inTheTableAndOnItsPage_untilARestart() throws IOException {
        browser.logIn(ANN.token());
        browser.go("#/services");
        browser.waiting().until(driver -> code("app").equals("false"));
        assertThat(browser.find("tr[data-service=app] td[data-label=Code]").getText()).startsWith("no git")
                .contains("files").doesNotContain("stale");

        Files.writeString(dir.resolve("app/app.py"), "import time\n# version 2\nwhile True:\n    time.sleep(1)\n");

        browser.waiting().until(driver -> code("app").equals("true"));
        assertThat(browser.find("tr[data-service=app] td[data-label=Code] .badge").getText()).isEqualTo("stale");
        assertThat(code("web")).as("the other service's files did not change").isEqualTo("false");
        browser.screenshot("services-stale");
        browser.go("#/services/app");
        browser.waiting().until(driver -> driver.findElement(By.id("facts")).getText()
                .contains("app.py changed after this process started"));
        browser.screenshot("service-stale");

        browser.find("button[data-action=restart]").click();
        browser.confirm();
        browser.waiting().until(driver -> !driver.findElements(By.cssSelector("#facts .code[data-stale=false]")).isEmpty());
        assertThat(browser.find("#facts").getText()).doesNotContain("Stale");
        browser.go("#/services");
        browser.waiting().until(driver -> code("app").equals("false"));
    }

    @Test
    void aDeployRolledBack_showsInTheTimeline_andItsDetailHasTheStepsAndTheReason() throws IOException {
        String body = "{\"spec\": " + new ObjectMapper().writeValueAsString(webService("v2", "crash").lines().skip(1)
                .map(line -> line.substring(2) + "\n").reduce("", String::concat)) + ", \"specFile\": \"web.yaml\"}";
        String id = ApiClient.json(api.postJson(ANN.token(), "/api/v1/services/web/deploy", body)).path("id").asText();
        JsonNode deploy = await().atMost(PATIENCE).until(() -> ApiClient.json(api.get(ANN.token(),
                "/api/v1/deploys/" + id)).path("deploy"), d -> d.path("phase").asText().equals("rolled_back"));
        String reason = deploy.path("reason").asText();
        assertThat(reason).isNotBlank();

        browser.logIn(ANN.token());
        browser.find("nav a[href='#/deploys']").click();
        String row = browser.find("#deploys tr[data-id='" + id + "']").getText();
        assertThat(row).contains("web", "rolled back", "unhealthy", "ann", reason);
        browser.screenshot("deploys-rolled-back");

        browser.find("#deploys tr[data-id='" + id + "'] a").click();
        String facts = browser.find("#deploy-facts").getText();
        assertThat(facts).contains("rolled back", "unhealthy", reason, "ann");
        assertThat(browser.find("#deploy").getText()).contains("v2");
        List<String> phases = browser.all("#deploy tbody .badge").stream().map(el -> el.getAttribute("data-state"))
                .toList();
        assertThat(phases).contains("applying", "rolled_back");
        browser.screenshot("deploy-detail");
    }

    @Test
    void aDaemonWithoutASampleYet_answersEmptyHistory_andItsOverviewShowsNoError() throws IOException {
        // Samples every 10 minutes: the first comes long after this test ends.
        try (Daemon fresh = TestDaemon.withTokens(ANN).config("metrics: {interval: 10m}\n")
                .startIn(Files.createDirectories(dir.resolve("fresh")))) {
            ApiClient client = new ApiClient(fresh.port());
            JsonNode history = ApiClient.json(client.get(ANN.token(), "/api/v1/system/history?metric=load.1"));
            assertThat(history.path("metric").asText()).isEqualTo("load.1");
            assertThat(history.path("epochMillis")).isEmpty();
            assertThat(history.path("values")).isEmpty();
            assertThat(client.get(ANN.token(), "/api/v1/system").statusCode()).isEqualTo(503);
            assertThat(client.get(ANN.token(), "/api/v1/system/history?metric=nope").body())
                    .contains("unknown metric 'nope'", "cpu.total");

            DashboardBrowser other = DashboardBrowser.open(fresh.port());
            try {
                other.logIn(ANN.token());
                other.waiting().until(driver -> "0".equals(driver.findElement(By.id("chart-load")).getAttribute(
                        "data-points")));
                assertThat(other.all("#chart-cpu canvas, #chart-memory canvas, #chart-disk canvas")).hasSize(3);
                assertThat(other.find("#no-sample").getText()).startsWith("No metrics sample yet");
                other.screenshot("overview-fresh");
                other.assertNoConsoleErrors();
            } finally {
                other.close();
            }
        }
    }

    /** The deploy module's fixture as service {@code web}: {@code fixture_service.py PORT VERSION MODE}. */
    private String webService(String version, String mode) {
        return """
                web:
                  command: [python3, "%s", "%d", %s, %s]
                  workdir: web
                  port: %d
                  health: {http: "http://127.0.0.1:%d/health", interval: 100ms}
                """.formatted(DeployApiTest.FIXTURE, webPort, version, mode, webPort, webPort);
    }

    /** The row's {@code data-stale}: "true", "false", or "" while it shows no code stamp. */
    private String code(String service) {
        List<WebElement> stamps = browser.all("tr[data-service=" + service + "] .code");
        return stamps.isEmpty() ? "" : stamps.get(0).getAttribute("data-stale");
    }
}
