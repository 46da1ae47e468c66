package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.config.DataSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLogTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path state;

    private static Process run(ServiceLog log, String... args) throws IOException {
        ProcessBuilder builder = Fixtures.java(Printer.class, args);
        Fixtures.attached(log, builder);
        return builder.start();
    }

    private static void exits(Process process) throws InterruptedException {
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
    }

    @Test
    void attach_childOutput_storedTimestampedAndStreamMarked() throws Exception {
        try (ServiceLog log = ServiceLog.open(state, "api", null)) {
            exits(run(log, "both", "3"));

            await().atMost(PATIENCE).until(() -> log.tail(10).size() == 6);
            List<LogLine> lines = log.tail(10);
            assertThat(lines).filteredOn(l -> l.stream().equals("out")).extracting(LogLine::text)
                    .containsExactly("out 0", "out 1", "out 2");
            assertThat(lines).filteredOn(l -> l.stream().equals("err")).extracting(LogLine::text)
                    .containsExactly("err 0", "err 1", "err 2");
            assertThat(log.file()).isEqualTo(state.resolve("logs/api.log"));
            assertThat(Files.readAllLines(log.file()))
                    .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (out|err) (out|err) \\d"));
        }
    }

    @Test
    void attach_lineTime_isTheInstantTheCaptureClockGives() throws Exception {
        Instant captured = Instant.parse("2030-01-02T03:04:05.678901Z");
        try (ServiceLog log = ServiceLog.open(state, "clocked", null, InstantSource.fixed(captured))) {
            exits(run(log, "lines", "1"));

            await().atMost(PATIENCE).until(() -> log.tail(1).size() == 1);
            assertThat(log.tail(1).get(0).time()).isEqualTo(Instant.parse("2030-01-02T03:04:05.678Z"));
            assertThat(Files.readString(log.file())).isEqualTo("2030-01-02T03:04:05.678Z out line 0\n");
        }
    }

    @Test
    void follow_runningChild_deliversLinesAsTheyCome() throws Exception {
        try (ServiceLog log = ServiceLog.open(state, "ticker", null)) {
            List<LogLine> seen = new CopyOnWriteArrayList<>();
            AutoCloseable following = log.follow(seen::add);
            Process child = run(log, "tick", "10");
            try {
                await().atMost(PATIENCE).until(() -> seen.size() >= 5);
                following.close();
                assertThat(seen.subList(0, 5)).extracting(LogLine::text)
                        .containsExactly("tick 0", "tick 1", "tick 2", "tick 3", "tick 4");
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void attach_lineLongerThan64KiB_storedAsMarkedPiecesOfAtMost64KiB() throws Exception {
        try (ServiceLog log = ServiceLog.open(state, "wide", null)) {
            exits(run(log, "long", "200000"));

            await().atMost(PATIENCE).until(() -> !log.tail(1).isEmpty() && log.tail(1).get(0).text().equals("end"));
            List<String> stored = Files.readAllLines(log.file());
            assertThat(stored).hasSize(5);
            assertThat(stored.subList(0, 3)).allMatch(l -> l.substring(24).equals(" out+ " + "x".repeat(65536)));
            assertThat(stored.get(3).substring(24)).isEqualTo(" out " + "x".repeat(200000 - 3 * 65536));
            assertThat(stored.get(4).substring(24)).isEqualTo(" out end");
        }
    }

    @Test
    void attach_again_copiesThePreviousChildsLastLineWithoutNewline() throws Exception {
        try (ServiceLog log = ServiceLog.open(state, "partial", null)) {
            exits(run(log, "partial", "no newline"));
            await().atMost(PATIENCE).until(() -> log.tail(5).size() == 1);

            exits(run(log, "both", "1"));

            await().atMost(PATIENCE).until(() -> log.tail(5).size() == 4);
            assertThat(log.tail(5)).extracting(LogLine::text).startsWith("first", "no newline");
            try (var spools = Files.list(state.resolve("logs/.spool"))) {
                assertThat(spools.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("partial.2.out", "partial.2.err");
            }
        }
    }

    @Test
    void rotation_smallMaxSize_renamesAtLineBoundariesAndKeepsKeepFiles() throws Exception {
        LogSettings settings = new LogSettings(DataSize.ofBytes(1000), 5);
        try (ServiceLog log = ServiceLog.open(state, "small", settings)) {
            exits(run(log, "both", "5"));
            await().atMost(PATIENCE).until(() -> log.tail(100).size() == 10);
            Object firstFile = fileKey(log.file());
            String firstContent = Files.readString(log.file());

            exits(run(log, "both", "20"));
            await().atMost(PATIENCE).until(() -> log.tail(100).size() == 50);

            // Renamed, not copied: the first file itself is now NAME.log.1, its lines untouched.
            assertThat(fileKey(state.resolve("logs/small.log.1"))).isEqualTo(firstFile);
            assertThat(Files.readString(state.resolve("logs/small.log.1"))).startsWith(firstContent);

            List<String> followed = new CopyOnWriteArrayList<>();
            log.follow(line -> followed.add(line.text()));
            exits(run(log, "both", "200"));
            await().atMost(PATIENCE).until(() -> followed.containsAll(List.of("out 199", "err 199")));
            List<Path> files = LogFiles.oldestFirst(state, "small");
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                    "small.log.5", "small.log.4", "small.log.3", "small.log.2", "small.log.1", "small.log");
            for (Path file : files) {
                assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
                assertThat(Files.readString(file)).endsWith("\n");
            }
            assertThat(LogFiles.lines(state, "small")).allMatch(l -> l.matches(".{24} (out|err) (out|err) \\d+"));
        }
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void open_afterAppendTornByACrash_cutsItAndCopiesItsLinesAgain() throws Exception {
        try (ServiceLog log = ServiceLog.open(state, "torn", null)) {
            exits(run(log, "lines", "300"));
            await().atMost(PATIENCE).until(() -> log.tail(1000).size() == 300);
        }
        Path logFile = state.resolve("logs/torn.log");
        List<String> whole = texts(Files.readAllLines(logFile));
        Journal.Entry last;
        try (Journal journal = Journal.open(new LogPaths(state, "torn").state())) {
            last = journal.read();
        }
        assertThat(last.last()).isEqualTo(StdStream.OUT);
        // Replay a kill in the middle of that append: the log ends inside it.
        try (var channel = java.nio.channels.FileChannel.open(logFile, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(last.logPosition() + last.logLength() / 2);
        }

        try (ServiceLog log = ServiceLog.open(state, "torn", null)) {
            await().atMost(PATIENCE).until(() -> log.tail(1000).size() == 300);
            assertThat(texts(Files.readAllLines(logFile))).isEqualTo(whole);
        }
    }

    /** Stored lines without their time. */
    private static List<String> texts(List<String> stored) {
        return stored.stream().map(l -> l.substring(24)).toList();
    }

    @Test
    void open_badServiceName_isRefusedWithTheRule() {
        assertThatThrownBy(() -> ServiceLog.open(state, "../etc", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../etc' cannot name a log file");
    }
}
