package io.warden.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * An exclusive, named instance lock: at most one holder per name and state directory, across
 * processes and threads.
 *
 * <p>The kernel lock on {@code NAME.lock} decides; it is released by {@link #close()}, at normal
 * JVM exit, and by the kernel when the holder dies (kill -9 included). {@code NAME.pid} beside it
 * is written atomically for humans and tools. A stale or corrupt PID file left by a dead holder is
 * replaced and the replacement is logged; it never blocks a start. The lock file itself is never
 * deleted: deleting and recreating it would let two holders lock two different files.
 *
 * <p>Thread safety: {@code acquire} may be called from any thread; a second attempt from this JVM
 * while the lock is held is refused like one from another process. Instances are safe to use
 * from several threads.
 */
public final class InstanceLock implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * How long a refused attempt waits for the winner of a race to write its PID file. Only a race
     * waits (a settled holder's file is there at once); 1 s was too short for 16 JVMs starting
     * together on a 2-core machine at load 30, and the refusal then could not name the holder.
     */
    private static final long HOLDER_WAIT_NANOS = 3_000_000_000L;

    /**
     * Locks held by this JVM, by lock file. File locks belong to the whole JVM, so this registry
     * must be JVM-wide too: it answers same-JVM attempts and keeps exactly one channel per file.
     */
    private static final Map<Path, Object> HELD = new ConcurrentHashMap<>();
    /** Stands in {@link #HELD} while an attempt of this JVM is between reserving and locking. */
    private static final Object RESERVATION = new Object();
    private static final Object EXIT_HOOK_GUARD = new Object();
    private static volatile boolean exitHookInstalled;

    private final String name;
    private final Path lockFile;
    private final PidFile pidFile;
    private final FileChannel channel;
    private final FileLock fileLock;
    private final PidRecord previous;
    private volatile PidRecord record;
    private boolean closed;

    private InstanceLock(String name, Path lockFile, PidFile pidFile, FileChannel channel, FileLock fileLock,
                         PidRecord previous, PidRecord record) {
        this.name = name;
        this.lockFile = lockFile;
        this.pidFile = pidFile;
        this.channel = channel;
        this.fileLock = fileLock;
        this.previous = previous;
        this.record = record;
    }

    /**
     * Takes the lock for {@code name} in {@code stateDir} (created when missing) and writes the
     * PID file.
     *
     * @param record what to write into the PID file; its PID should be this process's
     * @throws AlreadyRunningException when another process or thread holds the lock
     * @throws LockException           when the name is invalid or the state directory cannot be
     *                                 created or written; the message names the path and why
     */
    public static InstanceLock acquire(Path stateDir, String name, PidRecord record) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new LockException("invalid instance name '" + name
                    + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Path dir = PrivateFiles.directory(stateDir);
        Path lockFile = dir.resolve(name + ".lock");
        PidFile pidFile = new PidFile(dir.resolve(name + ".pid"));

        if (HELD.putIfAbsent(lockFile, RESERVATION) != null) {
            throw refused(name, pidFile);
        }
        try {
            FileChannel channel = openLockFile(lockFile);
            FileLock fileLock;
            try {
                fileLock = channel.tryLock();
            } catch (OverlappingFileLockException | IOException e) {
                fileLock = null;
            }
            if (fileLock == null) {
                closeQuietly(channel);
                HELD.remove(lockFile, RESERVATION);
                throw refused(name, pidFile);
            }
            PidRecord[] previousAndWritten;
            try {
                previousAndWritten = replaceLeftover(pidFile, record);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
            InstanceLock lock = new InstanceLock(name, lockFile, pidFile, channel, fileLock, previousAndWritten[0],
                    previousAndWritten[1]);
            HELD.put(lockFile, lock);
            installExitHook();
            return lock;
        } catch (RuntimeException e) {
            HELD.remove(lockFile, RESERVATION);
            throw e;
        }
    }

    /** The instance name. */
    public String name() {
        return name;
    }

    /** The lock file, {@code NAME.lock}; empty, and kept between holders. */
    public Path lockFile() {
        return lockFile;
    }

    /** The PID file, {@code NAME.pid}. */
    public Path pidFile() {
        return pidFile.path();
    }

    /** What the PID file says now. */
    public PidRecord record() {
        return record;
    }

    /**
     * The PID file a previous, now dead, holder left behind, when it was readable. Its child may
     * still run: see {@link #survivor()}.
     */
    public Optional<PidRecord> previous() {
        return Optional.ofNullable(previous);
    }

    /**
     * The child that the previous holder ran and that outlived it (the wrapper or the supervisor
     * was killed, the service kept running), recognised by PID and start instant. While it runs,
     * {@link #record()} names it as this holder's child: adopt it, or stop it and
     * {@link #update} the record without it.
     */
    public Optional<ProcessHandle> survivor() {
        return previous == null ? Optional.empty() : previous.liveChild();
    }

    /** Rewrites the PID file atomically, for example when the child starts or exits. */
    public synchronized void update(PidRecord newRecord) {
        if (closed) {
            throw new IllegalStateException("the lock for " + name + " is released");
        }
        pidFile.write(newRecord);
        record = newRecord;
    }

    /** Whether this object still holds the lock. */
    public synchronized boolean isHeld() {
        return !closed && fileLock.isValid();
    }

    /**
     * Releases the lock. The PID file is deleted first, unless the child it records still runs:
     * then it stays, so the next holder recognises that child instead of starting a second copy.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Delete before releasing: afterwards the file may already be the next holder's.
        if (record.liveChild().isEmpty()) {
            pidFile.delete();
        }
        try {
            fileLock.release();
        } catch (IOException e) {
            // Closing the channel below releases it as well.
        }
        closeQuietly(channel);
        HELD.remove(lockFile, this);
    }

    @Override
    public String toString() {
        return "InstanceLock[" + name + ", " + lockFile + (closed ? ", released]" : ", held]");
    }

    private static FileChannel openLockFile(Path lockFile) {
        try {
            return PrivateFiles.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new LockException("cannot write lock file " + lockFile + ": permission denied", e);
        } catch (FileSystemException e) {
            throw new LockException("cannot write lock file " + PrivateFiles.message(e), e);
        } catch (IOException e) {
            throw new LockException("cannot write lock file " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads what a dead holder left, logs its replacement, and writes ours. A child of the dead
     * holder that still runs is carried into our record: the instance is still running, and the
     * file must keep saying so until that child is stopped or adopted.
     */
    private static PidRecord[] replaceLeftover(PidFile pidFile, PidRecord record) {
        PidRecord previous = null;
        // instanceof rather than a pattern switch: its bootstrap costs milliseconds on every start.
        PidFile.Content content = pidFile.read();
        if (content instanceof PidFile.Content.Valid valid) {
            previous = valid.record();
            log("replaced stale PID file " + pidFile.path() + " (PID " + previous.pid()
                    + " no longer holds the lock" + (previous.liveChild().isPresent()
                    ? "; its child PID " + previous.childPid() + " still runs" : "") + ")");
        } else if (content instanceof PidFile.Content.Corrupt corrupt) {
            log("replaced corrupt PID file " + pidFile.path() + " (" + corrupt.reason() + ")");
        }
        PidRecord written = previous != null && previous.liveChild().isPresent() && !record.hasChild()
                ? record.withChildOf(previous) : record;
        pidFile.write(written);
        return new PidRecord[] {previous, written};
    }

    /**
     * The refusal, naming the holder. The winner of a race writes its PID file just after locking,
     * so wait briefly for a file whose holder is alive rather than quoting a dead one's.
     */
    private static AlreadyRunningException refused(String name, PidFile pidFile) {
        long deadline = System.nanoTime() + HOLDER_WAIT_NANOS;
        while (true) {
            if (pidFile.read() instanceof PidFile.Content.Valid valid && valid.record().liveHolder().isPresent()) {
                return new AlreadyRunningException(name, pidFile.path(), valid.record());
            }
            if (System.nanoTime() - deadline > 0) {
                return new AlreadyRunningException(name, pidFile.path(), null);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }

    private static void installExitHook() {
        if (exitHookInstalled) {
            return;
        }
        synchronized (EXIT_HOOK_GUARD) {
            if (!exitHookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(InstanceLock::releaseAll, "warden-lock-release"));
                exitHookInstalled = true;
            }
        }
    }

    private static void releaseAll() {
        HELD.values().forEach(entry -> {
            if (entry instanceof InstanceLock lock) {
                lock.close();
            }
        });
    }

    private static void log(String message) {
        // Looked up only when needed: finding the logger backend costs start-up time.
        System.getLogger(InstanceLock.class.getName()).log(System.Logger.Level.WARNING, message);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
