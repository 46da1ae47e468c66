package io.warden.daemon;

import static io.warden.daemon.TestDaemon.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Clients that hang up halfway through a request (mid-headers, mid-body) cost the daemon one
 * DEBUG line each and a count: no WARN or ERROR with a stack trace (the seed logged 17 and 40
 * lines each), no 500 in {@code /metrics}.
 */
class ClientDisconnectTest {

    private static final int CONNECTIONS = 200;

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(ADMIN).config("""
            rateLimits:
              write: {capacity: 1000, refill: 1000, period: 1s}
              anonymous: {capacity: 1000, refill: 1000, period: 1s}
            """);

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureTheLog() {
        LogSetup.captureJavaUtilLogging(); // Helidon logs through the JDK's logging, as in the daemon
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
    }

    private void halfRequest(String text) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", daemon.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } // closed with the request unfinished
    }

    @Test
    void clientsHangingUpMidRequest_costADebugLineEach_neverAStackTraceOrA500() throws Exception {
        for (int i = 0; i < CONNECTIONS / 2; i++) {
            halfRequest("GET /api/v1/services HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz");
            halfRequest("POST /api/v1/assessments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + ADMIN.token() + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\":");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> disconnects() >= CONNECTIONS);

        List<ILoggingEvent> loud = log.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)
                || event.getThrowableProxy() != null).toList();
        assertThat(loud).as("WARN/ERROR or stack traces logged").extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
        assertThat(metrics()).doesNotContain("status=\"500\"");
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                        + "/metrics")).header("Authorization", "Bearer " + ADMIN.token()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double disconnects() throws Exception {
        Matcher matcher = Pattern.compile("(?m)^warden_http_client_disconnects_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
