package io.warden.supervisor.logs;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The read chunk and the formatted batch that a {@link ChunkCopy} needs while it copies one chunk,
 * lent from a small pool that every capture of this JVM shares. A capture that owned its own
 * kept 130 KB of heap for its whole life; fifty quiet services kept 6.5 MB they almost never used.
 *
 * <p>Thread-safe.
 */
final class CopyBuffers {

    /** Buffers kept for reuse; when more captures copy at once, the extra ones are garbage after. */
    private static final int KEPT = 4;
    private static final ArrayBlockingQueue<CopyBuffers> FREE = new ArrayBlockingQueue<>(KEPT);

    /** One spool read: a longest line plus the byte that tells it was cut. */
    final byte[] chunk = new byte[LineScanner.CAP + 1];
    /** Formatted lines waiting for one append to the log. */
    final ByteBuffer batch = ByteBuffer.allocate(LineFormat.length(LineScanner.CAP) + 1024);

    private CopyBuffers() {
    }

    /** A pair of empty buffers, reused if one is free. */
    static CopyBuffers borrow() {
        CopyBuffers free = FREE.poll();
        return free != null ? free : new CopyBuffers();
    }

    /** Gives the buffers back; the caller must not touch them afterwards. */
    void giveBack() {
        batch.clear();
        FREE.offer(this);
    }
}
