package io.warden.supervisor.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Output dropped for lack of space since the last line that could be logged, the marker line that
 * reports it once space returns, and the two notes (dropping begins, logging again) the service's
 * events show. Not thread safe: owned by a {@link ChunkCopy} under its capture's lock.
 */
final class DiskFull {

    private long dropped;

    /** Whether a write failed for lack of space (ENOSPC, or EDQUOT: a quota is a full disk to its user). */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** Counts {@code bytes} dropped; returns the note to record when this begins a drop, else null. */
    String dropped(long bytes) {
        boolean first = dropped == 0 && bytes > 0;
        dropped += bytes;
        return first ? "output dropped: no space left on device for the log (the service keeps running; "
                + "a marker line counts what was lost once there is space)" : null;
    }

    /** Whether output was dropped and no marker has said so yet. */
    boolean pending() {
        return dropped > 0;
    }

    /** The line {@code [warden] N bytes of output dropped: no space left on device}, formatted for the log. */
    ByteBuffer marker(LineFormat format, Instant now) {
        byte[] text = ("[warden] " + dropped + " bytes of output dropped: no space left on device")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer marker = ByteBuffer.allocate(LineFormat.length(text.length));
        format.write(marker, now, StdStream.ERR, false, text, 0, text.length);
        return marker.flip();
    }

    /** The marker is in the log; returns the note to record. */
    String reported() {
        String note = "output logged again: " + dropped + " bytes were dropped for lack of space";
        dropped = 0;
        return note;
    }
}
