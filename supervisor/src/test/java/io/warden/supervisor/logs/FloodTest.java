package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child prints 50 MB as fast as it can with {@code maxSize: 1MB, keep: 3}: exactly 4 files,
 * each full up to a line boundary, every line the kept files can hold present and whole. The
 * child's own writing time through Warden and to /dev/null is printed for the record (no timing
 * is asserted: this machine is shared).
 */
class FloodTest {

    private static final long BYTES = 50L << 20;
    private static final long LINES = BYTES / Printer.FLOOD_LINE;
    private static final long MAX_SIZE = 1L << 20;
    /** A stored flood line: time, " out ", the child's 99 bytes. */
    private static final String STORED = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z out \\d{9} x{89}";

    @TempDir
    Path state;

    @Test
    void flood_50MB_keepsExactly4FullFilesOfWholeConsecutiveLines() throws Exception {
        long toDevNull = writingNanos(null, ProcessBuilder.Redirect.DISCARD);
        Path plain = state.resolve("plain.txt");
        long toPlainFile = writingNanos(null, ProcessBuilder.Redirect.to(plain.toFile()));
        Files.delete(plain);
        long throughWarden;
        try (ServiceLog log = ServiceLog.open(state, "flood", new LogSettings(DataSize.ofBytes(MAX_SIZE), 3))) {
            throughWarden = writingNanos(log, null);
            String last = String.format("%09d", LINES - 1);
            await().atMost(Duration.ofMinutes(2)).until(() -> log.tail(1).stream().anyMatch(l -> l.text().startsWith(last)));
        }
        System.out.printf("flood 50 MB: child writing time %d ms through Warden, %d ms to /dev/null (ratio %.2f), "
                + "%d ms to a plain file (ratio %.2f)%n", throughWarden / 1_000_000, toDevNull / 1_000_000,
                (double) throughWarden / toDevNull, toPlainFile / 1_000_000, (double) throughWarden / toPlainFile);

        List<Path> files = LogFiles.oldestFirst(state, "flood");
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("flood.log.3", "flood.log.2", "flood.log.1", "flood.log");
        int storedLength = 24 + 5 + Printer.FLOOD_LINE; // with its newline
        for (Path rotated : files.subList(0, 3)) {
            assertThat(Files.size(rotated)).isLessThanOrEqualTo(MAX_SIZE).isGreaterThan(MAX_SIZE - storedLength);
        }
        List<String> lines = LogFiles.lines(state, "flood");
        assertThat(lines).allMatch(l -> l.matches(STORED), "every line whole");
        long first = Long.parseLong(lines.get(0).substring(29, 38));
        for (int i = 0; i < lines.size(); i++) {
            assertThat(Long.parseLong(lines.get(i).substring(29, 38))).isEqualTo(first + i);
        }
        assertThat(first + lines.size()).isEqualTo(LINES);
        // The spool gave its blocks back as it went: under 1 MiB on disk of the 50 MB written.
        if (System.getProperty("os.name").startsWith("Linux")) {
            Path spool = LogFiles.spool(state, "flood", 1);
            assertThat(Files.size(spool)).isEqualTo(BYTES - BYTES % Printer.FLOOD_LINE);
            assertThat(diskUsage(spool)).isLessThan(1L << 20);
        }
    }

    /** Bytes the file occupies on disk, as du counts them (the JDK has no attribute for it). */
    private static long diskUsage(Path file) throws Exception {
        Process du = new ProcessBuilder("du", "--block-size=1", file.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(du.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    /** Runs the flood child, through the log or to the redirect, and returns its own writing time. */
    private long writingNanos(ServiceLog log, ProcessBuilder.Redirect redirect) throws Exception {
        Path timeFile = Files.createTempFile(state, "time", ".txt");
        ProcessBuilder builder = Fixtures.java(Printer.class, "flood", Long.toString(BYTES), timeFile.toString());
        if (log == null) {
            builder.redirectOutput(redirect);
        } else {
            Fixtures.attached(log, builder);
        }
        Process child = builder.start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).isZero();
        return Long.parseLong(Files.readString(timeFile));
    }
}
