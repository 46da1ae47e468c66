package io.warden.supervisor.logs;

import io.warden.lock.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;

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
    /** Blocks kept allocated past the spool's end for the child's next writes (see HolePunch#reserve). */
    static final long RESERVE = 256 * 1024;
    private static final Set<StandardOpenOption> CREATE_OR_TRUNCATE = EnumSet.of(StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.READ);

    private final StdStream stream;
    private final Path path;
    private final FileChannel channel;
    private final HolePunch punch;
    private long offset;
    private long reclaimed;
    private long reservedTo;

    private Spool(StdStream stream, Path path, FileChannel channel, long offset) throws IOException {
        this.stream = stream;
        this.path = path;
        this.channel = channel;
        // A spool shorter than the recorded offset was replaced behind our back: start over.
        this.offset = offset <= channel.size() ? offset : 0;
        this.punch = HolePunch.open(path);
    }

    /**
     * A new, empty spool for a child about to start: one open that creates or truncates it (the
     * daemon never writes through it). The directory is made only when missing: this runs for
     * every start, and creating an existing directory costs a failed mkdir and an exception.
     */
    static Spool create(StdStream stream, Path path) throws IOException {
        FileChannel channel;
        try {
            channel = PrivateFiles.open(path, CREATE_OR_TRUNCATE);
        } catch (NoSuchFileException e) {
            PrivateFiles.createDirectories(path.getParent());
            channel = PrivateFiles.open(path, CREATE_OR_TRUNCATE);
        }
        Spool spool = new Spool(stream, path, channel, 0);
        spool.reserveAhead(0); // so a child started on a full disk can still write its first lines
        return spool;
    }

    /** The spool of a child started earlier, copied up to {@code offset}. */
    static Spool reopen(StdStream stream, Path path, long offset) throws IOException {
        if (!Files.exists(path)) {
            return create(stream, path);
        }
        return new Spool(stream, path, PrivateFiles.open(path, StandardOpenOption.READ), offset);
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
        if (to + RESERVE / 2 > reservedTo) {
            reserveAhead(to);
        }
    }

    /** Keeps {@link #RESERVE} bytes allocated after the child's end of file. */
    void reserveAhead(long end) {
        long from = end - end % BLOCK;
        punch.reserve(from, RESERVE);
        reservedTo = from + RESERVE;
    }

    @Override
    public void close() throws IOException {
        punch.close();
        channel.close();
    }
}
