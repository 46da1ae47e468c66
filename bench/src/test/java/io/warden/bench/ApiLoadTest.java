package io.warden.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/api-load.sh scaled down for the suite (issue 23): 100 HTTP clients on the mix of routes and
 * 200 WebSocket clients for 3 s against a real daemon ({@code warden up} on this build's class
 * path, the launcher's heap flags): no error other than 429 (no refused, reset or timed-out
 * connection, no 5xx or other unexpected status, no WebSocket closed by the server). Not timed:
 * the full size and the heap check are the benchmark's. Local only; the daemon is stopped by PID.
 */
class ApiLoadTest {

    private static final List<String> READERS = List.of("test-read-token-0000000001", "test-read-token-0000000002");
    private static final List<String> ADMINS = List.of("test-admin-token-000000001", "test-admin-token-000000002");
    private static final List<String> SERVICES = List.of("ticker", "sleeper");

    @TempDir
    Path dir;

    @Test
    void hundredsOfHttpAndWebSocketClientsAtOnce_noErrorButRateLimits() throws Exception {
        Process daemon = startDaemon();
        try {
            int port = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                assertThat(daemon.isAlive()).as(Files.readString(dir.resolve("daemon.log"))).isTrue();
                return PidRecord.parse(Files.readString(dir.resolve(".warden/warden.pid"))).port();
            }, p -> p > 0);

            ApiLoad.Settings settings = new ApiLoad.Settings(port, 100, 200, Duration.ofSeconds(3), READERS, ADMINS,
                    SERVICES);
            ApiLoad.Result result = ApiLoad.run(settings);

            ByteArrayOutputStream report = new ByteArrayOutputStream();
            PrintStream original = System.out;
            try (PrintStream capture = new PrintStream(report, true, StandardCharsets.UTF_8)) {
                System.setOut(capture);
                ApiLoad.print(settings, result);
            } finally {
                System.setOut(original);
            }
            String text = report.toString(StandardCharsets.UTF_8);
            assertThat(result.clean()).as(text).isTrue();
            assertThat(result.wsConnected()).as(text).isEqualTo(200);
            assertThat(result.tally().requests()).as(text).isGreaterThan(100);
            assertThat(result.tally().responses()).as(text).containsKeys("GET /api/v1/services 200",
                    "GET /api/v1/services (anonymous) 401");
            assertThat(daemon.isAlive()).isTrue();
        } finally {
            daemon.destroy(); // SIGTERM: the daemon stops its services, then exits
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process startDaemon() throws IOException {
        StringBuilder yaml = new StringBuilder("server: {port: 0}\nauth:\n  tokens:\n");
        for (int i = 0; i < READERS.size(); i++) {
            yaml.append("    - {user: reader").append(i).append(", token: ").append(READERS.get(i)).append(", scope: read}\n");
        }
        for (int i = 0; i < ADMINS.size(); i++) {
            yaml.append("    - {user: admin").append(i).append(", token: ").append(ADMINS.get(i)).append(", scope: admin}\n");
        }
        yaml.append("""
                rateLimits:
                  read: {capacity: 2000, refill: 1000, period: 1s}
                  stream: {capacity: 5000, refill: 1000, period: 1s}
                  asset: {capacity: 1000, refill: 500, period: 1s}
                services:
                  ticker:
                    command: [sh, -c, "while true; do echo tick; sleep 1; done"]
                  sleeper:
                    command: [sleep, "100000"]
                """);
        Path config = Files.writeString(dir.resolve("warden.yaml"), yaml.toString());
        // The launcher's flags for `up` (a bounded heap with a small young generation): the
        // daemon under test is the one users run.
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xss512k", "-Xms16m", "-Xmx256m", "-XX:NewSize=8m", "-XX:MaxNewSize=16m",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.warden.cli.Main", "up", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
                .start();
    }
}
