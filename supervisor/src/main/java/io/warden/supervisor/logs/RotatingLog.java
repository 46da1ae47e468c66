package io.warden.supervisor.logs;

import io.warden.lock.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An append-only file and its rotated predecessors: a service's log, or the daemon's
 * {@code events.log}. Rotation renames ({@code NAME.log.i} to {@code .i+1}, {@code NAME.log} to
 * {@code .1}) and starts a new file: nothing is copied or truncated, so a reader holding the old
 * file keeps reading whole lines, and a process killed between two renames loses nothing. The
 * caller decides when to rotate, at a line boundary.
 *
 * <p>Not thread-safe; the owner (a {@link Capture}, the event log) calls it under its lock.
 */
public final class RotatingLog implements Closeable {

    private static final System.Logger LOG = System.getLogger(RotatingLog.class.getName());

    private final Path log;
    private final IntFunction<Path> rotated;
    private final int keep;
    private FileChannel channel;
    private long size;
    private String key;

    RotatingLog(LogPaths paths, int keep) throws IOException {
        this(paths.log(), paths::rotated, keep);
    }

    private RotatingLog(Path log, IntFunction<Path> rotated, int keep) throws IOException {
        this.log = log;
        this.rotated = rotated;
        this.keep = keep;
        PrivateFiles.createDirectories(log.toAbsolutePath().getParent());
        open();
    }

    /** Opens (creates) {@code file} for appending; its rotated files are {@code file.1} .. {@code file.keep}. */
    public static RotatingLog open(Path file, int keep) throws IOException {
        return new RotatingLog(file, i -> file.resolveSibling(file.getFileName() + "." + i), keep);
    }

    private void open() throws IOException {
        channel = PrivateFiles.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        PrivateFiles.tighten(log); // a log an older Warden made 0644
        size = channel.size();
        Object fileKey = Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        key = fileKey == null ? "-" : fileKey.toString().replace(' ', '_');
    }

    public long size() {
        return size;
    }

    /** The identity of the current file (device and inode on Unix), {@code "-"} where there is none. */
    String key() {
        return key;
    }

    /** Appends whole lines; on failure the file is cut back so that no partial line stays. */
    public void append(ByteBuffer lines) throws IOException {
        long before = size;
        try {
            while (lines.hasRemaining()) {
                size += channel.write(lines);
            }
        } catch (IOException e) {
            truncate(before);
            throw e;
        }
    }

    /**
     * Cuts off a last line without its newline: the part of an append that a kill -9 or a full
     * disk interrupted. The caller was never told that line was written, so nothing it was told
     * about is lost.
     */
    public void cutTornTail() throws IOException {
        if (size == 0) {
            return;
        }
        try (FileChannel reader = PrivateFiles.open(log, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            long end = size;
            while (end > 0) {
                long start = Math.max(0, end - chunk.capacity());
                chunk.clear().limit((int) (end - start));
                while (chunk.hasRemaining() && reader.read(chunk, start + chunk.position()) >= 0) {
                    // until the whole range is read
                }
                for (int i = chunk.position() - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        if (start + i + 1 < size) {
                            truncate(start + i + 1);
                        }
                        return;
                    }
                }
                end = start;
            }
        }
        truncate(0);
    }

    public void truncate(long length) throws IOException {
        channel.truncate(length);
        size = channel.size();
    }

    public void rotate() throws IOException {
        channel.close();
        try {
            for (int i = keep + 1; Files.exists(rotated.apply(i)); i++) {
                Files.delete(rotated.apply(i)); // left over from a larger keep
            }
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated.apply(i))) {
                    Files.move(rotated.apply(i), rotated.apply(i + 1), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(log, rotated.apply(1), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Windows refuses to rename a file another program holds open. Growing past maxSize
            // for a while beats losing lines; the next rotation tries again.
            LOG.log(Level.WARNING, "cannot rotate " + log + " (" + e + "); appending to it until a "
                    + "later rotation succeeds");
        }
        open();
    }

    /** The log files that exist, newest first: {@code NAME.log}, {@code NAME.log.1} .. {@code .keep}. */
    public List<Path> newestFirst() {
        List<Path> files = new ArrayList<>();
        files.add(log);
        for (int i = 1; i <= keep; i++) {
            if (Files.exists(rotated.apply(i))) {
                files.add(rotated.apply(i));
            }
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
