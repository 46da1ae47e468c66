package io.warden.supervisor.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One output stream of one child generation: the regular file the child appends to (through an
 * {@code O_APPEND} descriptor the daemon handed it at start) and how far the daemon has copied it.
 *
 * <p>A regular file never blocks its writer and never raises SIGPIPE, whoever reads it or not;
 * that is why the child's output survives the daemon. Copied ranges are punched out, so the file
 * is large only in its apparent size.
 *
 * <p>Not thread-safe; used by its {@link Capture} under its lock.
 */
final class Spool implements Closeable {

    /** Reclaim in steps of at least this much, aligned to 4 KiB blocks. */
    private static final long RECLAIM_STEP = 256 * 1024;
    private static final long BLOCK = 4096;

    private final StdStream stream;
    private final Path path;
    private final FileChannel channel;
    private final HolePunch punch;
    private long offset;
    private long reclaimed;

    private Spool(StdStream stream, Path path, long offset) throws IOException {
        this.stream = stream;
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        // A spool shorter than the recorded offset was replaced behind our back: start over.
        this.offset = offset <= channel.size() ? offset : 0;
        this.punch = HolePunch.open(path);
    }

    /** A new, empty spool for a child about to start. */
    static Spool create(StdStream stream, Path path) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[0]); // create or truncate
        return new Spool(stream, path, 0);
    }

    /** The spool of a child started earlier, copied up to {@code offset}. */
    static Spool reopen(StdStream stream, Path path, long offset) throws IOException {
        if (!Files.exists(path)) {
            Files.createDirectories(path.getParent());
            Files.write(path, new byte[0]);
        }
        return new Spool(stream, path, offset);
    }

    StdStream stream() {
        return stream;
    }

    Path path() {
        return path;
    }

    long offset() {
        return offset;
    }

    /** Reads what follows the copied part into {@code buf} (from its start); returns the byte count. */
    int read(byte[] buf) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buf);
        while (target.hasRemaining()) {
            int n = channel.read(target, offset + target.position());
            if (n <= 0) {
                break;
            }
        }
        return target.position();
    }

    /** Marks everything before {@code to} as copied and gives its blocks back. */
    void advance(long to) {
        offset = to;
        long aligned = to - to % BLOCK;
        if (aligned - reclaimed >= RECLAIM_STEP) {
            punch.punch(reclaimed, aligned);
            reclaimed = aligned;
        }
    }

    @Override
    public void close() throws IOException {
        punch.close();
        channel.close();
    }
}
