package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium against a real daemon supervising a real fixture
 * service ({@code say.py}: prints "tick N" every second and any line written to {@code say.txt}).
 * Every test ends with an empty browser console; each page's screenshot lands in
 * {@code target/dashboard-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** The author: developer and lead, so only the self-approval rule stops them approving. */
    private static final TestDaemon.Token ANN = new TestDaemon.Token("ann", "ann-token-0123456789abcdef", "admin",
            "developer", "lead");
    private static final TestDaemon.Token LEE = new TestDaemon.Token("lee", "lee-token-0123456789abcdef", "admin", "lead");
    private static final TestDaemon.Token QUINN = new TestDaemon.Token("quinn", "quinn-token-0123456789abcd", "admin",
            "qa");
    private static final TestDaemon.Token VIC = new TestDaemon.Token("vic", "vic-token-0123456789abcdef", "read");

    private Path dir;

    @RegisterExtension
    final DashboardBrowser.Checks checks = new DashboardBrowser.Checks(() -> this.browser);
    private Daemon daemon;
    private DashboardBrowser browser;
    private ApiClient api;

    @BeforeAll
    void start(@TempDir Path tempDir) throws IOException {
        DashboardBrowser.assumeInstalled();
        DashboardBrowser.forgetFailures();
        dir = tempDir;
        Files.writeString(dir.resolve("say.py"), """
                import os, sys, time
                n = 0
                while True:
                    if os.path.exists('say.txt'):
                        with open('say.txt') as f:
                            print(f.read().strip(), flush=True)
                        os.remove('say.txt')
                    n += 1
                    if n % 10 == 0:
                        print('tick %d' % (n // 10), flush=True)
                    time.sleep(0.1)
                """);
        // One daemon and one browser for the class: starting Chromium per test would double the run.
        daemon = TestDaemon.withTokens(ANN, LEE, QUINN, VIC).config("""
                rateLimits:
                  read: {capacity: 10000, refill: 10000, period: 1s}
                  write: {capacity: 10000, refill: 10000, period: 1s}
                  stream: {capacity: 1000, refill: 1000, period: 1s}
                  asset: {capacity: 10000, refill: 10000, period: 1s}
                services:
                  talker:
                    command: [python3, -u, say.py]
                """).startIn(dir);
        api = new ApiClient(daemon.port());
        browser = DashboardBrowser.open(daemon.port());
    }

    /** Each test starts with the fixture running, whatever the one before did. */
    @BeforeEach
    void talkerRunning() {
        if (!ApiClient.json(api.get(ANN.token(), "/api/v1/services/talker")).get("state").asText().equals("running")) {
            api.postJson(ANN.token(), "/api/v1/services/talker/start", "{}");
        }
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
    void logIn_showsTheOverviewWithLiveCharts_andKeepsTheTokenInSessionStorageOnly() throws IOException {
        browser.logIn(ANN.token());

        assertThat(browser.find("#who").getText()).startsWith("ann (admin");
        WebElement cpu = browser.find("#chart-cpu");
        int first = points(cpu);
        browser.waiting().until(driver -> points(cpu) > Math.max(first, 1));
        browser.waiting().until(driver -> driver.findElement(By.id("live")).getText().equals("live"));
        assertThat(browser.all("#chart-memory canvas, #chart-disk canvas, #chart-load canvas")).hasSize(3);
        Map<String, Object> places = browser.tokenPlaces();
        assertThat(places.get("session")).isEqualTo(ANN.token());
        assertThat(places.get("cookie")).isEqualTo("");
        assertThat((String) places.get("url")).doesNotContain(ANN.token());
        assertThat((String) places.get("local")).doesNotContain(ANN.token());
        assertThat(browser.find("#alerts").isDisplayed()).as("no alerts API: banner hidden").isFalse();
        assertThat(browser.find("#no-sample").isDisplayed()).as("samples arrive").isFalse();

        // The first Tab stop is the skip link; Enter on it moves focus to the content, page unchanged.
        assertThat(browser.script("return document.querySelector('a[href], button, input, select, textarea')"
                + ".className")).isEqualTo("skip");
        browser.script("document.querySelector('.skip').focus()");
        assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("#main");
        assertThat(browser.find("#page h1").getText()).isEqualTo("Overview");
        browser.screenshot("overview");
        browser.phoneScreenshot("overview-phone");
    }

    @Test
    void servicePage_chartUpdates_andTheLogTailFollowsWhatTheServicePrints() throws Exception {
        browser.logIn(ANN.token());
        browser.go("#/services/talker");
        WebElement chart = browser.find("#chart-service-cpu");
        browser.waiting().until(driver -> points(chart) > 0);
        int before = points(chart);
        browser.waiting().until(driver -> points(chart) > before);
        browser.waiting().until(driver -> driver.findElement(By.id("log")).getText().contains("tick"));

        say("hello from the fixture " + System.nanoTime());
        String marker = lastSaid;
        browser.waiting().until(driver -> driver.findElement(By.id("log")).getText().contains(marker));

        browser.find("#log-search").sendKeys("hello from the fixture");
        browser.waiting().until(driver -> driver.findElement(By.id("log-count")).getText().startsWith("1 of"));
        assertThat(browser.find("#log mark").getText()).isEqualTo("hello from the fixture");
        browser.find("#log-pause").click();
        assertThat(browser.find("#log-pause").getAttribute("aria-pressed")).isEqualTo("true");
        say("hello from the fixture while paused");
        browser.waiting().until(driver -> driver.findElement(By.id("log-count")).getText().startsWith("paused"));
        assertThat(browser.find("#log").getText()).doesNotContain("while paused");
        browser.find("#log-pause").click();
        browser.waiting().until(driver -> driver.findElement(By.id("log")).getText().contains("while paused"));
        browser.screenshot("service");
    }

    @Test
    void stopAndStart_fromTheServicesTable_changeTheStateShown() throws IOException {
        browser.logIn(ANN.token());
        browser.go("#/services");
        browser.waiting().until(driver -> state().equals("running"));
        browser.waiting().until(driver -> !driver.findElements(By.cssSelector("tr[data-service=talker] .spark polyline[points*=',']")).isEmpty());
        browser.screenshot("services");

        // By keyboard: focus the button, Enter opens the dialog, Escape cancels it.
        WebElement stop = browser.find("tr[data-service=talker] button[data-action=stop]");
        stop.sendKeys(Keys.ENTER);
        browser.waiting().until(driver -> driver.findElement(By.id("confirm")).getAttribute("open") != null);
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waiting().until(driver -> driver.findElement(By.id("confirm")).getAttribute("open") == null);
        assertThat(state()).isEqualTo("running");

        stop.click();
        browser.confirm();
        browser.waiting().until(driver -> state().equals("stopped"));
        assertThat(ApiClient.json(api.get(ANN.token(), "/api/v1/services/talker")).get("state").asText()).isEqualTo("stopped");

        browser.find("tr[data-service=talker] button[data-action=start]").click();
        browser.confirm();
        browser.waiting().until(driver -> state().equals("running"));
        browser.phoneScreenshot("services-phone");
    }

    @Test
    void anAssessment_createdFromAFileByItsAuthor_isApprovedByASecondUser() throws IOException {
        browser.logIn(ANN.token());
        browser.go("#/risk");
        Path file = Files.writeString(dir.resolve("assessment.yaml"), GovernanceFixture.example("process-management.yaml"));
        browser.find("#new-file").sendKeys(file.toString()); // the upload fills the text area
        browser.waiting().until(driver -> driver.findElement(By.id("new-source")).getAttribute("value")
                .contains("Process management"));
        browser.find("#new-assessment button[type=submit]").click();
        browser.waiting().until(driver -> driver.getCurrentUrl().matches(".*#/risk/[0-9a-f-]{36}$"));
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/risk/", "");
        browser.find("#assessment-submit").click();
        browser.confirm();
        browser.waiting().until(driver -> driver.findElement(By.id("assessment-status")).getText().contains("in review"));
        assertThat(browser.all("#assessment-approve")).as("the author cannot approve their own").isEmpty();

        browser.logIn(LEE.token());
        browser.go("#/risk/" + id);
        assertThat(browser.find("#still-needed").getText()).contains("lead");
        browser.find("#assessment-approve").click();
        browser.confirm();
        browser.waiting().until(driver -> !driver.findElement(By.id("still-needed")).getText().contains("lead"));
        assertThat(browser.find("#still-needed").getText()).contains("qa");
        assertThat(browser.all("#assessment-approve")).as("lead is given; lee holds no other needed role").isEmpty();

        browser.logIn(QUINN.token());
        browser.go("#/risk/" + id);
        browser.find("#assessment-approve").click();
        browser.confirm();
        browser.waiting().until(driver -> driver.findElement(By.id("assessment-status")).getText().contains("approved"));
        assertThat(ApiClient.json(api.get(ANN.token(), "/api/v1/assessments/" + id)).at("/assessment/status").asText())
                .isEqualTo("approved");
        browser.screenshot("assessment");
        browser.go("#/risk");
        browser.find("#assessments tr[data-id='" + id + "']");
        browser.screenshot("risk");
    }

    @Test
    void doctor_showsACorruptPidFile_andAnAdminFixesIt_whileAReaderGetsNoFixButton() throws Exception {
        Path corrupt = Files.writeString(dir.resolve(".warden/ghost.pid"), "not a PID file");

        browser.logIn(VIC.token());
        browser.go("#/doctor");
        browser.waiting().until(driver -> driver.findElement(By.id("doctor-summary")).getText().contains("1 problem"));
        assertThat(browser.find("#doctor-report").getText()).contains("ghost.pid", "corrupt");
        assertThat(browser.all("#doctor-fix")).isEmpty();

        browser.logIn(ANN.token());
        browser.go("#/doctor");
        browser.waiting().until(driver -> driver.findElement(By.id("doctor-summary")).getText().contains("1 problem"));
        browser.screenshot("doctor");
        browser.find("#doctor-fix").click();
        browser.confirm();
        browser.waiting().until(driver -> driver.findElement(By.id("doctor-summary")).getText().contains("clean"));
        assertThat(browser.find("#doctor-report").getText()).contains("Actions taken", "cleared");
        assertThat(corrupt).doesNotExist();
        assertThat(browser.find("#doctor-fix").isDisplayed()).isFalse();
    }

    @Test
    void aReadOnlyUser_findsNoWriteButton_andAForgedWriteIsRefused() throws IOException {
        browser.logIn(VIC.token());
        browser.go("#/services");
        browser.waiting().until(driver -> state().equals("running"));
        assertThat(browser.all("button[data-action]")).isEmpty();
        browser.go("#/services/talker");
        browser.find("#facts dd");
        assertThat(browser.all("button[data-action]")).isEmpty();
        browser.go("#/risk");
        browser.find("#assessments tbody tr");
        assertThat(browser.all("#new-assessment")).isEmpty();
        browser.screenshot("read-only");

        Object status = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/services/talker/stop', {method: 'POST',
                    headers: {Authorization: 'Bearer ' + sessionStorage.getItem('warden.token')}})
                  .then(r => done(r.status), e => done(String(e)));""");
        assertThat(status).isEqualTo(403L);
        assertThat(ApiClient.json(api.get(ANN.token(), "/api/v1/services/talker")).get("state").asText()).isEqualTo("running");
        // The refused fetch is logged by the browser as a failed resource; nothing else may be.
        List<String> errors = browser.consoleErrors();
        assertThat(errors).allMatch(line -> line.contains("/api/v1/services/talker/stop") && line.contains("403"));
    }

    /** Its own daemon: a firing alert would show on this class's overview and its doctor. */
    @Test
    void alerts_showAFiringRule_anAdminSilencesIt_aReaderCannot_andDeploysRenderEmpty() throws IOException {
        try (Daemon alerting = TestDaemon.withTokens(ANN, VIC).config("""
                alerts:
                  rules:
                    - {name: worker-down, service: worker, metric: up, op: "<", critical: 1}
                services:
                  worker:
                    command: [sh, -c, "exit 0"]
                    restart: {policy: "no"}
                """).startIn(Files.createDirectories(dir.resolve("alerting")))) {
            // No wait for the first sample: the overview it lands on copes without one.
            DashboardBrowser other = DashboardBrowser.open(alerting.port());
            try {
                other.logIn(ANN.token());
                other.find("nav a[href='#/alerts']").click();
                other.waiting().until(driver -> !driver.findElements(
                        By.cssSelector("#alerts-active tr[data-alert=worker-down][data-state=firing]")).isEmpty());
                assertThat(other.find("#alerts-active tr[data-alert=worker-down]").getText())
                        .contains("firing", "critical", "worker");

                other.find("#silence-matchers").sendKeys("alertname=worker-down");
                other.find("#silence-comment").sendKeys("known crash");
                other.find("#silence-form button[type=submit]").click();
                other.waiting().until(driver -> driver.findElement(By.id("silences")).getText().contains("known crash"));
                assertThat(other.find("#silences").getText()).contains("alertname=\"worker-down\"", "ann");
                assertThat(other.all("#silences button.expire")).hasSize(1);
                other.screenshot("alerts");

                other.logIn(VIC.token());
                other.go("#/alerts");
                other.waiting().until(driver -> driver.findElement(By.id("silences")).getText().contains("known crash"));
                assertThat(other.all("#silence-form")).isEmpty();
                assertThat(other.all("#silences button")).isEmpty();

                other.find("nav a[href='#/deploys']").click();
                assertThat(other.find("#deploys-empty").getText()).startsWith("No deploys yet");
                other.screenshot("deploys");
                other.assertNoConsoleErrors();
            } finally {
                other.close();
            }
        }
    }

    private String lastSaid;

    /** Makes the fixture print {@code line}: written beside it, then renamed, so it never reads half. */
    private void say(String line) throws IOException {
        lastSaid = line;
        Path temp = Files.writeString(dir.resolve("say.tmp"), line);
        Files.move(temp, dir.resolve("say.txt"), StandardCopyOption.ATOMIC_MOVE);
    }

    private String state() {
        List<WebElement> badges = browser.all("tr[data-service=talker] td .badge");
        return badges.isEmpty() ? "" : badges.get(0).getAttribute("data-state");
    }

    private static int points(WebElement chart) {
        String points = chart.getAttribute("data-points");
        return points == null ? 0 : Integer.parseInt(points);
    }
}
