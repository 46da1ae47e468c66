package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a daemon while an alert fires, then a new daemon on the same state dir: the alert
 * keeps firing with the same {@code startsAt} and the receiver gets no second "firing".
 */
@EnabledOnOs(OS.LINUX)
class AlertsKill9Test {

    @TempDir
    Path dir;

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private Process child;

    @AfterEach
    void stop() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroy(); // SIGTERM: a clean close
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        receiver.close();
    }

    @Test
    void killedWhileFiring_theNextDaemonNeitherRenotifiesNorResetsStartsAt() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                alerts:
                  receivers:
                    - {name: hook, url: "%s", timeout: 2s, maxRetries: 5, backoff: 100ms}
                  rules:
                    - {name: memory-used, metric: host.memory, op: ">", critical: 0, noData: keep}
                """.formatted(receiver.url()));
        int port = startChild(config, "first.out");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.of("memory-used", null).size() == 1);
        String startsAt = receiver.of("memory-used", null).getFirst().startsAt();
        assertThat(firing(port).path("startsAt").asText()).isEqualTo(startsAt);

        child.destroyForcibly().waitFor(); // SIGKILL: no close, no last save
        int again = startChild(config, "second.out");
        JsonNode alert = await().atMost(Duration.ofSeconds(60)).until(() -> firing(again),
                a -> a != null && a.path("state").asText().equals("firing"));
        assertThat(alert.path("startsAt").asText()).isEqualTo(startsAt);
        Thread.sleep(5_000); // several evaluation rounds of the new daemon, time for any notification
        assertThat(receiver.of("memory-used", null)).extracting(WebhookReceiver.Received::status)
                .containsExactly("firing");
        assertThat(firing(again).path("startsAt").asText()).isEqualTo(startsAt);
    }

    private int startChild(Path config, String out) throws IOException {
        Path output = dir.resolve(out);
        child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ChildClassPath.ofThisJvm(), DaemonChild.class.getName(), config.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        String ready = await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(output)
                ? Files.readString(output) : "", text -> text.contains("ready ") || !child.isAlive());
        assertThat(child.isAlive()).as(ready).isTrue();
        return Integer.parseInt(ready.substring(ready.indexOf("ready ") + 6).lines().findFirst().orElseThrow().strip());
    }

    private JsonNode firing(int port) {
        String token;
        try {
            token = Files.readString(dir.resolve(".warden/admin.token")).strip();
        } catch (IOException e) {
            return null;
        }
        JsonNode alerts = ApiClient.json(new ApiClient(port).get(token, "/api/v1/alerts")).path("alerts");
        for (JsonNode alert : alerts) {
            if (alert.path("name").asText().equals("memory-used")) {
                return alert;
            }
        }
        return null;
    }
}
