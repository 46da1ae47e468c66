package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The development loop through the daemon: a watched service restarted on change with the file
 * in the event; the code stamp in the service JSON; an unwatched service edited on disk shown
 * stale (JSON, status text, /metrics) within the sampling interval, and not after a restart;
 * {@code ?wide=true} with the ports the OS says it listens on.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class DevLoopApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int PORT = freePort();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens().config("""
            metrics: {interval: 500ms}
            services:
              web:
                command: [python3, -m, http.server, "%d", --bind, 127.0.0.1]
                port: %d
              watched:
                command: [sleep, "300"]
                watch: {paths: ["*.py"], debounce: 50ms}
            """.formatted(PORT, PORT));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void editedCode_restartsTheWatchedService_andMarksTheOtherStale_untilRestarted() throws Exception {
        ApiClient api = new ApiClient(daemon.port());
        String token = daemon.adminToken();
        JsonNode web = await().atMost(PATIENCE).until(() -> service(api, token, "web"),
                json -> json.path("code").isObject() && json.path("state").asText().equals("running"));
        assertThat(web.path("code").path("stale").asBoolean()).isFalse();
        assertThat(web.path("code").path("newestPath").asText()).isEqualTo("warden.yaml");
        long watchedPid = await().atMost(PATIENCE).until(() -> service(api, token, "watched").path("pid").asLong(),
                pid -> pid > 0);

        Files.writeString(daemon.dir().resolve("app.py"), "VERSION = 2\n");

        await().atMost(PATIENCE).until(() -> service(api, token, "web").path("code").path("stale").asBoolean());
        assertThat(service(api, token, "web").path("code").path("staleBy").asText()).isEqualTo("app.py");
        assertThat(text("/api/v1/services", token)).contains("  stale: app.py changed after PID ")
                .contains("; warden restart web");
        await().atMost(PATIENCE).until(() -> text("/metrics", token).contains("warden_service_stale{service=\"web\"} 1.0"));
        await().atMost(PATIENCE).until(() -> service(api, token, "watched").path("pid").asLong() != watchedPid
                && service(api, token, "watched").path("state").asText().equals("running"));
        assertThat(api.get(token, "/api/v1/events").body()).contains("restarted on change, changed: app.py");

        String wide = await().atMost(PATIENCE).until(() -> text("/api/v1/services?wide=true", token),
                body -> body.contains(" " + PORT + " "));
        assertThat(wide).startsWith("NAME").contains("LISTENING").contains("CODE").contains("STALE")
                .contains("OUTSIDE");

        assertThat(api.post(token, "/api/v1/services/web/restart", null, null).statusCode()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> {
            JsonNode after = service(api, token, "web");
            return after.path("code").isObject() && !after.path("code").path("stale").asBoolean();
        });
        await().atMost(PATIENCE).until(() -> text("/metrics", token).contains("warden_service_stale{service=\"web\"} 0.0"));
    }

    private static JsonNode service(ApiClient api, String token, String name) {
        return ApiClient.json(api.get(token, "/api/v1/services/" + name));
    }

    private String text(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
