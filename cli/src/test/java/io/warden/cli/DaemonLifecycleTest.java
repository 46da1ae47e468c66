package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a user drives it: {@code warden up}, {@code status}, {@code logs}, {@code stop},
 * and kill -9 of the daemon with services running: the next daemon adopts them, never starts a
 * second copy, and the chatty one's log holds every line it printed meanwhile.
 */
class DaemonLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern TICK = Pattern.compile(" out tick (\\d+)$");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void killMinus9OfTheDaemon_servicesKeepRunning_nextDaemonAdoptsThem_andNoLineIsLost() throws Exception {
        String marker = "warden-test-" + UUID.randomUUID();
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                services:
                  ticker:
                    command: [sh, -c, "i=0; while true; do echo \\"tick $i\\"; i=$((i+1)); sleep 0.01; done", %1$s]
                  alpha:
                    command: [sh, -c, "while true; do sleep 1; done", %1$s]
                  beta:
                    command: [sh, -c, "while true; do sleep 1; done", %1$s]
                """.formatted(marker));
        Map<String, Long> pids;
        try (var first = WardenProcess.start(dir, "up", "--config", config.toString())) {
            pids = await().atMost(PATIENCE).ignoreExceptions().until(() -> runningPids(), p -> p.size() == 3);
            first.process.destroyForcibly();
            first.await();
        }
        assertThat(pids.values()).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
        long linesBefore = ticks().size();
        await().atMost(PATIENCE).until(() -> spoolGrew(linesBefore));

        try (var second = WardenProcess.start(dir, "up", "--config", config.toString())) {
            Map<String, Long> adopted = await().atMost(PATIENCE).ignoreExceptions()
                    .until(this::runningPids, p -> p.size() == 3);
            assertThat(adopted).as("the same processes, adopted").isEqualTo(pids);
            assertThat(servicesCarrying(marker)).as("no second copy of any service").hasSize(3);
            long ticker = pids.get("ticker");
            await().atMost(PATIENCE).until(() -> ticks().size() > linesBefore + 50);

            try (var stop = WardenProcess.start(dir, "stop", "ticker", "-c", config.toString())) {
                assertThat(stop.await()).as(stop.stderr()).isZero();
                assertThat(stop.stdout()).startsWith("ticker: stopped");
            }
            assertThat(ProcessHandle.of(ticker).filter(ProcessHandle::isAlive)).isEmpty();
            List<Long> numbers = ticks();
            assertThat(numbers).as("every line, once, in order").hasSizeGreaterThan(100);
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).isEqualTo(i);
            }
            try (var logs = WardenProcess.start(dir, "logs", "ticker", "-n", "3", "-c", config.toString())) {
                assertThat(logs.await()).isZero();
                assertThat(logs.stdout().lines()).hasSize(3).allSatisfy(line -> assertThat(line).matches(".*Z out tick \\d+"));
            }
            second.process.destroy();
            assertThat(second.await()).isZero();
        }
        assertThat(copiesOf(marker)).as("a clean daemon shutdown stops its services").isEmpty();
    }

    private Map<String, Long> runningPids() throws Exception {
        try (var status = WardenProcess.start(dir, "status", "--json", "--state-dir", dir.resolve(".warden").toString())) {
            if (status.await() != 0) {
                return Map.of();
            }
            Map<String, Long> pids = new HashMap<>();
            for (JsonNode service : json.readTree(status.stdout()).path("services")) {
                if (service.path("pid").isNumber() && service.path("state").asText().matches("running|healthy")) {
                    pids.put(service.path("name").asText(), service.path("pid").asLong());
                }
            }
            return pids;
        }
    }

    private List<ProcessHandle> copiesOf(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains(marker)).orElse(false))
                .toList();
    }

    /**
     * The processes carrying the marker, without their own forks: the ticker's shell forks before
     * each exec of {@code sleep}, and until that exec the fork has the same arguments (seen once
     * at load 15 as a "fourth copy"). A second copy of a service would be the daemon's child.
     */
    private List<ProcessHandle> servicesCarrying(String marker) {
        List<ProcessHandle> copies = copiesOf(marker);
        java.util.Set<Long> pids = new java.util.HashSet<>();
        copies.forEach(copy -> pids.add(copy.pid()));
        return copies.stream()
                .filter(copy -> copy.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
                .toList();
    }

    private boolean spoolGrew(long linesInLog) throws Exception {
        Path spools = dir.resolve(".warden/logs/.spool");
        long bytes = 0;
        try (var files = Files.list(spools)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("ticker.")).toList()) {
                bytes += Files.size(file);
            }
        }
        return bytes > (linesInLog + 30) * "tick 100\n".length();
    }

    private List<Long> ticks() throws Exception {
        Path logs = dir.resolve(".warden/logs");
        List<Path> files = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            if (Files.exists(logs.resolve("ticker.log." + i))) {
                files.add(logs.resolve("ticker.log." + i));
            }
        }
        files.add(logs.resolve("ticker.log"));
        List<Long> numbers = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = TICK.matcher(line);
                    if (m.find()) {
                        numbers.add(Long.parseLong(m.group(1)));
                    }
                }
            }
        }
        return numbers;
    }
}
