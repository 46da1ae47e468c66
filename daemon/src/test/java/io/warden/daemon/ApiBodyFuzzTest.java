package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any body, sent as an admin through a real daemon's routes (guard, binding, handler, domain):
 * the answer is a success or a 4xx problem+json saying what was wrong, never a 500, never a
 * dropped connection, never a hang; and any text message on an authenticated WebSocket gets its
 * reply (an error naming the problem) and leaves the socket open. In every build this runs the
 * committed inputs under {@code ApiBodyFuzzTestInputs/} (regression mode); with
 * {@code JAZZER_FUZZ=1} it fuzzes, and a crash's input lands there as a new regression case.
 *
 * <p>{@code config/apply} and deploys of a real service are left out: a valid body would run the
 * commands it names. Their bodies are fuzzed where they are bound ({@code DeployBodyFuzzTest}).
 */
class ApiBodyFuzzTest {

    private static final String ADMIN = TestDaemon.ADMIN.token();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** An argument no other test uses: another daemon's doctor must not take the service for its copy. */
    private static final String SECONDS = Long.toString(800_000 + ProcessHandle.current().pid());
    /** The routes that read a body, but those left out above; {@code ID} is the assessment made first. */
    private static final List<String> ROUTES = List.of(
            "POST /api/v1/assessments",
            "PUT /api/v1/assessments/ID",
            "POST /api/v1/assessments/ID/submit",
            "POST /api/v1/assessments/ID/approve",
            "POST /api/v1/assessments/ID/reject",
            "POST /api/v1/assessments/ID/transition",
            "POST /api/v1/assessments/ID/close",
            "POST /api/v1/silences",
            "POST /api/v1/services/idle/start",
            "POST /api/v1/services/idle/stop",
            "POST /api/v1/services/idle/restart",
            "POST /api/v1/services/idle/rollback",
            "POST /api/v1/services/nosuch/deploy");

    private static Path dir;
    private static Daemon daemon;
    private static HttpClient http;
    private static String assessment;
    private static WsProbe stream;

    @BeforeAll
    static void startDaemon() throws Exception {
        dir = Files.createTempDirectory("warden-fuzz-");
        daemon = TestDaemon.withTokens(TestDaemon.ADMIN).config("""
                rateLimits:
                  read: {capacity: 1000000, refill: 1000000, period: 1s}
                  write: {capacity: 1000000, refill: 1000000, period: 1s}
                  message: {capacity: 1000000, refill: 1000000, period: 1s}
                services:
                  idle:
                    command: [sleep, "%s"]
                """.formatted(SECONDS)).startIn(dir);
        http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
        HttpResponse<String> created = send("POST /api/v1/assessments", "application/yaml", null,
                GovernanceFixture.example("process-management.yaml"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assessment = json(created).path("id").asText();
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        if (stream != null) {
            stream.socket.abort();
        }
        if (daemon != null) {
            daemon.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    /**
     * A request as text: the route ({@code POST /api/v1/silences}; any other line picks one of
     * {@link #ROUTES}), optional {@code Content-Type:} and {@code Content-Disposition:} lines, a
     * blank line, the body. The committed inputs read as the requests they are.
     */
    @FuzzTest(maxDuration = "30s")
    void anyBody(byte[] data) throws Exception {
        String text = new String(data, StandardCharsets.UTF_8);
        int split = text.indexOf("\n\n");
        String[] head = (split < 0 ? "" : text.substring(0, split)).split("\n");
        String body = split < 0 ? text : text.substring(split + 2);
        String route = ROUTES.contains(head[0]) ? head[0] : ROUTES.get(Math.floorMod(head[0].hashCode(), ROUTES.size()));
        String contentType = header(head, "Content-Type");
        HttpResponse<String> answer = send(route, contentType, header(head, "Content-Disposition"), body);
        int status = answer.statusCode();
        assertThat(status).as("%s (%s) with %s: %s", route, contentType, body, answer.body()).isBetween(200, 499);
        if (status >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).as(answer.body()).hasValue("application/problem+json");
            JsonNode problem = json(answer);
            assertThat(problem.path("status").asInt()).as(answer.body()).isEqualTo(status);
            assertThat(problem.path("detail").asText()).as(answer.body()).isNotBlank();
        }
    }

    /** Any text message on an authenticated stream (UTF-8 of the input). */
    @FuzzTest(maxDuration = "30s")
    void anyStreamMessage(byte[] data) throws Exception {
        String message = new String(data, StandardCharsets.UTF_8);
        WsProbe socket = authenticatedStream();
        socket.send(message);
        String reply = nextReply(socket);
        assertThat(JSON.readTree(reply).path("type").asText()).as(reply).isIn("error", "subscribed", "unsubscribed");
        assertThat(socket.closeCode).as("the socket stays open after %s", message).isNotDone();
    }

    /** The stream of the run, opened and authenticated on first use. */
    private static WsProbe authenticatedStream() throws Exception {
        if (stream == null || stream.closeCode.isDone()) {
            stream = WsProbe.open(http, daemon.port(), Map.of());
            stream.send("{\"type\":\"auth\",\"token\":\"" + ADMIN + "\"}");
            stream.next("authenticated");
        }
        stream.drained();
        return stream;
    }

    /** The next reply (a message with a type); pushes of subscribed topics are skipped. */
    private static String nextReply(WsProbe socket) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String message = socket.messages.poll(1, TimeUnit.SECONDS);
            if (message != null && message.startsWith("{\"type\":")) {
                return message;
            }
        }
        throw new AssertionError("no reply within " + PATIENCE + "; close " + socket.closeCode.getNow(null));
    }

    private static HttpResponse<String> send(String route, String contentType, String disposition, String body)
            throws IOException, InterruptedException {
        String[] methodAndPath = route.split(" ", 2);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port()
                        + methodAndPath[1].replace("ID", String.valueOf(assessment))))
                .method(methodAndPath[0], HttpRequest.BodyPublishers.ofString(body))
                .timeout(PATIENCE)
                .header("Authorization", "Bearer " + ADMIN);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (disposition != null) {
            request.header("Content-Disposition", disposition);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A header line's value, as a client can send it (printable ASCII), or null when absent or empty. */
    private static String header(String[] head, String name) {
        for (int i = 1; i < head.length; i++) {
            if (head[i].regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                int[] kept = head[i].substring(name.length() + 1).codePoints().filter(c -> c >= 0x20 && c < 0x7f).toArray();
                String value = new String(kept, 0, kept.length).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
