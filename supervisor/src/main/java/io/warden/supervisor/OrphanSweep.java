package io.warden.supervisor;

import io.warden.supervisor.doctor.PortCheck;
import io.warden.supervisor.process.DaemonChildren;
import io.warden.supervisor.process.ServiceMarks;
import io.warden.supervisor.spec.StopSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The orphans of a service's earlier runs: processes a run started that outlived it (a reloader's
 * workers, re-parented to this daemon, the subreaper) and would hold the service's port. Every
 * process of a run carries the service's marks ({@link ServiceMarks}), the run's among them
 * ({@code DAEMON_PID.RUN_NUMBER}), so a sweep tells an earlier run's processes from the current
 * one's without comparing start instants.
 *
 * <p>A sweep reads the environment of every child of the daemon, so it runs only when an earlier
 * run may have left orphans (it exited by itself, or a stop could not end its whole tree), a
 * little after the spawn (off the restart's path), and at most once a second for a service in a
 * crash loop; before the spawn only when the service's port is held.
 *
 * <p>Thread safety: the flags are guarded by the runner's lock; methods that say "under the lock"
 * are called with it held. The stops block and run outside it.
 */
final class OrphanSweep {

    /** A crash loop restarts tens of times a second; its sweeps come at most this often. */
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Tells this daemon's runs apart from a previous daemon's in {@link ServiceMarks#RUN}. */
    private static final long DAEMON_PID = ProcessHandle.current().pid();

    private final String name;
    private final int port;
    private final StopSpec stop;
    private final RunnerContext context;
    private final ReentrantLock lock;
    private final Supplier<Run> current;

    // Guarded by lock.
    /** Whether an earlier run may have left orphans; only then does a start sweep. */
    private boolean possible;
    /** A sweep is scheduled; it covers every run before the one current when it runs. */
    private boolean scheduled;
    /** The injected clock's {@link io.warden.os.HostClock#nanoTime} at the last sweep. */
    private long lastSweep;

    /**
     * @param lock    the runner's lock, which guards this sweep's flags
     * @param current the runner's current run, read under the lock (null between runs)
     */
    OrphanSweep(String name, int port, StopSpec stop, RunnerContext context, ReentrantLock lock,
                Supplier<Run> current) {
        this.name = name;
        this.port = port;
        this.stop = stop;
        this.context = context;
        this.lock = lock;
        this.current = current;
        this.lastSweep = context.clock().nanoTime() - INTERVAL_NANOS;
    }

    /** The environment variables that mark the processes of run number {@code run}. */
    Map<String, String> marks(long run) {
        return ServiceMarks.env(context.stateDir(), name, DAEMON_PID + "." + run);
    }

    /** Under the lock: an earlier run may have left orphans (it exited, or its stop was not clean). */
    void possible() {
        possible = true;
    }

    /** Under the lock: whether an earlier run may have left orphans. */
    boolean isPossible() {
        return possible;
    }

    /**
     * Under the lock, right after a spawn: schedules a sweep of the earlier runs' orphans if one
     * may be needed and none is scheduled, {@code notBeforeNanos} from now at the earliest.
     */
    void afterSpawn(long notBeforeNanos) {
        boolean sweep = possible && !scheduled;
        possible = false;
        if (!sweep) {
            return;
        }
        scheduled = true;
        long delay = Math.max(notBeforeNanos, lastSweep + INTERVAL_NANOS - context.clock().nanoTime());
        try {
            context.scheduler().schedule(() -> SupervisionThreads.start("warden-orphans-" + name,
                    this::sweepEarlierRuns), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the supervisor is closing: its stops end every run's tree
        }
    }

    /**
     * Stops this daemon's children that carry the service's marks from a run before the current
     * one. Never the current or a later run's: the service may have restarted again meanwhile.
     * With no current run (the service is between runs) the sweep waits for the next start.
     */
    private void sweepEarlierRuns() {
        Run run;
        lock.lock();
        try {
            scheduled = false;
            run = current.get();
            if (run == null || run.adopted) {
                possible = true;
                return;
            }
            lastSweep = context.clock().nanoTime();
        } finally {
            lock.unlock();
        }
        stopRunsBefore(run.generation, run.handle.pid());
    }

    /**
     * Outside the lock: stops this daemon's children that carry the service's marks of a run
     * numbered below {@code run}, or of another daemon's run, except the process {@code except}
     * (-1: none).
     */
    void stopRunsBefore(long run, long except) {
        String ours = DAEMON_PID + ".";
        Stream<ProcessHandle> candidates = DaemonChildren.listExcept(context.roots())
                .filter(child -> child.pid() != except);
        stopTogether(ServiceMarks.findRuns(candidates, context.stateDir(), name,
                mark -> mark == null || !mark.startsWith(ours) || runNumberOf(mark) < run));
    }

    /**
     * Outside the lock, before a launch: when the declared port is held, stops the orphans of runs
     * up to {@code lastRun} (the worker of a reloader killed with -9 keeps the listening socket),
     * whole trees as a stop does, so that the claim's port check refuses only holders outside the
     * service. Only then: the search reads the environment of every child of the daemon, where
     * the check is one bind.
     */
    void stopHoldingThePort(long lastRun) {
        if (PortCheck.isHeld(port)) {
            stopRunsBefore(lastRun + 1, -1);
        }
    }

    /**
     * Outside the lock: stops every process with the service's marks, wherever it is. After an
     * adopted run, whose orphans went to init rather than to this daemon, before the next spawn.
     */
    void stopAllMarked() {
        stopTogether(ServiceMarks.find(ProcessHandle.allProcesses(), context.stateDir(), name));
    }

    /**
     * Stops the strays and their trees at once, as one stop: one after the other, a stray that
     * waits for another would wait out the stop timeout (multiprocessing's resource tracker
     * ignores SIGTERM and exits when the uvicorn worker it serves does).
     */
    private void stopTogether(List<ProcessHandle> strays) {
        if (!strays.isEmpty()) {
            context.tree().stop(strays.getFirst(), stop.signal(), stop.timeout(),
                    () -> strays.subList(1, strays.size()));
        }
    }

    /**
     * The processes with the service's marks outside {@code of}'s tree, for its stop: orphans
     * re-parented to this daemon, which are never a service's current root (those are not read:
     * a stop of all services would read every child's environment per stop, again at each
     * re-scan); after an adoption the previous daemon's orphans went to init, so the whole process
     * table is searched then.
     */
    List<ProcessHandle> strays(Run of) {
        return ServiceMarks.find(of.adopted ? ProcessHandle.allProcesses() : DaemonChildren.listExcept(context.roots()),
                context.stateDir(), name).stream().filter(process -> process.pid() != of.handle.pid()).toList();
    }

    private static long runNumberOf(String mark) {
        try {
            return Long.parseLong(mark.substring(mark.indexOf('.') + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
