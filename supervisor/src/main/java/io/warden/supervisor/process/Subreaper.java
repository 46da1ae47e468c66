package io.warden.supervisor.process;

import com.sun.jna.Native;
import io.warden.os.OsFamily;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes the daemon a child subreaper on Linux ({@code prctl(PR_SET_CHILD_SUBREAPER)}): processes
 * that a service's children orphan (a double fork, a reloader's workers) are re-parented to the
 * daemon instead of init, so they are still found and stopped.
 *
 * <p>The daemon then becomes the parent of processes it did not start, and must reap them when
 * they die: {@link #reapOrphans()} does, for zombies it has seen on two successive calls. Children
 * the daemon started are reaped the moment they exit, by the JDK's reaper or by {@code PidfdReaper}
 * (its thread waits in {@code poll} on their pidfds and reaps within milliseconds), so a zombie still
 * there on the next sweep, 2 s later, is an orphan; reaping a started child would hide its exit
 * code. The PIDs {@code PidfdReaper} watches are skipped all the same, so that not even a reaper
 * thread starved for two seconds loses a code to a sweep.
 *
 * <p>The subreaper flag belongs to the process and cannot be cleared, so the reaping duty is the
 * process's too: {@link #enable()} starts one daemon thread per JVM that sweeps every two seconds
 * for as long as the JVM lives, whichever supervisor enabled it and whether it still runs.
 *
 * <p>Thread safety: {@link #reapOrphans()} is synchronized; the sweeper is the only caller.
 */
public final class Subreaper {

    private static final java.util.concurrent.atomic.AtomicBoolean SWEEPING = new java.util.concurrent.atomic.AtomicBoolean();

    private final Set<Long> zombiesSeen = new HashSet<>();

    private Subreaper() {
        // One per JVM, made by enable().
    }

    /**
     * Makes this JVM a child subreaper.
     *
     * @return true when it is one now; false on other OSes than Linux or when the kernel refuses
     */
    public static boolean enable() {
        if (!OsFamily.isLinux()) {
            return false;
        }
        try {
            if (LibC.get().prctl(LibC.PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L) != 0) {
                return false;
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
        if (SWEEPING.compareAndSet(false, true)) {
            Subreaper reaper = new Subreaper();
            Thread.ofVirtual().name("warden-subreaper").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(2_000);
                        reaper.reapOrphans();
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException | LinkageError e) {
                        // A failed sweep is retried on the next one.
                    }
                }
            });
        }
        return true;
    }

    /** Whether this JVM is a child subreaper (Linux only). */
    public static boolean isEnabled() {
        if (!OsFamily.isLinux()) {
            return false;
        }
        try {
            int[] value = new int[1];
            return LibC.get().prctl(LibC.PR_GET_CHILD_SUBREAPER, value, 0L, 0L, 0L) == 0 && value[0] != 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reaps zombie children of this JVM that were already zombies on the previous call.
     *
     * @return how many were reaped
     */
    public synchronized int reapOrphans() {
        if (!OsFamily.isLinux()) {
            return 0;
        }
        if (!anyZombieChild()) {
            zombiesSeen.clear();
            return 0;
        }
        Set<Long> zombiesNow = new HashSet<>();
        DaemonChildren.list()
                .filter(child -> child.isAlive() && ProcessId.isZombie(child.pid()))
                .forEach(child -> zombiesNow.add(child.pid()));
        int reaped = 0;
        for (long pid : zombiesNow) {
            if (zombiesSeen.contains(pid) && pid <= Integer.MAX_VALUE && !PidfdReaper.watches(pid)) {
                int result = LibC.get().waitpid((int) pid, new int[1], LibC.WNOHANG);
                if (result == pid) {
                    reaped++;
                } else if (result < 0) {
                    // ECHILD: its reaper reaped it in between. Nothing to do.
                    Native.getLastError();
                }
            }
        }
        zombiesSeen.clear();
        zombiesSeen.addAll(zombiesNow);
        return reaped;
    }

    /**
     * Whether some child of this JVM has exited and is not reaped yet, without reaping it
     * ({@code waitid(P_ALL, WNOHANG | WNOWAIT)}): one system call, where listing the children
     * reads the stat file of every process on the host. Almost every sweep stops here.
     */
    private static boolean anyZombieChild() {
        int[] siginfo = new int[32];
        try {
            int result = LibC.get().waitid(LibC.P_ALL, 0, siginfo, LibC.WEXITED | LibC.WNOHANG | LibC.WNOWAIT);
            if (result != 0) {
                return Native.getLastError() != LibC.ECHILD; // no child at all; another error: sweep to be sure
            }
            return siginfo[LibC.SIGINFO_PID] != 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return true;
        }
    }
}
