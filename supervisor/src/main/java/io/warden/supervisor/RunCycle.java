package io.warden.supervisor;

import io.warden.supervisor.health.HealthStatus;
import io.warden.supervisor.health.Probe;
import io.warden.supervisor.restart.RestartDecision;
import io.warden.supervisor.restart.RestartPlanner;
import io.warden.supervisor.restart.RunHistory;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runs of one service, one after another: a launch (spawn, or adoption of a survivor), the
 * exit and the restart decision, the restart after the backoff or when unhealthy, and the stop of
 * the current tree. Each run is numbered ({@code generation}); a start or stop by hand moves the
 * number on, which voids a pending restart and a dependency wait's ticket.
 *
 * <p>Thread safety: guarded by the runner's lock; methods that say "under the lock" are called
 * with it held, the others take it. Blocking work (stopping a tree, waiting for an exit, stopping
 * an adopted run's orphans) runs outside it.
 */
final class RunCycle {

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

    RunCycle(ServiceSpec spec, RunnerContext context, ReentrantLock lock, RunnerState state, ServiceOutput output) {
        this.spec = spec;
        this.context = context;
        this.lock = lock;
        this.state = state;
        this.claim = new ServiceClaim(state.name(), spec.port(), context);
        this.orphans = new OrphanSweep(state.name(), spec.stop(), context, lock, () -> run);
        this.launcher = new Launcher(spec, context, state, claim, output, orphans, new Launcher.Watcher() {
            @Override
            public void exited(Run run, Integer code) {
                onExit(run, code);
            }

            @Override
            public void healthChanged(Run run, HealthStatus status, Probe.Result result) {
                onHealth(run, status, result);
            }
        });
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
        Run stopping;
        boolean strays = false;
        long lastRun;
        lock.lock();
        try {
            cancelPendingRestart();
            lastRun = generation; // a start after this stop numbers its run above
            stopping = run;
            if (stopping == null) {
                if (state.current() != ServiceState.STOPPED) {
                    state.transition(ServiceState.STOPPED, why, null, null);
                }
                claim.release();
                state.failWaiters(why);
                strays = orphans.isPossible();
            }
            if (stopping != null && !stopping.stopping) {
                stopping.stopping = true;
                stopping.closeMonitor();
                state.transition(ServiceState.STOPPING, why + ": SIG" + spec.stop().signal() + ", KILL after "
                        + spec.stop().timeout().toMillis() + "ms", stopping.handle.pid(), null);
                Thread.ofVirtual().name("warden-stop-" + state.name()).start(() -> stopTree(stopping));
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

    private void stopTree(Run stopping) {
        Run.Stopped stopped = stopping.stopTree(spec, context, () -> orphans.strays(stopping));
        context.roots().remove(stopping.handle.pid());
        lock.lock();
        try {
            if (run == stopping) {
                run = null;
                state.exited(stopped.code());
                state.transition(ServiceState.STOPPED, stopped.describe(), stopping.handle.pid(), stopped.code());
                claim.release();
                state.failWaiters("stopped");
            }
            if (!stopped.report().clean()) {
                orphans.possible();
            }
        } finally {
            lock.unlock();
            stopping.exited.complete(stopped.code());
        }
    }

    /** Under the lock: begins the next run (spawned or adopted), unless it cannot (the state then says why). */
    private void launch(String why) {
        Run started = launcher.launch(why, generation + 1);
        if (started == null) {
            return;
        }
        generation = started.generation;
        run = started;
        if (!started.adopted) {
            history = history.started(context.clock().instant());
        }
    }

    private void onExit(Run exited, Integer code) {
        long restartNow = -1;
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
            boolean immediate = decision instanceof RestartDecision.Restart restart && !restart.delay().isPositive();
            if (!immediate) {
                // A restart at once rewrites the PID file with the new child right after its spawn;
                // until then the record names the dead child, which no daemon adopts (PID and start
                // instant are checked), as it would not adopt a child-less record.
                claim.record(null, null);
            }
            state.transition(ServiceState.EXITED, decision instanceof RestartDecision.Stay ? decision.reason()
                    : code == null ? "exited (no exit code)" : "exited with code " + code, exited.handle.pid(), code);
            switch (decision) {
                case RestartDecision.Restart restart -> {
                    history = restart.history();
                    state.transition(ServiceState.BACKOFF, restart.reason(), null, code);
                    long expected = generation;
                    if (immediate) {
                        restartNow = expected; // on this thread, after the lock: no scheduler round trip
                    } else {
                        pendingRestart = context.scheduler().schedule(
                                () -> Thread.ofVirtual().name("warden-restart-" + state.name())
                                        .start(() -> restartAfterBackoff(expected, exited)),
                                restart.delay().toNanos(), TimeUnit.NANOSECONDS);
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
        } finally {
            lock.unlock();
        }
        if (restartNow >= 0) {
            restartAfterBackoff(restartNow, exited);
        }
    }

    /**
     * Starts the service again after its backoff. Orphans of the exited run (workers of a
     * reloader) would hold its port and must be stopped, but searching for them reads /proc: for
     * a run this daemon started (its orphans are this daemon's children, marked with the run) the
     * {@link OrphanSweep} follows the spawn, off the restart's path; after an adopted run (its
     * orphans went to init) it precedes the spawn, as before.
     */
    private void restartAfterBackoff(long expectedGeneration, Run exited) {
        if (exited.adopted) {
            orphans.stopAllMarked();
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

    private void onHealth(Run current, HealthStatus status, Probe.Result result) {
        boolean restart;
        lock.lock();
        try {
            if (run != current || current.stopping) {
                return;
            }
            current.health = status;
            state.healthChanged(status, result.detail(), current.handle.pid());
            restart = status == HealthStatus.UNHEALTHY && spec.health().restartWhenUnhealthy();
        } finally {
            lock.unlock();
        }
        if (restart) {
            Thread.ofVirtual().name("warden-unhealthy-" + state.name()).start(() -> {
                stop("unhealthy, restartWhenUnhealthy");
                lock.lock();
                try {
                    int kept = state.restarts() + 1;
                    state.restarts(kept);
                    launch("restart after unhealthy");
                    state.restarts(kept);
                } finally {
                    lock.unlock();
                }
            });
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
