package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
    void portHeldByAnotherProcess_exits1WithOneLineNamingItAndTheFix_startsNoService_andReleasesTheLock()
            throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process holder = new ProcessBuilder("python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("http.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            Path config = Files.writeString(dir.resolve("warden.yaml"), """
                    server: {port: %d}
                    services:
                      backend:
                        command: [sleep, "600"]
                    """.formatted(port));
            try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
                assertThat(daemon.await()).isEqualTo(1);
                assertThat(daemon.stderr().lines().filter(line -> !line.isBlank()).toList()).singleElement()
                        .asString()
                        .startsWith("warden: cannot listen on 127.0.0.1:" + port + ": port " + port + " is held by PID "
                                + holder.pid() + " (")
                        .contains("http.server " + port)
                        .endsWith("give Warden another port: warden up --port N, or server.port in warden.yaml");
            }
            assertThat(dir.resolve(".warden/backend.lock")).as("no service launched").doesNotExist();
            assertThat(dir.resolve(".warden/warden.pid")).doesNotExist();
            try (InstanceLock released = InstanceLock.acquire(dir.resolve(".warden"), "warden",
                    PidRecord.ofCurrentProcess("test", 0, "test"))) {
                assertThat(released.isHeld()).isTrue();
            }
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void up_saysEachServiceAsItStarts_withWhereItsLogIs() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                services:
                  backend:
                    command: [sleep, "600"]
                  worker:
                    command: [sleep, "600"]
                    dependsOn: [backend]
                """);
        Path logs = dir.toAbsolutePath().resolve(".warden/logs");
        try (var daemon = WardenProcess.start(dir, "up", "--config", config.toString())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> daemon.stderr().contains("listening on")
                    && daemon.stderr().contains(" worker: started"));
            assertThat(daemon.stderr())
                    .containsPattern(" INFO  backend: started \\(PID \\d+\\); log: " + logs.resolve("backend.log"))
                    .containsPattern(" INFO  worker: started \\(PID \\d+\\); log: " + logs.resolve("worker.log"));
            daemon.process.destroy();
            assertThat(daemon.await()).isZero();
        }
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
