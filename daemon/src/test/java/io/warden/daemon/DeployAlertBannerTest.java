package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/** A rolled-back deploy's {@code DeployRolledBack} alert in the dashboard's alerts banner (headless Chromium). */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DeployAlertBannerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    // The restored worker must be healthy within healthyDeadline too: generous for a loaded machine. The
    // crashing version does not wait it out: its start limit fails it after about 3 s.
    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(TestDaemon.ADMIN).config("""
            alerts: {defaults: false}
            update: {healthyDeadline: 30s, minHealthyTime: 200ms, window: 1s, interval: 100ms}
            services:
              worker:
                command: [/bin/sh, -c, "exec sleep 1000"]
            """);

    @BeforeAll
    static void browserInstalled() {
        DashboardBrowser.assumeInstalled();
    }

    @Test
    void aRolledBackDeploy_showsInTheOverviewsAlertsBanner() throws IOException {
        ApiClient api = new ApiClient(daemon.port());
        HttpResponse<String> accepted = api.postJson(TestDaemon.ADMIN.token(), "/api/v1/services/worker/deploy",
                "{\"spec\": \"command: [/bin/sh, -c, 'exit 3']\", \"specFile\": \"worker.yaml\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> StreamSupport.stream(json(api.get(TestDaemon.ADMIN.token(),
                "/api/v1/alerts")).path("alerts").spliterator(), false)
                .anyMatch(a -> a.path("name").asText().equals("DeployRolledBack")
                        && a.path("state").asText().equals("firing")));
        await().atMost(PATIENCE).until(() -> api.get(TestDaemon.ADMIN.token(),
                "/api/v1/system/history?metric=cpu.total").statusCode() == 200);

        DashboardBrowser browser = DashboardBrowser.open(daemon.port());
        try {
            browser.logIn(TestDaemon.ADMIN.token());
            browser.waiting().until(driver -> driver.findElement(By.id("alerts")).isDisplayed());
            assertThat(browser.find("#alerts").getText()).contains("1 alert(s) firing", "DeployRolledBack");
            browser.screenshot("deploy-alert-banner");
            browser.assertNoConsoleErrors();
        } finally {
            browser.close();
        }
    }
}
