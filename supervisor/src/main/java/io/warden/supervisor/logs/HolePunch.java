package io.warden.supervisor.logs;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.Closeable;
import java.lang.System.Logger.Level;
import java.nio.file.Path;

/**
 * Gives the disk space of a consumed spool range back to the file system without changing the
 * file's size: {@code fallocate(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE)} on Linux (ext4, xfs,
 * btrfs, tmpfs). The child keeps appending at the end through its {@code O_APPEND} descriptor;
 * the punched range reads as zeros and is never read again. Elsewhere, or where the file system
 * refuses, this does nothing and the spool keeps its blocks until the next generation replaces it.
 *
 * <p>Not thread-safe; used by one {@link Spool} under its owner's lock.
 */
final class HolePunch implements Closeable {

    private static final System.Logger LOG = System.getLogger(HolePunch.class.getName());

    private static final int O_WRONLY = 1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final int ENOSPC = 28;

    /** libc, bound only on 64-bit Linux where off_t is a Java long. */
    private interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    /** {@link #fd} before the first punch: most spools never grow to a reclaim step. */
    private static final int UNOPENED = -2;

    private final Path path;
    private int fd;

    private HolePunch(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * A punch for this file; one that does nothing where the platform has no punch. The file is
     * opened on the first {@link #punch}, not here: a spool is made for every start, on the path
     * from a crashed child to its replacement, and a short-lived child never needs one.
     */
    static HolePunch open(Path path) {
        return new HolePunch(path, Platform.isLinux() && Platform.is64Bit() ? UNOPENED : -1);
    }

    /** Frees the blocks of {@code [from, to)}; both should be multiples of the block size. */
    void punch(long from, long to) {
        if (fd == UNOPENED && to > from) {
            fd = openForPunching();
        }
        if (fd < 0 || to <= from) {
            return;
        }
        try {
            Holder.LIBC.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, from, to - from);
        } catch (LastErrorException e) {
            LOG.log(Level.WARNING, "the file system of " + path + " cannot punch holes (errno " + e.getErrorCode()
                    + "); the spool keeps its blocks until the service restarts");
            close();
        }
    }

    /**
     * Allocates the blocks of {@code [from, from + length)} without changing the file's size, so
     * the child's appends there need no new block: on a full disk its write does not fail (ENOSPC
     * would kill most programs), while the daemon drops what it cannot log. A full disk now leaves
     * the reserve as it is; the next reserve after a punch gets the punched blocks back.
     */
    void reserve(long from, long length) {
        if (fd == UNOPENED) {
            fd = openForPunching();
        }
        if (fd < 0 || length <= 0) {
            return;
        }
        try {
            Holder.LIBC.fallocate(fd, FALLOC_FL_KEEP_SIZE, from, length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ENOSPC) {
                close(); // no fallocate here: the spool works as before, without a reserve
            }
        }
    }

    private int openForPunching() {
        try {
            return Holder.LIBC.open(path.toString(), O_WRONLY | O_CLOEXEC);
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            LOG.log(Level.WARNING, "cannot open " + path + " to reclaim its space (" + e.getMessage()
                    + "); it keeps its blocks until the service restarts");
            return -1;
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try {
                Holder.LIBC.close(fd);
            } catch (LastErrorException ignored) {
                // Closing can only fail with EINTR/EIO here; the descriptor is gone either way.
            }
            fd = -1;
        }
    }
}
