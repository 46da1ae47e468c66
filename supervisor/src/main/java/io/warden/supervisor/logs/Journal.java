package io.warden.supervisor.logs;

import io.warden.lock.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The capture state of one service, rewritten in place before every write to the log, so that a
 * daemon killed at any instant resumes without losing, repeating or tearing a line.
 *
 * <p>The record is one fixed-size ASCII line written with a single positional write at offset 0:
 * it lies within one page, so a process killed during the write leaves the old or the new record,
 * never a mix (a power loss is another matter; logs are not fsynced). It is not replaced by
 * rename because it is written hundreds of times per second under load.
 *
 * <p>Not thread-safe; the owning {@link Capture} calls it under its lock.
 */
final class Journal implements Closeable {

    private static final int SIZE = 256;
    private static final String MAGIC = "warden-log-state 1";

    private final FileChannel channel;

    /**
     * What the journal says. Offsets are the spool positions copied so far, counting the last
     * write as done; {@code last*} and {@code log*} describe that last write so recovery can
     * check whether it reached the log.
     *
     * @param last the stream of the last write, or {@code null} when nothing was written since the
     *     generation began
     * @param logKey the identity of the log file written to ({@code "-"} where the platform has none)
     */
    record Entry(long generation, long outOffset, long errOffset, StdStream last, long lastFrom,
                 long logPosition, long logLength, String logKey) {

        static Entry start(long generation) {
            return new Entry(generation, 0, 0, null, 0, 0, 0, "-");
        }

        long offset(StdStream stream) {
            return stream == StdStream.OUT ? outOffset : errOffset;
        }

        /**
         * Whether the last append was cut short by a crash, given the log file as found: it went
         * to this very file (same key) and the file ends inside it. An append followed by a
         * rotation left another file in place, and that append was whole.
         */
        boolean tornBy(long logSize, String currentLogKey) {
            boolean sameFile = logKey.equals("-") || logKey.equals(currentLogKey);
            return last != null && sameFile && logSize >= logPosition && logSize < logPosition + logLength;
        }

        /** The state to resume from: after a torn append ({@link #tornBy}), its spool range is copied again. */
        Entry resumed(boolean torn) {
            long out = torn && last == StdStream.OUT ? lastFrom : outOffset;
            long err = torn && last == StdStream.ERR ? lastFrom : errOffset;
            return new Entry(generation, out, err, null, 0, 0, 0, "-");
        }
    }

    private Journal(FileChannel channel) {
        this.channel = channel;
    }

    static Journal open(Path file) throws IOException {
        PrivateFiles.createDirectories(file.getParent());
        return new Journal(PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    /** The stored entry, or {@code null} when there is none or it cannot be read. */
    Entry read() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        channel.read(buf, 0);
        return parse(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
    }

    void write(Entry e) throws IOException {
        String text = MAGIC + " gen=" + e.generation() + " out=" + e.outOffset() + " err=" + e.errOffset()
                + " last=" + (e.last() == null ? "-" : e.last().tag) + " from=" + e.lastFrom()
                + " at=" + e.logPosition() + " len=" + e.logLength() + " key=" + e.logKey().replace(' ', '_');
        byte[] record = new byte[SIZE];
        java.util.Arrays.fill(record, (byte) ' ');
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= SIZE) {
            throw new IllegalStateException("capture state record too long: " + text);
        }
        System.arraycopy(bytes, 0, record, 0, bytes.length);
        record[SIZE - 1] = '\n';
        ByteBuffer buf = ByteBuffer.wrap(record);
        while (buf.hasRemaining()) {
            channel.write(buf, buf.position());
        }
    }

    static Entry parse(String text) {
        if (!text.startsWith(MAGIC)) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (String token : text.substring(MAGIC.length()).trim().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        try {
            return new Entry(Long.parseLong(fields.get("gen")), Long.parseLong(fields.get("out")),
                    Long.parseLong(fields.get("err")), StdStream.ofTag(fields.get("last")),
                    Long.parseLong(fields.get("from")), Long.parseLong(fields.get("at")),
                    Long.parseLong(fields.get("len")), fields.getOrDefault("key", "-"));
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
