package io.warden.supervisor.logs;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's log file and its rotated predecessors. Rotation renames ({@code NAME.log.i} to
 * {@code .i+1}, {@code NAME.log} to {@code .1}) and starts a new file: nothing is copied or
 * truncated, so a reader holding the old file keeps reading whole lines. The caller decides
 * when to rotate, at a line boundary.
 *
 * <p>Not thread-safe; the owning {@link Capture} calls it under its lock.
 */
final class RotatingLog implements Closeable {

    private static final System.Logger LOG = System.getLogger(RotatingLog.class.getName());

    private final LogPaths paths;
    private final int keep;
    private FileChannel channel;
    private long size;
    private String key;

    RotatingLog(LogPaths paths, int keep) throws IOException {
        this.paths = paths;
        this.keep = keep;
        Files.createDirectories(paths.log().getParent());
        open();
    }

    private void open() throws IOException {
        channel = FileChannel.open(paths.log(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        Object fileKey = Files.readAttributes(paths.log(), BasicFileAttributes.class).fileKey();
        key = fileKey == null ? "-" : fileKey.toString().replace(' ', '_');
    }

    long size() {
        return size;
    }

    /** The identity of the current file (device and inode on Unix), {@code "-"} where there is none. */
    String key() {
        return key;
    }

    /** Appends whole lines; on failure the file is cut back so that no partial line stays. */
    void append(ByteBuffer lines) throws IOException {
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

    void truncate(long length) throws IOException {
        channel.truncate(length);
        size = channel.size();
    }

    void rotate() throws IOException {
        channel.close();
        try {
            for (int i = keep + 1; Files.exists(paths.rotated(i)); i++) {
                Files.delete(paths.rotated(i)); // left over from a larger keep
            }
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(paths.rotated(i))) {
                    Files.move(paths.rotated(i), paths.rotated(i + 1), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(paths.log(), paths.rotated(1), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Windows refuses to rename a file another program holds open. Growing past maxSize
            // for a while beats losing lines; the next rotation tries again.
            LOG.log(Level.WARNING, "cannot rotate " + paths.log() + " (" + e + "); appending to it until a "
                    + "later rotation succeeds");
        }
        open();
    }

    /** The log files that exist, newest first: {@code NAME.log}, {@code NAME.log.1} .. {@code .keep}. */
    List<Path> newestFirst() {
        List<Path> files = new ArrayList<>();
        files.add(paths.log());
        for (int i = 1; i <= keep; i++) {
            if (Files.exists(paths.rotated(i))) {
                files.add(paths.rotated(i));
            }
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
