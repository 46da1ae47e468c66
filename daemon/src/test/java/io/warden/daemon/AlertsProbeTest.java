package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The health probes' metrics through a real daemon and a real HTTP service: the default
 * {@code probe-failures} rule fires when the service's health endpoint answers 500 and resolves
 * when it answers 200 again, and a healthy service has a probe latency.
 */
@EnabledOnOs(OS.LINUX)
class AlertsProbeTest {

    /** Answers GET /health with 200, or 500 while a file {@code sick} is in its folder. */
    private static final String FIXTURE = """
            import os, sys
            from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
            class Handler(BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(500 if os.path.exists("sick") else 200)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                def log_message(self, *args):
                    pass
            ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
            """;

    private final int port = Fixtures.freePort();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config(dir -> {
        Fixtures.write(dir.resolve("fixture.py"), FIXTURE);
        return """
                alerts:
                  interval: 200ms
                  rules:
                    - {name: probe-failures, for: 0s}
                    - {name: probe-latency-seen, service: web, metric: probeLatency, op: ">=", critical: 0}
                services:
                  web:
                    command: [python3, -u, fixture.py, "%d"]
                    port: %d
                    health: {http: "http://127.0.0.1:%d/health", interval: 200ms, timeout: 2s}
                """.formatted(port, port, port);
    });

    @Test
    void aHealthEndpointAnswering500_firesProbeFailures_andResolvesWhenItAnswers200() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> state("probe-latency-seen").equals("firing"));
        double latency = alert("probe-latency-seen").path("value").asDouble(-1);
        assertThat(latency).as("seconds of the latest probe").isGreaterThan(0).isLessThan(2);
        assertThat(state("probe-failures")).isNotEqualTo("firing");

        Files.writeString(daemon.dir().resolve("sick"), "");
        await().atMost(Duration.ofSeconds(60)).until(() -> state("probe-failures").equals("firing")
                && alert("probe-failures").path("severity").asText().equals("critical"));

        Files.delete(daemon.dir().resolve("sick"));
        // Resolved once the last 10 probes all passed.
        await().atMost(Duration.ofSeconds(60)).until(() -> state("probe-failures").equals("resolved"));
    }

    private String state(String name) {
        JsonNode alert = alert(name);
        return alert == null ? "inactive" : alert.path("state").asText();
    }

    private JsonNode alert(String name) {
        HttpResponse<String> response = new ApiClient(daemon.port()).send(daemon.adminToken(), "GET",
                "/api/v1/alerts", null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(ApiClient.json(response).path("alerts").spliterator(), false)
                .filter(a -> a.path("name").asText().equals(name)
                        && a.path("labels").path("service").asText().equals("web"))
                .findFirst().orElse(null);
    }
}
