package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden up}: one daemon per state dir, health, clean shutdown. */
class UpCommandTest {

    @TempDir
    Path dir;

    @Test
    void daemonServesHealth_refusesASecondDaemon_andShutsDownCleanlyOnSigterm() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), "server:\n  port: 0\n");
        Path pidFile = dir.resolve(".warden/warden.pid");
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            PidRecord record = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> PidRecord.parse(Files.readString(pidFile)), r -> r.port() > 0);
            assertThat(record.pid()).isEqualTo(daemon.process.pid());

            // Ready once every component is: the sampler's first sample comes within a second.
            HttpResponse<String> health = await().atMost(Duration.ofSeconds(60)).until(() -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + record.port() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()), response -> response.statusCode() == 200);
            assertThat(health.body()).contains("\"status\":\"up\"").contains("\"lock\"");

            try (var second = WardenProcess.start(dir, "up", "--config", config.toString())) {
                assertThat(second.await()).isEqualTo(3);
                assertThat(second.stderr()).contains("warden is already running (PID " + daemon.process.pid());
            }

            daemon.process.destroy();
            assertThat(daemon.await()).isZero();
        }
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void dependencyCycle_exits1NamingTheLine_andStartsNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                services:
                  a:
                    command: [sleep, "600"]
                    dependsOn: [b]
                  b:
                    command: [sleep, "600"]
                    dependsOn: [a]
                """);
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            assertThat(daemon.await()).isEqualTo(1);
            assertThat(daemon.stderr()).contains(config + ":4: services.a.dependsOn: dependency cycle: a -> b -> a");
        }
        assertThat(dir.resolve(".warden/a.pid")).doesNotExist();
    }

    @Test
    void malformedConfig_exits1NamingFileLineAndKey() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), "server:\n  prot: 8080\n");
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            assertThat(daemon.await()).isEqualTo(1);
            assertThat(daemon.stderr()).contains(config + ":2: server.prot: unknown key 'prot'; did you mean 'port'?");
        }
        assertThat(dir.resolve(".warden/warden.pid")).doesNotExist();
    }
}
