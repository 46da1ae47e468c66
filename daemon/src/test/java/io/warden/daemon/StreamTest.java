package io.warden.daemon;

import static io.warden.daemon.TestDaemon.ADMIN;
import static io.warden.daemon.TestDaemon.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WebSocket stream against a real daemon: authentication on connect (header or first
 * message), connect and message floods, and each topic. Clients are told apart by
 * X-Forwarded-For through the trusted proxy 127.0.0.1, so each test starts with fresh buckets.
 */
class StreamTest {

    private static final String READ_TOKEN = VIEWER.token();
    private static final String ADMIN_TOKEN = ADMIN.token();
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(VIEWER, ADMIN).server("trustedProxies: [127.0.0.1]").config("""
            rateLimits:
              stream: {capacity: 2, refill: 1, period: 1h}
              message: {capacity: 5, refill: 1, period: 1h}
            stream:
              abuseLimit: 3
              pingInterval: 300ms
            services:
              ticker:
                command: [python3, -u, -c, "import time\\nfor i in range(100000):\\n  print('tick', i)\\n  time.sleep(0.1)"]
            """);

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        http.shutdownNow(); // close() would wait for WebSockets a test left open
    }

    private static Map<String, String> as(String token) {
        String client = "10.1.0." + CLIENTS.incrementAndGet();
        return token == null ? Map.of("X-Forwarded-For", client)
                : Map.of("X-Forwarded-For", client, "Authorization", "Bearer " + token);
    }

    @Test
    void aClientThatOnlyListens_isPinged_andStaysConnected() throws Exception {
        // Its pongs are the frames that keep the web server from closing it as idle (after 5 min).
        WsProbe probe = WsProbe.open(http, daemon.port(), as(READ_TOKEN));
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"system\"]}");
        await().atMost(Duration.ofSeconds(60)).until(() -> probe.pings.get() >= 3);
        probe.next("\"topic\":\"system\"");
        assertThat(probe.closeCode).isNotDone();
    }

    @Test
    void withoutAToken_aFirstMessageOtherThanAuth_isClosedAsPolicyViolation() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(null));
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"system\"]}");
        assertThat(probe.closeCode.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(probe.closeReason).contains("authenticate first");
    }

    @Test
    void aWrongTokenInTheFirstMessage_isClosedAsPolicyViolation() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(null));
        probe.send("{\"type\":\"auth\",\"token\":\"not-a-token-at-all\"}");
        assertThat(probe.closeCode.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(probe.closeReason).isEqualTo("invalid token");
    }

    @Test
    void aWrongTokenInTheHeader_isRefusedAt401BeforeTheUpgrade() {
        Throwable refused = catchThrowable(() -> WsProbe.open(http, daemon.port(), as("wrong-token-0123456789")));
        assertThat(refused).isInstanceOf(ExecutionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aReadToken_inTheHeader_receivesSystemPushes() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(READ_TOKEN));
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"system\"]}");
        assertThat(probe.next("\"subscribed\"")).contains("system");
        String first = probe.next("\"topic\":\"system\"");
        String second = probe.next("\"topic\":\"system\"");
        assertThat(first).contains("\"data\":{\"sequence\":");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aTokenInTheFirstMessage_authenticates() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(null));
        probe.send("{\"type\":\"auth\",\"token\":\"" + READ_TOKEN + "\"}");
        assertThat(probe.next("\"authenticated\"")).contains("viewer");
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"system\"]}");
        probe.next("\"topic\":\"system\"");
    }

    @Test
    void aConnectFlood_isRefusedWith429AndRetryAfter() throws Exception {
        Map<String, String> client = as(READ_TOKEN);
        WsProbe.open(http, daemon.port(), client);
        WsProbe.open(http, daemon.port(), client);
        Throwable refused = catchThrowable(() -> WsProbe.open(http, daemon.port(), client));
        HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        assertThat(scrape()).contains("warden_ratelimit_rejections_total{class=\"stream\"}");
    }

    @Test
    void aMessageFlood_getsErrorsThenIsClosed() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(READ_TOKEN));
        // 5 admitted, then 3 refused (abuseLimit): the third refusal closes.
        for (int i = 0; i < 8; i++) {
            probe.send("{\"type\":\"unsubscribe\",\"topics\":[\"system\"]}");
        }
        assertThat(probe.next("\"status\":429")).contains("retryAfter");
        assertThat(probe.closeCode.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(probe.closeReason).contains("message rate limit");
    }

    @Test
    void malformedAndWrongMessages_getA400ErrorAndTheConnectionStays() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(READ_TOKEN));
        probe.send("{not json");
        assertThat(probe.next("\"status\":400")).contains("not JSON");
        probe.send("{\"type\":\"subscribe\",\"topics\":\"system\"}");
        assertThat(probe.next("\"status\":400")).contains("topics must be an array");
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"logs:../../etc\"]}");
        assertThat(probe.next("\"status\":404")).contains("no service named");
        assertThat(probe.closeCode).isNotDone();
    }

    @Test
    void servicesEventsAndLogs_arePushed() throws Exception {
        WsProbe probe = WsProbe.open(http, daemon.port(), as(READ_TOKEN));
        probe.send("{\"type\":\"subscribe\",\"topics\":[\"services\",\"events\",\"logs:ticker\"]}");
        assertThat(probe.next("\"topic\":\"services\"")).contains("ticker");
        assertThat(probe.next("\"topic\":\"logs:ticker\"")).contains("tick");
        HttpResponse<String> restart = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                        + "/api/v1/services/ticker/restart")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("X-Forwarded-For", "10.2.0.1").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(restart.statusCode()).isEqualTo(200);
        assertThat(probe.next("\"topic\":\"events\"")).contains("ticker");
        // Lines keep coming after the restart: the follow outlives the service's first run.
        probe.drained();
        assertThat(probe.next("\"topic\":\"logs:ticker\"")).contains("tick");
    }

    private String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/metrics"))
                        .header("Authorization", "Bearer " + READ_TOKEN).header("X-Forwarded-For", "10.3.0."
                                + CLIENTS.incrementAndGet()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
