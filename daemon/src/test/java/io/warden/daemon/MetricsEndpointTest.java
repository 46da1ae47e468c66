package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: host, services, requests by route and status, rate-limit rejections. */
class MetricsEndpointTest {

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config("""
            rateLimits:
              read: {capacity: 1000, refill: 1000, period: 1s}
              write: {capacity: 1, refill: 1, period: 1h}
            services:
              sleeper:
                command: [sh, -c, "while true; do sleep 1; done"]
            """);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusText_hasHostServiceRequestAndRejectionSeries() throws Exception {
        String token = daemon.adminToken();
        for (int i = 0; i < 3; i++) {
            http.send(request("/api/v1/services/sleeper/restart", token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
        String text = await().atMost(Duration.ofSeconds(60)).until(() -> http.send(
                request("/metrics", token).build(), HttpResponse.BodyHandlers.ofString()).body(),
                body -> body.contains("warden_service_rss_bytes{service=\"sleeper\"}"));
        assertThat(text)
                .contains("warden_host_cpu_percent ")
                .contains("warden_host_memory_used_bytes ")
                .contains("warden_service_cpu_percent{service=\"sleeper\"}")
                .contains("warden_http_requests_seconds_count{route=\"POST /api/v1/services/{name}/restart\",status=\"200\"} 1")
                .contains("warden_http_requests_seconds_count{route=\"POST /api/v1/services/{name}/restart\",status=\"429\"} 2")
                .contains("warden_ratelimit_rejections_total{class=\"write\"} 2");
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .header("Authorization", "Bearer " + token);
    }
}
