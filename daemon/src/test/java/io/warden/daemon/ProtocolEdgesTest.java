package io.warden.daemon;

import static io.warden.daemon.TestDaemon.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.ServiceState;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The smaller holes of the HTTP edge, on raw sockets where a client library would hide them:
 * the WebSocket's Origin check, {@code Connection: close}, encoded slashes, and what the open
 * {@code /health} tells a stranger.
 */
class ProtocolEdgesTest {

    private static final String DASHBOARD = "https://dashboard.example.com";

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(ADMIN).server("allowedOrigins: [" + DASHBOARD + "]")
            .server("idleTimeout: 2s").server("headerTimeout: 1s").config("""
            services:
              broken:
                command: [python3, -c, "raise SystemExit(3)"]
                restart: {policy: on-failure, backoff: {initial: 0ms}, startLimit: {burst: 2, interval: 60s}}
            """);

    private final HttpClient http = HttpClient.newHttpClient();

    /** Sends {@code request} and reads what comes back until the server closes or 10 s pass. */
    private Exchange raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", daemon.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                    if (request.contains("Upgrade: websocket") && answer.toString(StandardCharsets.US_ASCII)
                            .contains("\r\n\r\n")) {
                        return new Exchange(answer.toString(StandardCharsets.US_ASCII), false);
                    }
                }
            } catch (SocketTimeoutException e) {
                return new Exchange(answer.toString(StandardCharsets.US_ASCII), false);
            }
            return new Exchange(answer.toString(StandardCharsets.US_ASCII), true);
        }
    }

    private record Exchange(String text, boolean closedByServer) {
    }

    private String upgrade(String origin) throws Exception {
        String host = "127.0.0.1:" + daemon.port();
        return raw("GET /api/v1/stream HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + ADMIN.token() + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n").text();
    }

    @Test
    void theWebSocket_acceptsItsOwnOriginAndTheConfiguredOnes_andRefusesOthers() throws Exception {
        assertThat(upgrade("http://evil.example")).startsWith("HTTP/1.1 403").contains("server.allowedOrigins");
        assertThat(upgrade("null")).startsWith("HTTP/1.1 403");
        assertThat(upgrade("http://127.0.0.1:" + daemon.port())).startsWith("HTTP/1.1 101");
        assertThat(upgrade(DASHBOARD)).startsWith("HTTP/1.1 101");
        assertThat(upgrade(null)).as("not a browser: the token decides").startsWith("HTTP/1.1 101");
    }

    @Test
    void connectionClose_isHonoured() throws Exception {
        Exchange exchange = raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(exchange.text()).startsWith("HTTP/1.1 ");
        assertThat(exchange.closedByServer()).as("closed by the server within 10 s").isTrue();
    }

    /** Helidon 4.3 serves HTTP/1.1 only: HTTP/1.0 gets a 505 problem and the socket closes (docs/config.md). */
    @Test
    void http10_isAnswered505_andClosed() throws Exception {
        Exchange exchange = raw("GET /health HTTP/1.0\r\n\r\n");
        assertThat(exchange.text()).startsWith("HTTP/1.1 505").contains("application/problem+json");
        assertThat(exchange.closedByServer()).isTrue();
    }

    @Test
    void aSilentConnection_andOneTricklingItsHeaders_areClosedWithinTheirTimeouts() throws Exception {
        long start = System.nanoTime();
        assertThat(raw("").closedByServer()).as("silent, idleTimeout 2s").isTrue();
        assertThat(raw("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a").closedByServer())
                .as("slowloris, headerTimeout 1s").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void anEncodedSlashInASegment_is400_notDecodedIntoAnotherRoute() throws Exception {
        for (String path : new String[] {"/api/v1/services%2Fbroken", "/api/v1/services%2fbroken/logs"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + daemon.port() + path)).header("Authorization", "Bearer " + ADMIN.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.body()).contains("%2F");
        }
    }

    @Test
    void theOpenHealth_hidesPathsAndReasonsFromStrangers_butNotFromUsers() throws Exception {
        String stateDir = daemon.dir().resolve(".warden").toRealPath().toString();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                daemon.supervisor().service("broken").state() == ServiceState.FAILED);
        String stranger = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(stranger).contains("\"components\"").doesNotContain(stateDir).doesNotContain("broken");
        String user = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/health"))
                .header("Authorization", "Bearer " + ADMIN.token()).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(user).contains(stateDir).contains("failed: broken");
    }
}
