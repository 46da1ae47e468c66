package io.warden.supervisor.process;

import io.warden.os.OsFamily;
import io.warden.os.ProcStat;
import io.warden.os.Procfs;
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
        if (!OsFamily.isLinux()) {
            return false;
        }
        byte[] buffer = new byte[1024]; // the fields parsed (up to rss) take a few hundred bytes at most
        int length = Procfs.readBytes("/proc/" + pid + "/stat", buffer);
        ProcStat stat = length <= 0 ? null : ProcStat.parse(buffer, length);
        return stat != null && stat.state() == 'Z';
    }

    @Override
    public String toString() {
        return pid + "@" + started;
    }
}
