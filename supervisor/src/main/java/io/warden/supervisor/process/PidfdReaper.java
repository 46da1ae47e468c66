package io.warden.supervisor.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import io.warden.os.OsFamily;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reaps the children {@link LinuxSpawner} started, all of them on one platform thread: it polls a
 * pidfd per child (readable once the child has exited) plus an eventfd that wakes it when a child is
 * added, reaps each ready child with {@code waitid(P_PIDFD)} and completes its exit future.
 *
 * <p>One per JVM ({@link #shared()}), as the JDK's own reaper: children belong to the process, and a
 * child spawned by one supervisor may be adopted by another in the same JVM. The thread is a daemon
 * thread that lives as long as the JVM, asleep in {@code poll} while no child exits.
 *
 * <p>Thread safety: {@link #open} and {@link #watch} may be called from any thread; only the reaping
 * thread removes a child and closes its pidfd, so a descriptor is never closed while polled.
 */
final class PidfdReaper {

    private static final System.Logger LOG = System.getLogger(PidfdReaper.class.getName());
    /** sizeof(struct pollfd): int fd, short events, short revents. */
    private static final int POLLFD = 8;
    private static final long BACKOFF_NANOS = 10_000_000;

    /**
     * PIDs being watched: {@link Subreaper} must not reap them (it would take their exit code).
     * Static so that asking does not start the reaper.
     */
    private static final Set<Long> WATCHED = ConcurrentHashMap.newKeySet();

    private final LibC libc;
    private final long pidfdOpen;
    private final int wake;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Watched> children = new HashMap<>(); // guarded by lock

    private record Watched(long pid, int pidfd, CompletableFuture<Integer> exit) {
    }

    private PidfdReaper(LibC libc, long pidfdOpen, int wake) {
        this.libc = libc;
        this.pidfdOpen = pidfdOpen;
        this.wake = wake;
    }

    /** The JVM's reaper, started on first use; empty when the kernel or the architecture lacks pidfds. */
    static Optional<PidfdReaper> shared() {
        return Holder.SHARED;
    }

    /** Whether the reaper watches {@code pid}, a child it will reap. */
    static boolean watches(long pid) {
        return WATCHED.contains(pid);
    }

    /**
     * Opens a pidfd on a child just spawned; it works on a child that has already exited, which
     * stays a zombie until it is reaped, and only this reaper reaps it.
     *
     * @return the descriptor (close-on-exec, as every pidfd), or -1 with the error in {@link Native#getLastError()}
     */
    int open(long pid) {
        return (int) libc.syscall(pidfdOpen, pid, 0);
    }

    /** Takes over the pidfd: the future completes with the child's exit code once it is reaped. */
    CompletableFuture<Integer> watch(long pid, int pidfd) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        WATCHED.add(pid);
        lock.lock();
        try {
            children.put(pid, new Watched(pid, pidfd, exit));
        } finally {
            lock.unlock();
        }
        libc.write(wake, new long[] {1}, Long.BYTES);
        return exit;
    }

    private void run() {
        Memory fds = new Memory(POLLFD * 64L);
        List<Watched> polled = new ArrayList<>();
        while (true) {
            try {
                polled.clear();
                lock.lock();
                try {
                    polled.addAll(children.values());
                } finally {
                    lock.unlock();
                }
                int count = polled.size() + 1;
                if (fds.size() < (long) count * POLLFD) {
                    fds = new Memory(POLLFD * 2L * count);
                }
                set(fds, 0, wake);
                for (int i = 1; i < count; i++) {
                    set(fds, i, polled.get(i - 1).pidfd());
                }
                if (libc.poll(fds, count, -1) < 0) {
                    if (Native.getLastError() != LibC.EINTR) {
                        LockSupport.parkNanos(BACKOFF_NANOS); // ENOMEM: try again shortly
                    }
                    continue;
                }
                if (revents(fds, 0) != 0) {
                    libc.read(wake, new long[1], Long.BYTES);
                }
                for (int i = 1; i < count; i++) {
                    if (revents(fds, i) != 0) {
                        reap(polled.get(i - 1));
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // Without this thread no child's exit would be seen again: log and go on.
                LOG.log(Level.ERROR, "reaping children: " + e, e);
                LockSupport.parkNanos(BACKOFF_NANOS);
            }
        }
    }

    private void reap(Watched child) {
        int[] siginfo = new int[32];
        Integer code;
        if (libc.waitid(LibC.P_PIDFD, child.pidfd(), siginfo, LibC.WEXITED | LibC.WNOHANG) == 0) {
            if (siginfo[LibC.SIGINFO_PID] == 0) {
                return; // not exited after all
            }
            code = siginfo[LibC.SIGINFO_CODE] == LibC.CLD_EXITED ? siginfo[LibC.SIGINFO_STATUS]
                    : 128 + siginfo[LibC.SIGINFO_STATUS];
        } else {
            int errno = Native.getLastError();
            if (errno == LibC.EINTR) {
                return;
            }
            // ECHILD: reaped by another waitid or waitpid, which took the code with it.
            code = null;
        }
        lock.lock();
        try {
            children.remove(child.pid());
        } finally {
            lock.unlock();
        }
        WATCHED.remove(child.pid());
        libc.close(child.pidfd());
        child.exit().complete(code);
    }

    private static void set(Memory fds, int index, int fd) {
        fds.setInt((long) index * POLLFD, fd);
        fds.setShort((long) index * POLLFD + 4, LibC.POLLIN);
        fds.setShort((long) index * POLLFD + 6, (short) 0);
    }

    private static short revents(Memory fds, int index) {
        return fds.getShort((long) index * POLLFD + 6);
    }

    /** pidfd_open's number: 434 wherever the kernel's unified table applies; unknown elsewhere. */
    private static long pidfdOpenNumber() {
        return switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "aarch64" -> 434;
            default -> -1;
        };
    }

    private static Optional<PidfdReaper> start() {
        long number = pidfdOpenNumber();
        if (!OsFamily.isLinux() || number < 0) {
            return Optional.empty();
        }
        try {
            LibC libc = LibC.get();
            // Probe both calls on this JVM's own pidfd: pidfd_open needs Linux 5.3, waitid(P_PIDFD)
            // 5.4 (on 5.3 it fails with EINVAL; on 5.4 with ECHILD, this JVM being no child of its own).
            int self = (int) libc.syscall(number, ProcessHandle.current().pid(), 0);
            if (self < 0) {
                return Optional.empty();
            }
            int probe = libc.waitid(LibC.P_PIDFD, self, new int[32], LibC.WEXITED | LibC.WNOHANG);
            int errno = Native.getLastError();
            libc.close(self);
            if (probe == 0 || errno != LibC.ECHILD) {
                return Optional.empty();
            }
            int wake = libc.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
            if (wake < 0) {
                return Optional.empty();
            }
            PidfdReaper reaper = new PidfdReaper(libc, number, wake);
            Thread.ofPlatform().daemon().name("warden-reaper").start(reaper::run);
            return Optional.of(reaper);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final class Holder {
        static final Optional<PidfdReaper> SHARED = start();

        private Holder() {
        }
    }
}
