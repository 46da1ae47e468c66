package io.warden.supervisor.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * One line a service printed, as stored in its log file.
 *
 * <p>A line longer than 64 KiB is stored as several lines of at most 64 KiB; in the file all but
 * the last carry the stream mark {@code out+} / {@code err+} ("continues on the next line"),
 * here they are plain {@code out} / {@code err} lines.
 *
 * <p>Immutable and thread-safe.
 *
 * @param time when Warden captured the line (UTC, millisecond precision)
 * @param stream {@code "out"} for standard output, {@code "err"} for standard error
 * @param text the line without its line terminator, decoded as UTF-8
 */
public record LogLine(Instant time, String stream, String text) {

    public LogLine {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
    }
}
