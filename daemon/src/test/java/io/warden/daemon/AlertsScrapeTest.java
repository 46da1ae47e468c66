package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules on a value scraped from a supervised service's Prometheus endpoint, through a real daemon:
 * a fixture HTTP service (Python) that answers 500s (its counter of 5xx rises), that answers
 * slowly (past {@code scrapeTimeout}), and that is down. Each fires and resolves; a target down or
 * a series missing is {@code error} or {@code nodata}, never fine.
 */
@EnabledOnOs(OS.LINUX)
class AlertsScrapeTest {

    /** Counts a 500 per scrape while ./errors exists; answers after 3 s while ./slow exists. */
    private static final String FIXTURE = """
            import os, sys, time
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            errors = 0
            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    global errors
                    if os.path.exists("slow"):
                        time.sleep(3)
                    if os.path.exists("errors"):
                        errors += 1
                    body = ('# TYPE http_requests_total counter\\n'
                            'http_requests_total{code="200"} 5\\n'
                            'http_requests_total{code="500"} %d\\n' % errors).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; version=0.0.4")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
            """;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final int port = Fixtures.freePort();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config(dir -> {
        Fixtures.write(dir.resolve("fixture.py"), FIXTURE);
        String target = "prometheus:http://127.0.0.1:" + port + "/metrics#";
        return """
                alerts:
                  scrapeTimeout: 500ms
                  receivers:
                    - {name: hook, url: "%s", timeout: 2s, maxRetries: 5, backoff: 100ms}
                  rules:
                    - {name: backend-5xx, service: backend, metric: "%srate(http_requests_total{code=~'5..'}[5s])", op: ">", critical: 0, noData: keep}
                    - {name: backend-requests, service: backend, metric: "%shttp_requests_total", op: ">", critical: 1e12}
                    - {name: backend-missing, service: backend, metric: "%sno_such_series", op: ">", critical: 0}
                services:
                  backend:
                    command: [python3, -u, fixture.py, "%d"]
                    port: %d
                """.formatted(receiver.url(), target, target, target, port, port);
    });

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aServiceAnswering500s_firesTheScrapeRule_andResolvesWhenTheyStop() throws Exception {
        int before = settled("backend-5xx");
        Files.writeString(daemon.dir().resolve("errors"), "");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.of("backend-5xx", "backend").size() == before + 1);
        WebhookReceiver.Received firing = receiver.of("backend-5xx", "backend").get(before);
        assertThat(firing.status()).isEqualTo("firing");
        assertThat(firing.alert().path("labels").has("alertstate")).as("a value, not an error").isFalse();
        Files.delete(daemon.dir().resolve("errors"));
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.of("backend-5xx", "backend").size() == before + 2);
        assertThat(receiver.of("backend-5xx", "backend").get(before + 1).status()).isEqualTo("resolved");
    }

    @Test
    void aSlowTarget_isAnErrorAlert_untilItAnswersInTimeAgain() throws Exception {
        int before = settled("backend-requests");
        Files.writeString(daemon.dir().resolve("slow"), "");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.of("backend-requests", "backend").size() == before + 1);
        JsonNode firing = receiver.of("backend-requests", "backend").get(before).alert();
        assertThat(firing.path("status").asText()).isEqualTo("firing");
        assertThat(firing.path("labels").path("alertstate").asText()).isEqualTo("error");
        Files.delete(daemon.dir().resolve("slow"));
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.of("backend-requests", "backend").size() == before + 2);
        assertThat(receiver.of("backend-requests", "backend").get(before + 1).status()).isEqualTo("resolved");
    }

    @Test
    void aTargetDown_orASeriesMissing_isErrorOrNodata_neverOk() throws Exception {
        settled("backend-requests");
        assertThat(state("backend-missing")).isEqualTo("nodata");
        assertThat(new ApiClient(daemon.port()).post(daemon.adminToken(), "/api/v1/services/backend/stop", null, null)
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> state("backend-requests").equals("error"));
        JsonNode alert = alert("backend-requests");
        assertThat(alert.path("labels").path("alertstate").asText()).isEqualTo("error");
        assertThat(alert.path("annotations").path("reason").asText()).isNotEmpty();
        assertThat(state("backend-missing")).isIn("nodata", "error");
    }

    /**
     * Waits until the fixture answers scrapes (the missing series reads as no data) and the rule
     * is quiet with every notification of it received: while the service starts, its target
     * refuses connections, which is an error alert that resolves a moment later. Returns how
     * many notifications of the rule the receiver has.
     */
    private int settled(String rule) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            int count = receiver.of(rule, "backend").size();
            boolean quiet = state("backend-missing").equals("nodata") && Set.of("inactive", "resolved").contains(state(rule))
                    && count % 2 == 0;
            return quiet ? count : -1;
        }, count -> count >= 0);
    }

    private String state(String name) {
        JsonNode alert = alert(name);
        return alert == null ? "inactive" : alert.path("state").asText();
    }

    private JsonNode alert(String name) {
        for (JsonNode alert : ApiClient.json(new ApiClient(daemon.port()).get(daemon.adminToken(), "/api/v1/alerts"))
                .path("alerts")) {
            if (alert.path("name").asText().equals(name)) {
                return alert;
            }
        }
        return null;
    }
}
