package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart policies and dependencies as a user drives them with real {@code warden} processes:
 * {@code warden start api} brings up what api depends on first and says so; a service with
 * {@code unless-stopped} stopped by hand stays stopped when the daemon starts again, one with
 * {@code always} does not; {@code events.log} is rotated by the size in {@code events:}.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SupervisionPolicyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void startPullsDependenciesUp_unlessStoppedOutlivesTheDaemon_alwaysDoesNot_andEventsLogRotates() throws Exception {
        String marker = "warden-test-" + UUID.randomUUID();
        Path flag = dir.resolve("db-up");
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                events: {maxSize: 1KB, keep: 100}
                services:
                  db:
                    command: [sh, -c, "rm -f %2$s; sleep 0.3; touch %2$s; while :; do sleep 1; done", %1$s]
                    health: {exec: [test, -f, "%2$s"], interval: 100ms}
                    restart: {policy: unless-stopped}
                  cache:
                    command: [sh, -c, "while :; do sleep 1; done", %1$s]
                    restart: {policy: always}
                  api:
                    command: [sh, -c, "while :; do sleep 1; done", %1$s]
                    dependsOn: {db: {condition: healthy}, cache: started}
                """.formatted(marker, flag));
        try (var first = WardenProcess.start(dir, "up", "--config", config.toString())) {
            await().atMost(PATIENCE).ignoreExceptions().until(this::states,
                    s -> s.equals(Map.of("db", "healthy", "cache", "running", "api", "running")));
            assertThat(control("stop", "api", "db", "cache")).hasSize(3);

            List<String> started = control("start", "api");

            assertThat(started).hasSize(3);
            assertThat(started.get(0)).matches("db: healthy \\(PID \\d+\\), started as a dependency of api");
            assertThat(started.get(1)).matches("cache: running \\(PID \\d+\\), started as a dependency of api");
            assertThat(started.get(2)).matches("api: running \\(PID \\d+\\), started");
            assertThat(copiesOf(marker)).hasSize(3);

            control("stop", "db", "cache");
            assertThat(states()).as("a dependant keeps running when its dependencies are stopped")
                    .containsEntry("api", "running").containsEntry("db", "stopped").containsEntry("cache", "stopped");
            assertThat(Files.readString(dir.resolve(".warden/db.stopped"))).startsWith("stopped by hand at ");
            first.process.destroy(); // SIGTERM: a clean daemon shutdown
            assertThat(first.await()).isZero();
        }
        assertThat(copiesOf(marker)).isEmpty();

        try (var second = WardenProcess.start(dir, "up", "--config", config.toString())) {
            await().atMost(PATIENCE).ignoreExceptions().until(this::states,
                    s -> s.equals(Map.of("db", "stopped", "cache", "running", "api", "starting")));
            JsonNode db = service("db");
            assertThat(db.path("reason").asText()).startsWith("stopped by hand at ")
                    .endsWith("restart policy unless-stopped keeps it stopped until warden start db");
            assertThat(service("api").path("reason").asText())
                    .isEqualTo("waiting for db (healthy), which stays stopped until warden start db, cache (started)");

            assertThat(control("start", "db")).singleElement().asString().matches("db: \\w+ \\(PID \\d+\\), started");

            await().atMost(PATIENCE).ignoreExceptions().until(this::states,
                    s -> s.equals(Map.of("db", "healthy", "cache", "running", "api", "running")));
            assertThat(dir.resolve(".warden/db.stopped")).doesNotExist();
            second.process.destroy();
            assertThat(second.await()).isZero();
        }

        Path events = dir.resolve(".warden/events.log");
        assertThat(events.resolveSibling("events.log.1")).as("rotated at 1KB").exists();
        try (Stream<Path> files = Files.list(events.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("events.log")).toList()) {
                assertThat(Files.size(file)).as("%s", file).isLessThanOrEqualTo(1024);
                for (String line : Files.readAllLines(file)) {
                    assertThat(json.readTree(line).path("service").asText()).isIn("db", "cache", "api");
                }
            }
        }
    }

    /** {@code warden ACTION NAME...}; must succeed; its output lines. */
    private List<String> control(String action, String... names) throws Exception {
        String[] args = Stream.concat(Stream.of(action), Stream.concat(Stream.of(names),
                Stream.of("--state-dir", dir.resolve(".warden").toString()))).toArray(String[]::new);
        try (var command = WardenProcess.start(dir, args)) {
            assertThat(command.await()).as(command.stderr()).isZero();
            return command.stdout().lines().toList();
        }
    }

    private Map<String, String> states() throws Exception {
        Map<String, String> states = new HashMap<>();
        for (JsonNode service : status().path("services")) {
            states.put(service.path("name").asText(), service.path("state").asText());
        }
        return states;
    }

    private JsonNode service(String name) throws Exception {
        for (JsonNode service : status().path("services")) {
            if (service.path("name").asText().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("no service " + name);
    }

    private JsonNode status() throws Exception {
        try (var status = WardenProcess.start(dir, "status", "--json", "--state-dir", dir.resolve(".warden").toString())) {
            assertThat(status.await()).as(status.stderr()).isZero();
            return json.readTree(status.stdout());
        }
    }

    private List<ProcessHandle> copiesOf(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
                .toList();
    }
}
