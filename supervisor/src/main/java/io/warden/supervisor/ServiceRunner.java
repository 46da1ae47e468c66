package io.warden.supervisor;

import io.warden.supervisor.logs.LineListeners;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One service as the supervisor sees it: the commands (start, stop, the handshake of a start that
 * waits for its dependencies), the status, the output. Its rooms:
 * <ul>
 *   <li>{@link RunnerState}: the state machine as others see it (state, reason, events, status),
 *       and through it the {@link DependencyWaiters} of dependants;</li>
 *   <li>{@link RunCycle}: the runs one after another (launch, exit, restart decision, stop), with
 *       {@link Launcher} for how a run begins, {@link ServiceClaim} for the lock, PID file,
 *       adoption and port, and {@link Run} for one process and the stop of its tree;</li>
 *   <li>{@link OrphanSweep}: what earlier runs left behind, swept after a spawn, or before a start
 *       when it holds the service's port;</li>
 *   <li>{@link ServiceOutput}: the log across runs and its followers.</li>
 * </ul>
 *
 * <p>Thread safety: one lock per service, {@link #lock}, guards this runner's state and that of all
 * its rooms; transitions happen only under it. Blocking work (stopping a tree, waiting for an
 * exit, sweeping orphans) runs outside it, on the caller's thread or a virtual thread. Callbacks
 * from process exits and health monitors carry the run they belong to, and are ignored when that
 * run is no longer current.
 */
final class ServiceRunner {

    private static final Executor VIRTUAL = command -> Thread.ofVirtual().name("warden-note").start(command);

    private final ServiceSpec spec;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Held by a restart from its stop to its start's report, so that two restarts of the service
     * run one after the other: interleaved, the second one's stop ended the first one's new run,
     * and the first answered that the service did not start (bench/api-load.sh, two admins).
     */
    final ReentrantLock restarting = new ReentrantLock();
    private final RunnerState state;
    private final ServiceOutput output;
    private final OrphanSweep orphans;
    private final RunCycle runs;
    // The notes of the capture, recorded in the order given, off its thread: it holds the capture's
    // lock, which a launch under this runner's lock takes too.
    private final Object notesOrder = new Object();
    private CompletableFuture<Void> notes = CompletableFuture.completedFuture(null); // guarded by notesOrder

    ServiceRunner(String name, ServiceSpec spec, RunnerContext context) {
        this(name, spec, context, new LineListeners(name));
    }

    /** A runner whose lines go to {@code followers}: a new spec's runner keeps its predecessor's followers. */
    ServiceRunner(String name, ServiceSpec spec, RunnerContext context, LineListeners followers) {
        this.spec = spec;
        this.state = new RunnerState(name, spec, context);
        this.output = new ServiceOutput(name, spec, context, lock, followers, this::noteLater);
        this.orphans = new OrphanSweep(name, spec.port(), spec.stop(), context, lock, this::currentRun);
        this.runs = new RunCycle(spec, context, lock, state, output, orphans);
    }

    String name() {
        return state.name();
    }

    ServiceSpec spec() {
        return spec;
    }

    /**
     * Starts the service unless it runs. A start by hand clears the restart history, so a failed
     * service (start limit) can be started again. Adopts the previous daemon's child instead of
     * starting a second copy. The service's own orphans holding its port are stopped first,
     * outside the lock (it may be held: a start after waiting).
     */
    void start(String why) {
        long lastRun;
        lock.lock();
        try {
            if (state.current().isUp()) {
                return;
            }
            lastRun = runs.generation();
        } finally {
            lock.unlock();
        }
        orphans.stopHoldingThePort(lastRun);
        lock.lock();
        try {
            runs.start(why);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the service as waiting for its dependencies. The returned ticket is good for one
     * {@link #startAfterWaiting} or {@link #dependencyFailed}: a stop or start in between voids it,
     * so that a service stopped by hand while it waited is not started when its dependency is up.
     */
    long waiting(String why) {
        lock.lock();
        try {
            if (!state.current().isUp()) {
                state.transition(ServiceState.STARTING, why, null, null);
            }
            return runs.generation();
        } finally {
            lock.unlock();
        }
    }

    /** Starts the service after its dependencies, unless the wait was voided meanwhile. */
    void startAfterWaiting(long ticket, String why) {
        lock.lock();
        try {
            if (runs.generation() == ticket) {
                start(why);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives up a start whose dependency failed, unless the wait was voided meanwhile. */
    void dependencyFailed(long ticket, String why) {
        lock.lock();
        try {
            if (runs.generation() == ticket && !state.current().isUp()) {
                state.transition(ServiceState.FAILED, why, null, null);
                state.failWaiters(why);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records why the service is left stopped (no process, no lock): a stop by hand is remembered. */
    void keptStopped(String why) {
        lock.lock();
        try {
            if (state.current() == ServiceState.STOPPED) {
                state.transition(ServiceState.STOPPED, why, null, null);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the whole tree (signal, timeout, KILL) and blocks until it is gone; releases the lock.
     * A stop while another stop runs waits for that one.
     */
    ServiceStatus stop(String why) {
        runs.stop(why);
        return status();
    }

    /**
     * Stops the tree as {@link #stop} does, KILL after {@code killWithin} at the latest, and leaves
     * the service {@code standby} with {@code why}.
     */
    ServiceStatus standby(String why, java.time.Duration killWithin) {
        runs.stop(new RunCycle.Ending(ServiceState.STANDBY, why, killWithin));
        return status();
    }

    /** Passes a lease renewal to the current run's watchdog. */
    void beat() {
        lock.lock();
        try {
            Run current = runs.current();
            if (current != null && current.child != null) {
                current.child.tether().beat();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A future that completes when the service reaches the condition, or fails when it fails. */
    CompletableFuture<Void> whenReached(DependencyCondition condition) {
        lock.lock();
        try {
            return state.whenReached(condition);
        } finally {
            lock.unlock();
        }
    }

    ServiceStatus status() {
        lock.lock();
        try {
            return state.status(runs.current());
        } finally {
            lock.unlock();
        }
    }

    /** Follows every line this service prints from now on, across its restarts. */
    AutoCloseable follow(Consumer<LogLine> follower) {
        return output.follow(follower);
    }

    /** Who follows this service's lines, handed to the runner of its next spec. */
    LineListeners followers() {
        return output.followers();
    }

    /** The root process now, for metrics; empty when none runs. */
    Optional<ProcessId> process() {
        lock.lock();
        try {
            Run current = runs.current();
            return current == null ? Optional.empty() : ProcessId.of(current.handle);
        } finally {
            lock.unlock();
        }
    }

    /** Records {@code why} as an event of this service soon, after the notes given before it. */
    private void noteLater(String why) {
        synchronized (notesOrder) {
            notes = notes.thenRunAsync(() -> {
                lock.lock();
                try {
                    Run current = runs.current();
                    state.note(why, current == null ? null : current.handle.pid());
                } finally {
                    lock.unlock();
                }
            }, VIRTUAL);
        }
    }

    /** Under the lock: the current run, for the orphan sweep; null between runs. */
    private Run currentRun() {
        return runs.current();
    }

    /** Closes the log; called once the service is stopped for good (the supervisor's close, a removal, a new spec). */
    void close() {
        output.close();
    }
}
