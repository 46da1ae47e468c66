package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default alert rules through a real daemon, its real doctor scan and request path, notified
 * to a real webhook receiver: each fires on a real condition and resolves when it ends, and a
 * receiver that is down gets each transition once when it is up again.
 */
@EnabledOnOs(OS.LINUX)
class AlertsDaemonTest {

    /** An argument no other test uses, so only this test's copies match the service's command. */
    private static final String SECONDS = Long.toString(700_000 + ProcessHandle.current().pid());

    private final WebhookReceiver receiver = WebhookReceiver.start();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().server("trustedProxies: [127.0.0.1]").config(dir -> """
            rateLimits:
              read: {capacity: 20, refill: 20, period: 1s}
            metrics: {doctorInterval: 1s}
            alerts:
              apiWindow: 3s
              receivers:
                - {name: hook, url: "%s", timeout: 2s, maxRetries: 20, backoff: 100ms}
              rules:
                - {name: api-429, for: 0s}
            services:
              worker:
                command: [sleep, "%s"]
              crasher:
                command: [sh, -c, "test -f ok || exit 3; exec sleep %s"]
                restart:
                  policy: always
                  backoff: {initial: 10ms, max: 50ms}
                  startLimit: {burst: 3, interval: 60s}
            """.formatted(receiver.url(), SECONDS, SECONDS + "1"));

    private final HttpClient http = HttpClient.newHttpClient();
    private Process copy;

    @AfterEach
    void stopCopyAndReceiver() {
        if (copy != null) {
            copy.destroyForcibly();
        }
        receiver.close();
    }

    @Test
    void aCopyStartedByHand_firesDuplicateCopies_andAReceiverDownGetsEachTransitionOnceWhenUp() throws Exception {
        receiver.down();
        copy = new ProcessBuilder("sleep", SECONDS).directory(daemon.dir().toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> state("duplicate-copies", "worker").equals("firing"));
        JsonNode firing = alert("duplicate-copies", "worker");
        assertThat(firing.path("severity").asText()).isEqualTo("critical");
        assertThat(metrics()).containsPattern("(?m)^warden_alerts_firing [1-9]");

        copy.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(60)).until(() -> state("duplicate-copies", "worker").equals("resolved"));
        assertThat(receiver.received()).isEmpty();

        receiver.up();
        await().atMost(Duration.ofSeconds(90)).until(() -> receiver.of("duplicate-copies", "worker").size() >= 2);
        Thread.sleep(3_000); // anything sent twice would arrive within this
        assertThat(receiver.of("duplicate-copies", "worker")).extracting(WebhookReceiver.Received::status)
                .containsExactly("firing", "resolved");
        assertThat(receiver.of("duplicate-copies", "worker")).extracting(WebhookReceiver.Received::startsAt)
                .containsOnly(firing.path("startsAt").asText());
        assertThat(Files.readString(daemon.dir().resolve(".warden/events.log")))
                .contains("\"kind\":\"alert\",\"alert\":\"duplicate-copies\"")
                .contains("\"to\":\"firing\"").contains("\"to\":\"resolved\"");
    }

    @Test
    void aCrashLoopHittingTheStartLimit_firesServiceFailed_andResolvesWhenTheServiceRuns() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> state("service-failed", "crasher").equals("firing"));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.of("service-failed", "crasher").size() == 1);

        Files.writeString(daemon.dir().resolve("ok"), "");
        HttpResponse<String> start = send("POST", "/api/v1/services/crasher/start", null);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.of("service-failed", "crasher").size() == 2);
        assertThat(receiver.of("service-failed", "crasher")).extracting(WebhookReceiver.Received::status)
                .containsExactly("firing", "resolved");
    }

    @Test
    void aFloodOf429s_firesApi429_andResolvesWhenItEnds() throws Exception {
        String token = daemon.adminToken();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + daemon.port() + "/health"))
                    .header("X-Forwarded-For", "10.1.2.3").header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isIn(200, 429, 503);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.of("api-429", null).isEmpty());
        assertThat(receiver.of("api-429", null).getFirst().status()).isEqualTo("firing");
        // No traffic after the flood: once the window is past, no data, which the rule treats as fine.
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.of("api-429", null).size() == 2);
        assertThat(receiver.of("api-429", null)).extracting(WebhookReceiver.Received::status)
                .containsExactly("firing", "resolved");
    }

    private String state(String name, String service) {
        JsonNode alert = alert(name, service);
        return alert == null ? "inactive" : alert.path("state").asText();
    }

    private JsonNode alert(String name, String service) {
        HttpResponse<String> response = send("GET", "/api/v1/alerts", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(ApiClient.json(response).path("alerts").spliterator(), false)
                .filter(a -> a.path("name").asText().equals(name)
                        && a.path("labels").path("service").asText().equals(service))
                .findFirst().orElse(null);
    }

    private String metrics() {
        return send("GET", "/metrics", null).body();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return new ApiClient(daemon.port()).send(daemon.adminToken(), method, path,
                body == null ? null : "application/json", body);
    }

}
