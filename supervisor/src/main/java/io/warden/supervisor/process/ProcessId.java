package io.warden.supervisor.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process identified by PID and start instant: PIDs are recycled, the pair is not. Every
 * action on a process goes through {@link #live()} first, so a recycled PID is never signalled.
 *
 * @param pid     the process ID
 * @param started the start instant the OS reported for it
 */
public record ProcessId(long pid, Instant started) {

    public ProcessId {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        Objects.requireNonNull(started, "started");
    }

    /** The identity of a live process; empty when it is gone or the OS does not say when it started. */
    public static Optional<ProcessId> of(ProcessHandle process) {
        return process.info().startInstant().map(start -> new ProcessId(process.pid(), start));
    }

    /**
     * The process, if it still runs and is the same one (start instant unchanged). A zombie (dead,
     * not yet reaped) does not run.
     */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessId::isRunning)
                .filter(process -> process.info().startInstant().map(started::equals).orElse(false));
    }

    /**
     * Whether the process runs: alive and not a zombie. {@link ProcessHandle#isAlive()} is true for
     * zombies on Linux, and the daemon as a subreaper collects zombies of re-parented orphans.
     */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    static boolean isZombie(long pid) {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return pid + "@" + started;
    }
}
