package io.warden.supervisor;

import io.warden.supervisor.health.HealthMonitor;
import io.warden.supervisor.health.HealthStatus;
import io.warden.supervisor.health.Probe;
import io.warden.supervisor.process.Child;
import io.warden.supervisor.process.StopReport;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One run of a service's process: a child this daemon spawned, or the survivor of a previous
 * daemon it adopted; its health monitor, and the stop of its whole tree. Exit and health callbacks
 * carry the run they belong to, and the runner ignores them when that run is no longer current.
 *
 * <p>Thread safety: the final fields may be read anywhere; {@code monitor}, {@code health} and
 * {@code stopping} are guarded by the runner's lock.
 */
final class Run {

    /** What a stop of the run's tree ended, and the root's exit code (null when adopted or unknown). */
    record Stopped(StopReport report, Integer code) {

        /** What the stop did, as the reason of the stopped state. */
        String describe() {
            return report.stopped().size() + " process(es) exited, " + report.killed().size() + " killed"
                    + (report.clean() ? "" : ", " + report.remaining().size() + " could not be stopped: "
                    + report.remaining());
        }
    }

    /** The run's number among the service's runs; marks its processes (see {@link OrphanSweep}). */
    final long generation;
    /** The spawned child; null when the run was adopted. */
    final Child child;
    final ProcessHandle handle;
    final Instant started;
    final boolean adopted;
    /** Completes, with the exit code, once a stop of this run is done. */
    final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private HealthMonitor monitor;
    HealthStatus health;
    boolean stopping;

    private Run(long generation, Child child, ProcessHandle handle, Instant started, boolean adopted) {
        this.generation = generation;
        this.child = child;
        this.handle = handle;
        this.started = started;
        this.adopted = adopted;
    }

    static Run spawned(long generation, Child child, Instant started) {
        return new Run(generation, child, child.handle(), started, false);
    }

    static Run adopted(long generation, ProcessHandle survivor, Instant started) {
        return new Run(generation, null, survivor, started, true);
    }

    /**
     * Under the lock: starts probing the run's health, if the service has a check; changes go to
     * {@code watcher}, every result to the probe client's listener.
     */
    void monitor(String name, ServiceSpec spec, RunnerContext context, Launcher.Watcher watcher) {
        if (spec.health() == null) {
            return;
        }
        monitor = HealthMonitor.start(name, spec.health(), Probe.of(spec.health(),
                spec.health().http() != null ? context.http() : null), context.clock(),
                (status, result) -> watcher.healthChanged(this, status, result), context.probeClient().listener());
    }

    /** Under the lock: stops probing. */
    void closeMonitor() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
    }

    /**
     * Outside the lock: stops the whole tree (signal, {@code timeout}, KILL), {@code strays} included, and
     * blocks until the root has exited.
     */
    Stopped stopTree(ServiceSpec spec, Duration timeout, RunnerContext context,
                     Supplier<List<ProcessHandle>> strays) {
        StopReport report = context.tree().stop(handle, spec.stop().signal(), timeout, strays);
        Integer code = null;
        if (child != null) {
            code = child.exit().toCompletableFuture().join();
        } else {
            handle.onExit().join(); // adopted: no spawner of this daemon watches it
        }
        return new Stopped(report, code);
    }
}
