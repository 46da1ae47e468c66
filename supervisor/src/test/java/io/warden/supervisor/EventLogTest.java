package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.config.ConfigMapper;
import io.warden.config.DataSize;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code events.log}: rotated by size, bounded in memory, whole lines only even across kill -9. */
class EventLogTest {

    @TempDir
    Path stateDir;

    private final ObjectMapper json = ConfigMapper.create().jsonMapper();

    private static ServiceEvent event(int i) {
        return new ServiceEvent(Instant.parse("2026-11-22T00:00:00Z").plusMillis(i), "svc", ServiceState.RUNNING,
                ServiceState.EXITED, "exited with code " + i, 1000L + i, i);
    }

    private static List<Path> filesOldestFirst(Path dir) {
        List<Path> files = new ArrayList<>();
        for (int i = 1000; i >= 1; i--) {
            Path rotated = dir.resolve("events.log." + i);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        files.add(dir.resolve("events.log"));
        return files;
    }

    @Test
    void fullFileIsRotatedBetweenLines_keepingTheNewestFiles_andTheInMemoryListStaysBounded() throws Exception {
        EventLogSettings settings = new EventLogSettings(DataSize.parse("1KB"), 2);
        try (EventLog log = new EventLog(stateDir, 10, settings)) {
            for (int i = 0; i < 100; i++) {
                log.record(event(i));
            }
            assertThat(log.since(null)).as("the latest 10 only").hasSize(10)
                    .extracting(ServiceEvent::exitCode).containsExactly(90, 91, 92, 93, 94, 95, 96, 97, 98, 99);
        }

        assertThat(stateDir.resolve("events.log.3")).as("keep 2").doesNotExist();
        List<Integer> codes = new ArrayList<>();
        for (Path file : filesOldestFirst(stateDir)) {
            assertThat(Files.size(file)).as("%s", file).isPositive().isLessThanOrEqualTo(1024);
            for (String line : Files.readAllLines(file)) {
                codes.add(json.readTree(line).path("exitCode").intValue());
            }
        }
        assertThat(codes).as("the newest events, consecutive, ending with the last").isNotEmpty()
                .endsWith(99);
        for (int i = 1; i < codes.size(); i++) {
            assertThat(codes.get(i)).isEqualTo(codes.get(i - 1) + 1);
        }
    }

    @Test
    void tornLastLine_isCutOffBeforeTheNextAppend() throws Exception {
        Files.writeString(stateDir.resolve("events.log"), "{\"n\":1}\n{\"n\":2,\"pa");
        try (EventLog log = new EventLog(stateDir, 10, EventLogSettings.DEFAULT)) {
            log.record(event(3));
        }
        List<String> lines = Files.readAllLines(stateDir.resolve("events.log"));
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).isEqualTo("{\"n\":1}");
        assertThat(json.readTree(lines.get(1)).path("exitCode").intValue()).isEqualTo(3);
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void writerKilledWithSigkillWhileRotating_losesNoAcknowledgedLine_andLeavesNoTornOne() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path dir = Files.createDirectories(stateDir.resolve("round" + round));
            AtomicLong acknowledged = new AtomicLong(-1);
            Process writer = fixture(dir.toString(), "4KB", "1000");
            try {
                Thread reader = Thread.ofVirtual().start(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            acknowledged.set(Long.parseLong(line));
                        }
                    } catch (Exception e) {
                        // the writer was killed
                    }
                });
                long target = 100L + round * 50;
                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= target);
                writer.destroyForcibly(); // SIGKILL, wherever it is: inside a write, between renames
                writer.waitFor();
                reader.join();
            } finally {
                writer.destroyForcibly();
            }
            // The next writer opens the files as a new daemon would, before anything is read.
            try (EventFile next = new EventFile(dir.resolve("events.log"), new EventLogSettings(
                    DataSize.parse("4KB"), 1000))) {
                next.append("{\"n\":\"reopened\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            List<Long> numbers = new ArrayList<>();
            for (Path file : filesOldestFirst(dir)) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode node = json.readTree(line); // throws on a torn line
                    if (node.path("n").isNumber()) {
                        numbers.add(node.path("n").longValue());
                    }
                }
            }
            assertThat(numbers).as("round %d: every acknowledged line, once, in order", round)
                    .hasSizeGreaterThan((int) acknowledged.get());
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).isEqualTo(i);
            }
        }
    }

    private Process fixture(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), EventWriterFixture.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
