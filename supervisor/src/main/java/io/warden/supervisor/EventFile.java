package io.warden.supervisor;

import io.warden.supervisor.logs.RotatingLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * {@code events.log}, rotated by size like a service log ({@code events.log.1} ..
 * {@code .keep}). Each event is one line written by one append; rotation happens between lines, by
 * rename only. A line that a kill -9 or a full disk cut short was never acknowledged and is cut
 * off when the file is next opened, so readers never see a torn line and no acknowledged line is
 * lost by a rotation.
 *
 * <p>Not thread-safe: {@link EventLog} calls it under its lock.
 */
final class EventFile implements AutoCloseable {

    private final Path file;
    private final EventLogSettings settings;
    private RotatingLog log;

    EventFile(Path file, EventLogSettings settings) {
        this.file = file;
        this.settings = settings;
    }

    Path path() {
        return file;
    }

    /** Appends one JSON line (ending in a newline); rotates first when it would not fit. */
    void append(byte[] line) throws IOException {
        try {
            if (log == null) {
                log = RotatingLog.open(file, settings.keep());
                log.cutTornTail();
            }
            if (log.size() > 0 && log.size() + line.length > settings.maxSize().bytes()) {
                log.rotate();
            }
            log.append(ByteBuffer.wrap(line));
        } catch (IOException e) {
            // Opened afresh by the next append (a failed rotation may leave the file closed).
            try {
                close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (log != null) {
            RotatingLog closing = log;
            log = null;
            closing.close();
        }
    }
}
