package io.warden.supervisor;

import io.warden.supervisor.health.HealthStatus;
import io.warden.supervisor.health.Probe;
import io.warden.supervisor.restart.RestartDecision;
import io.warden.supervisor.restart.RestartPlanner;
import io.warden.supervisor.restart.RunHistory;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runs of one service, one after another: a launch (spawn, or adoption of a survivor), the
 * exit and the restart decision, the restart after the backoff, the stop of the current tree (of
 * an unhealthy one too, which the restart decision then follows as an exit). Each run is
 * numbered ({@code generation}); a start or stop by hand moves the number on, which voids a
 * pending restart and a dependency wait's ticket.
 *
 * <p>Thread safety: guarded by the runner's lock; methods that say "under the lock" are called
 * with it held, the others take it. Blocking work (stopping a tree, waiting for an exit, stopping
 * an adopted run's orphans) runs outside it.
 */
final class RunCycle implements Launcher.Watcher {

    /**
     * How a stop ends: the state it leaves (stopped, or standby for a cluster singleton that lost
     * its lease), why, and the latest KILL (null: the spec's stop timeout).
     */
    record Ending(ServiceState state, String why, Duration killWithin) {

        Ending(String why) {
            this(ServiceState.STOPPED, why, null);
        }

        Duration timeout(ServiceSpec spec) {
            return killWithin == null || spec.stop().timeout().compareTo(killWithin) <= 0 ? spec.stop().timeout()
                    : killWithin;
        }

        /** The reason of the final state, given what the tree's stop did. */
        String reason(Run.Stopped stopped) {
            return state == ServiceState.STOPPED ? stopped.describe() : why + " (" + stopped.describe() + ")";
        }
    }

    /** No restart to run: a generation no run has. */
    private static final long NO_RESTART = -1;

    private final ServiceSpec spec;
    private final RunnerContext context;
    private final ReentrantLock lock;
    private final RunnerState state;
    private final ServiceClaim claim;
    private final OrphanSweep orphans;
    private final Launcher launcher;
    private final RestartPlanner planner;

    // Guarded by lock.
    private Run run;
    private RunHistory history = RunHistory.EMPTY;
    private Future<?> pendingRestart;
    private long generation;

    RunCycle(ServiceSpec spec, RunnerContext context, ReentrantLock lock, RunnerState state, ServiceOutput output,
             OrphanSweep orphans) {
        this.spec = spec;
        this.context = context;
        this.lock = lock;
        this.state = state;
        this.claim = new ServiceClaim(state.name(), spec.port(), context);
        this.orphans = orphans;
        this.launcher = new Launcher(spec, context, state, claim, output, orphans, this);
        this.planner = new RestartPlanner(spec.restart(), context.random());
    }

    /** Under the lock: the current run; null between runs. */
    Run current() {
        return run;
    }

    /** Under the lock: the number of the latest run, or of the start or stop by hand after it. */
    long generation() {
        return generation;
    }

    /**
     * Under the lock: starts the service unless it runs. A start by hand clears the restart
     * history, so a failed service (start limit) can be started again.
     */
    void start(String why) {
        if (state.current().isUp()) {
            return;
        }
        cancelPendingRestart();
        history = RunHistory.EMPTY;
        state.restarts(0);
        launch(why);
    }

    /**
     * Stops the whole tree (signal, timeout, KILL) and blocks until it is gone; releases the lock.
     * A stop while another stop runs waits for that one.
     */
    void stop(String why) {
        stop(new Ending(why));
    }

    /** As {@link #stop(String)}, ending as {@code ending} says. */
    void stop(Ending ending) {
        String why = ending.why();
        Run stopping;
        boolean strays = false;
        long lastRun;
        lock.lock();
        try {
            cancelPendingRestart();
            lastRun = generation; // a start after this stop numbers its run above
            stopping = run;
            if (stopping == null) {
                if (state.current() != ending.state() || ending.state() == ServiceState.STANDBY) {
                    state.transition(ending.state(), why, null, null);
                }
                claim.release();
                state.failWaiters(why);
                strays = orphans.isPossible();
            }
            if (stopping != null && !stopping.stopping) {
                beginStop(stopping, ending, NO_RESTART);
            }
        } finally {
            lock.unlock();
        }
        if (stopping == null) {
            // Between runs (a backoff, or a restart about to spawn): no tree to stop, but the
            // exited runs' orphans (their workers, re-parented to this daemon) are still the
            // service's; a start that came meanwhile is not.
            if (strays) {
                orphans.stopRunsBefore(lastRun + 1, -1);
            }
            return;
        }
        stopping.exited.join();
    }

    /**
     * Under the lock: marks the run as stopping and stops its tree on a thread of its own (a
     * platform one: {@link SupervisionThreads} says why). With
     * {@code restartGeneration} (not {@link #NO_RESTART}) the service is restarted as an exit is
     * (backoff, start limit) once the tree is gone, unless a stop or start by hand came meanwhile.
     */
    private void beginStop(Run stopping, Ending ending, long restartGeneration) {
        stopping.stopping = true;
        stopping.closeMonitor();
        state.transition(ServiceState.STOPPING, ending.why() + ": SIG" + spec.stop().signal() + ", KILL after "
                + ending.timeout(spec).toMillis() + "ms", stopping.handle.pid(), null);
        SupervisionThreads.start("warden-stop-" + state.name(), () -> stopTree(stopping, ending, restartGeneration));
    }

    private void stopTree(Run stopping, Ending ending, long restartGeneration) {
        long restartNow = NO_RESTART;
        Run.Stopped stopped = stopping.stopTree(spec, ending.timeout(spec), context, () -> orphans.strays(stopping));
        context.roots().remove(stopping.handle.pid());
        lock.lock();
        try {
            if (!stopped.report().clean()) {
                orphans.possible();
            }
            if (run == stopping) {
                run = null;
                Instant now = state.exited(stopped.code());
                if (generation == restartGeneration) {
                    RestartDecision decision = planner.afterUnhealthy(history, stopping.started, now);
                    if (!decision.atOnce()) {
                        claim.record(null, null); // as after an exit
                    }
                    restartNow = follow(decision, stopping, stopped.code());
                } else {
                    state.transition(ending.state(), ending.reason(stopped), stopping.handle.pid(), stopped.code());
                    claim.release();
                    state.failWaiters("stopped");
                }
            }
        } finally {
            lock.unlock();
            stopping.exited.complete(stopped.code());
        }
        if (restartNow != NO_RESTART) {
            restartAfterBackoff(restartNow, stopping);
        }
    }

    /** Under the lock: begins the next run (spawned or adopted), unless it cannot (the state then says why). */
    private void launch(String why) {
        Run started;
        try {
            started = launcher.launch(why, generation + 1);
        } catch (Launcher.NoSpace noSpace) {
            // No disk space for its output files: back off and try again, as journald keeps
            // services running on a full disk (the claim stays held, as in any backoff).
            backOff(planner.afterNoSpace(history, noSpace.getMessage()), null, null);
            return;
        }
        if (started == null) {
            return;
        }
        generation = started.generation;
        run = started;
        if (!started.adopted) {
            history = history.started(context.clock().instant());
        }
    }

    @Override
    public void exited(Run exited, Integer code) {
        long restartNow = NO_RESTART;
        context.roots().remove(exited.handle.pid());
        lock.lock();
        try {
            if (run != exited || exited.stopping) {
                return;
            }
            run = null;
            orphans.possible();
            exited.closeMonitor();
            Instant now = state.exited(code);
            RestartDecision decision = planner.next(history, exited.started, code, now);
            if (!decision.atOnce()) {
                // A restart at once rewrites the PID file with the new child right after its spawn;
                // until then the record names the dead child, which no daemon adopts (PID and start
                // instant are checked), as it would not adopt a child-less record.
                claim.record(null, null);
            }
            state.transition(ServiceState.EXITED, decision instanceof RestartDecision.Stay ? decision.reason()
                    : code == null ? "exited (no exit code)" : "exited with code " + code, exited.handle.pid(), code);
            restartNow = follow(decision, exited, code);
        } finally {
            lock.unlock();
        }
        if (restartNow != NO_RESTART) {
            restartAfterBackoff(restartNow, exited);
        }
    }

    /**
     * Under the lock, after a run ended (exited, or stopped as unhealthy): carries out the
     * planner's decision. Returns the generation to restart on the caller's thread once it has
     * left the lock (a restart at once: no scheduler round trip), else {@link #NO_RESTART}.
     */
    private long follow(RestartDecision decision, Run ended, Integer code) {
        switch (decision) {
            case RestartDecision.Restart restart -> {
                if (backOff(restart, code, ended)) {
                    return generation;
                }
            }
            case RestartDecision.GiveUp giveUp -> {
                // The planner knows no names: its message ends "warden start NAME".
                state.transition(ServiceState.FAILED, giveUp.reason().replace("warden start NAME",
                        "warden start " + state.name()), null, code);
                claim.release();
                state.failWaiters(giveUp.reason());
            }
            case RestartDecision.Stay stay -> {
                claim.release();
                state.failWaiters(stay.reason());
            }
        }
        return NO_RESTART;
    }

    /**
     * Under the lock: waits out a restart's backoff, then restarts after {@code ended} (null: no
     * run ended). Returns true when the restart is due at once, for the caller to run once it has
     * left the lock; the scheduler runs it otherwise.
     */
    private boolean backOff(RestartDecision.Restart restart, Integer code, Run ended) {
        history = restart.history();
        state.transition(ServiceState.BACKOFF, restart.reason(), null, code);
        long expected = generation;
        if (restart.atOnce() && ended != null) {
            return true;
        }
        pendingRestart = context.scheduler().schedule(() -> SupervisionThreads.start("warden-restart-" + state.name(),
                () -> restartAfterBackoff(expected, ended)), restart.delay().toNanos(), TimeUnit.NANOSECONDS);
        return false;
    }

    /**
     * Starts the service again after its backoff. The exited run's orphans (a reloader's workers)
     * are swept after the spawn, off the restart's path ({@link OrphanSweep}), unless they hold the
     * port; after an adopted run (its orphans went to init) they are stopped before it. No run
     * ({@code exited} null) after a start that found no space.
     */
    private void restartAfterBackoff(long expectedGeneration, Run exited) {
        if (exited != null && exited.adopted) {
            orphans.stopAllMarked();
        } else if (exited != null) {
            orphans.stopHoldingThePort(exited.generation);
        }
        lock.lock();
        try {
            if (state.current() != ServiceState.BACKOFF || generation != expectedGeneration) {
                return;
            }
            pendingRestart = null;
            state.restarts(state.restarts() + 1);
            launch("restart " + state.restarts());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void healthChanged(Run current, HealthStatus status, Probe.Result result) {
        lock.lock();
        try {
            if (run != current || current.stopping) {
                return;
            }
            current.health = status;
            state.healthChanged(status, result.detail(), current.handle.pid());
            if (status == HealthStatus.UNHEALTHY && spec.health().restartWhenUnhealthy()) {
                // Restarted as an exit is, through the planner: a probe that keeps failing gets
                // the backoff and ends failed at the start limit, not a restart loop.
                beginStop(current, new Ending("unhealthy, restartWhenUnhealthy"), generation);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: voids a pending restart, and moves the run number on. */
    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        generation++;
    }
}
