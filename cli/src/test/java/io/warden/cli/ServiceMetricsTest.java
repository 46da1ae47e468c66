package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.lock.PidRecord;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-service series of {@code /metrics} against a real daemon: a service that crashed and
 * was restarted shows its state, restart and exit code; a copy of its command started by hand
 * makes two copies while its process tree stays one process; promtool accepts the whole text.
 */
class ServiceMetricsTest {

    /**
     * Exits 3 the first time, then runs as two processes (the shell waiting for its sleep): one
     * crash, one restart, a tree of two. sh, not python3: a pyenv shim on PATH would hide which
     * program a hand-started copy runs.
     */
    private static final String CRASH_ONCE = "[ -e crashed ] || { touch crashed; exit 3; }; sleep 3600 & wait";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void crashedAndRestartedService_showsStateRestartsExitCode_andAHandStartedCopyMakesTwoCopies() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                metrics: {doctorInterval: 1s}
                services:
                  app:
                    command: [sh, -c, "%s"]
                    restart: {backoff: {initial: 100ms}}
                """.formatted(CRASH_ONCE));
        Process copy = null;
        // A daemon of its own (a copy started by this JVM must not be a descendant of the daemon's).
        try (var up = WardenProcess.start(dir, "up", "--config", config.toString())) {
            int daemon = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> PidRecord.parse(Files.readString(dir.resolve(".warden/warden.pid"))).port(), p -> p > 0);
            String token = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> Files.readString(dir.resolve(".warden/admin.token")).strip(), t -> !t.isEmpty());
            String text = await().atMost(Duration.ofSeconds(60)).until(() -> scrape(daemon, token),
                    body -> body.contains("warden_service_up{service=\"app\"} 1.0")
                            && body.contains("warden_service_processes{service=\"app\"} 2.0")
                            && body.contains("warden_service_restarts_total{service=\"app\"} 1.0")
                            && body.contains("warden_service_copies{service=\"app\"} 1.0"));
            assertThat(text)
                    .contains("warden_service_state{service=\"app\",state=\"running\"} 1.0")
                    .contains("warden_service_state{service=\"app\",state=\"failed\"} 0.0")
                    .contains("warden_service_state{service=\"app\",state=\"backoff\"} 0.0")
                    .contains("warden_service_healthy{service=\"app\"} 0.0")
                    .contains("warden_service_last_exit_code{service=\"app\"} 3.0")
                    .contains("# TYPE warden_service_restarts_total counter")
                    .contains("# TYPE warden_service_state gauge");
            promtoolAccepts(text);

            copy = new ProcessBuilder("sh", "-c", CRASH_ONCE).directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            String withCopy;
            try {
                withCopy = await().atMost(Duration.ofSeconds(60)).until(() -> scrape(daemon, token),
                        body -> body.contains("warden_service_copies{service=\"app\"} 2.0"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("doctor: " + get(daemon, token, "/api/v1/doctor"), e);
            }
            assertThat(withCopy).contains("warden_service_up{service=\"app\"} 1.0");
            // The supervised copy is a tree of two processes: copies are not processes.
            assertThat(withCopy).contains("warden_service_processes{service=\"app\"} 2.0");
            up.process.destroy();
            assertThat(up.await()).isZero();
        } finally {
            if (copy != null) {
                copy.descendants().forEach(ProcessHandle::destroyForcibly);
                copy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code promtool check metrics} on the text when promtool is installed (Debian: {@code prometheus}). */
    private static void promtoolAccepts(String text) throws Exception {
        Path promtool = onPath("promtool");
        if (promtool == null) {
            // bin/install-test-deps installs it: under CI its absence is a broken setup, not a skip.
            assertThat(System.getenv("CI")).as("promtool missing under CI=true: run bin/install-test-deps")
                    .isNotEqualTo("true");
            System.out.println("ServiceMetricsTest: promtool not found (apt-get install prometheus); "
                    + "skipping promtool check metrics");
            return;
        }
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("promtool check metrics").isEmpty();
        assertThat(check.exitValue()).as("promtool check metrics: " + output).isZero();
    }

    private static Path onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private String scrape(int daemon, String token) throws Exception {
        return get(daemon, token, "/metrics");
    }

    private String get(int daemon, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
