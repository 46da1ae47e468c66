package io.warden.supervisor.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies one chunk of a spool file into the service's rotating log as timestamped lines, in
 * batches: each batch's spool range and log position go to the {@link Journal} before the batch
 * is appended to the log (see {@link Capture}), and its lines to the followers after. Rotates the
 * log when the next line would pass its maximum size.
 *
 * <p>Not thread safe: {@link Capture} calls it under its lock.
 */
final class ChunkCopy {

    private final RotatingLog log;
    private final Journal journal;
    private final long maxSize;
    private final InstantSource clock;
    private final LineListeners listeners;
    private final List<LogLine> batchLines = new ArrayList<>();
    private final LineFormat format = new LineFormat();
    private final DiskFull diskFull = new DiskFull();
    private Consumer<String> notes = note -> { };
    private CopyBuffers buffers; // lent for the length of one chunk

    // The chunk being copied: the capture's generation and the other stream's spool offset, for
    // the journal; the batch being assembled: which spool range its lines came from.
    private long generation;
    private long otherOffset;
    private long batchFrom;
    private long batchTo;

    ChunkCopy(RotatingLog log, Journal journal, long maxSize, InstantSource clock, LineListeners listeners) {
        this.log = log;
        this.journal = journal;
        this.maxSize = maxSize;
        this.clock = clock;
        this.listeners = listeners;
    }

    /** Who is told when output begins to be dropped and when it is logged again; must not block. */
    void notes(Consumer<String> next) {
        notes = next;
    }

    /**
     * Copies one chunk of {@code spool}.
     *
     * @param generation  the capture's generation, which the spool belongs to
     * @param otherOffset the other stream's spool offset, recorded in the journal as it is
     * @param ended       the child has exited: also copy a last line without terminator
     * @return whether anything was consumed
     */
    boolean chunk(Spool spool, long generation, long otherOffset, boolean ended) throws IOException {
        this.generation = generation;
        this.otherOffset = otherOffset;
        CopyBuffers lent = CopyBuffers.borrow();
        buffers = lent;
        try {
            byte[] chunk = lent.chunk;
            int n = spool.read(chunk);
            if (n == 0) {
                return false;
            }
            Instant now = LineFormat.stored(clock.instant());
            long base = spool.offset();
            batchFrom = base;
            batchTo = base;
            int consumed = LineScanner.scan(chunk, n, LineScanner.CAP, ended && n < chunk.length,
                    (buf, from, to, next, continues) -> add(spool, now, buf, from, to, base + next, continues));
            flush(spool);
            return consumed > 0;
        } finally {
            batchLines.clear(); // empty unless this chunk failed: then it is copied again, delivered then
            buffers = null;
            lent.giveBack();
        }
    }

    private void add(Spool spool, Instant now, byte[] buf, int from, int to, long spoolEnd, boolean continues)
            throws IOException {
        ByteBuffer batch = buffers.batch;
        int need = LineFormat.length(to - from);
        if (batch.position() + need > batch.capacity()) {
            flush(spool);
        }
        long logged = log.size() + batch.position();
        if (logged > 0 && logged + need > maxSize) {
            flush(spool);
            if (log.size() > 0) {
                log.rotate();
            }
        }
        format.write(batch, now, spool.stream(), continues, buf, from, to);
        batchTo = spoolEnd;
        if (!listeners.isEmpty()) {
            batchLines.add(new LogLine(now, spool.stream().tag, new String(buf, from, to - from, StandardCharsets.UTF_8)));
        }
    }

    /** Journal first, then the log: see {@link Capture}. */
    private void flush(Spool spool) throws IOException {
        ByteBuffer batch = buffers.batch;
        if (batch.position() == 0) {
            return;
        }
        batch.flip();
        StdStream s = spool.stream();
        long out = s == StdStream.OUT ? batchTo : otherOffset;
        long err = s == StdStream.ERR ? batchTo : otherOffset;
        boolean room = !diskFull.pending() || appendDroppedMarker();
        // A dropped batch is journaled as an empty append: a restart resumes after it, never
        // copying again a spool range whose blocks may be punched out by then.
        journal.write(new Journal.Entry(generation, out, err, s, batchFrom, log.size(), room ? batch.remaining() : 0,
                log.key()));
        if (!room) {
            dropBatch(batch);
        } else {
            try {
                log.append(batch);
            } catch (IOException e) {
                if (!DiskFull.is(e)) {
                    batchLines.clear(); // copied again on the next attempt, delivered then
                    batch.clear();
                    throw e;
                }
                journal.write(new Journal.Entry(generation, out, err, s, batchFrom, log.size(), 0, log.key()));
                dropBatch(batch);
            }
        }
        batch.clear();
        spool.advance(batchTo);
        batchFrom = batchTo;
        if (!batchLines.isEmpty()) {
            listeners.deliver(batchLines);
            batchLines.clear();
        }
    }

    /**
     * A full disk: the lines are dropped and counted (journald's rule: the service keeps running
     * and its output is lost while there is no space), and the spool moves on, so its punched
     * blocks keep the child's reserve. Listeners get nothing either: they read the log.
     */
    private void dropBatch(ByteBuffer batch) {
        String note = diskFull.dropped(batch.remaining());
        batchLines.clear();
        if (note != null) {
            notes.accept(note);
        }
    }

    /** Writes the marker of what was dropped once space returns; false while it still cannot. */
    private boolean appendDroppedMarker() throws IOException {
        try {
            log.append(diskFull.marker(format, LineFormat.stored(clock.instant())));
        } catch (IOException e) {
            if (DiskFull.is(e)) {
                return false;
            }
            throw e;
        }
        notes.accept(diskFull.reported());
        return true;
    }
}
