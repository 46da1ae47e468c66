package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Hosts page in headless Chromium, on a real daemon with SQLite storage: the fleet is this agent
 * alone, shown running with its services counted (one of two stopped through the API). Ends with an
 * empty browser console; screenshots in {@code target/dashboard-screenshots/}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardHostsTest {

    private Daemon daemon;
    private DashboardBrowser browser;

    @RegisterExtension
    final DashboardBrowser.Checks checks = new DashboardBrowser.Checks(() -> this.browser);

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        DashboardBrowser.assumeInstalled();
        daemon = TestDaemon.withTokens(TestDaemon.VIEWER, TestDaemon.ADMIN).config("""
                fleet: {heartbeat: 200ms}
                services:
                  app:
                    command: [python3, -c, "import time; time.sleep(600)"]
                  spare:
                    command: [python3, -c, "import time; time.sleep(600)"]
                """).startIn(dir);
        ApiClient api = new ApiClient(daemon.port());
        assertThat(ApiClient.json(api.get(TestDaemon.ADMIN.token(), "/health")).path("components").has("fleet"))
                .as("SQLite: no shared registry, no heartbeat to report").isFalse();
        assertThat(api.postJson(TestDaemon.ADMIN.token(), "/api/v1/services/spare/stop", "{}").statusCode()).isEqualTo(200);
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
    void theHostsPage_listsThisAgentRunning_withItsServicesCounted() throws IOException {
        browser.logIn(TestDaemon.VIEWER.token());
        WebElement link = browser.find("nav a[href='#/hosts']");
        assertThat(link.isDisplayed()).as("linked: the server has GET /api/v1/hosts").isTrue();
        link.sendKeys(Keys.ENTER);

        browser.waiting().until(driver -> browser.all("#hosts tr[data-host] .host-services").stream()
                .anyMatch(cell -> cell.getText().equals("2 (1 running)")));
        assertThat(browser.all("#hosts tr[data-host]")).hasSize(1);
        WebElement row = browser.find("#hosts tr[data-host]");
        assertThat(row.getText()).contains("(this agent)", "http://127.0.0.1:" + daemon.port());
        assertThat(browser.find("#hosts tr[data-host] td[data-label=Version]").getText()).isNotBlank();
        WebElement state = browser.find("#hosts tr[data-host] .host-state .badge");
        assertThat(state.getText()).isEqualTo("running");
        assertThat(state.getAttribute("data-state")).isEqualTo("running");
        assertThat(browser.find("#hosts-scope").getText()).contains("SQLite", "this agent alone");
        assertThat(browser.find("nav a[href='#/hosts']").getAttribute("aria-current")).isEqualTo("page");
        browser.screenshot("hosts");
        browser.phoneScreenshot("hosts-phone");
    }
}
