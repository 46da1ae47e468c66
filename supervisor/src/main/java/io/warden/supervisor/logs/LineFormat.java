package io.warden.supervisor.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The log file's line format: {@code 2025-11-21T22:52:00.123Z out text}, with {@code out+} /
 * {@code err+} for a piece of a line that continues on the next line.
 *
 * <p>The time has a fixed width (24 characters, milliseconds always written) so files line up
 * and parse without guessing. The text is copied byte for byte, never re-encoded.
 *
 * <p>Not thread-safe: an instance caches the last formatted time; use one per writer.
 */
final class LineFormat {

    /** Longest prefix: time, space, {@code out+}, space. */
    static final int MAX_PREFIX = 24 + 1 + 4 + 1;

    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private long cachedMillis = Long.MIN_VALUE;
    private byte[] cachedTime;

    /** Writes one whole line (prefix, text, {@code \n}) into {@code out}, which must have room. */
    void write(ByteBuffer out, Instant time, StdStream stream, boolean continues, byte[] text, int from, int to) {
        out.put(timeBytes(time)).put((byte) ' ');
        out.put(stream.tagBytes);
        if (continues) {
            out.put((byte) '+');
        }
        out.put((byte) ' ').put(text, from, to - from).put((byte) '\n');
    }

    /** The bytes {@link #write} needs for a text of this length. */
    static int length(int textLength) {
        return MAX_PREFIX + textLength + 1;
    }

    /** The instant as it will be stored (truncated to milliseconds). */
    static Instant stored(Instant time) {
        return Instant.ofEpochMilli(time.toEpochMilli());
    }

    private byte[] timeBytes(Instant time) {
        long millis = time.toEpochMilli();
        if (millis != cachedMillis) {
            cachedTime = TIME.format(time).getBytes(StandardCharsets.US_ASCII);
            cachedMillis = millis;
        }
        return cachedTime;
    }

    /**
     * Reads one stored line back, without its terminator.
     *
     * @return the line, or {@code null} when the bytes are not in this format
     */
    static LogLine parse(byte[] line, int from, int to) {
        int timeEnd = from + 24;
        if (to - from < 24 + 1 + 3 + 1 || line[timeEnd - 1] != 'Z' || line[timeEnd] != ' ') {
            return null;
        }
        int tagEnd = timeEnd + 1;
        while (tagEnd < to && line[tagEnd] != ' ') {
            tagEnd++;
        }
        String tag = new String(line, timeEnd + 1, tagEnd - timeEnd - 1, StandardCharsets.US_ASCII);
        StdStream stream = StdStream.ofTag(tag.endsWith("+") ? tag.substring(0, tag.length() - 1) : tag);
        if (stream == null || tagEnd >= to) {
            return null;
        }
        try {
            Instant time = Instant.parse(new String(line, from, 24, StandardCharsets.US_ASCII));
            return new LogLine(time, stream.tag, new String(line, tagEnd + 1, to - tagEnd - 1, StandardCharsets.UTF_8));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
