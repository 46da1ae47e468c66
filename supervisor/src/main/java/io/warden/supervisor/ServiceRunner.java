package io.warden.supervisor;

import io.warden.supervisor.logs.LineListeners;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.logs.OutputFiles;
import io.warden.supervisor.logs.ServiceLog;
import io.warden.lock.AlreadyRunningException;
import io.warden.lock.InstanceLock;
import io.warden.lock.LockException;
import io.warden.lock.PidRecord;
import io.warden.supervisor.doctor.PortCheck;
import io.warden.supervisor.health.HealthMonitor;
import io.warden.supervisor.health.HealthStatus;
import io.warden.supervisor.health.Probe;
import io.warden.supervisor.process.Child;
import io.warden.supervisor.process.DaemonChildren;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ServiceMarks;
import io.warden.supervisor.process.SpawnRequest;
import io.warden.supervisor.process.StopReport;
import io.warden.supervisor.restart.RestartDecision;
import io.warden.supervisor.restart.RestartPlanner;
import io.warden.supervisor.restart.RunHistory;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One service: its state machine, its current run, its instance lock, its restarts.
 *
 * <p>Thread safety: every field below the lock is guarded by {@link #lock}; transitions happen
 * only under it. Blocking work (stopping a tree, waiting for an exit) runs outside it, on the
 * caller's thread or a virtual thread. Callbacks from process exits and health monitors carry the
 * run they belong to, and are ignored when that run is no longer current.
 */
final class ServiceRunner {

    /** Exit callbacks leave the reaper's thread at once. */
    private static final Executor VIRTUAL = command -> Thread.ofVirtual().name("warden-exit").start(command);

    /** How long after a spawn its housekeeping waits (the child's exec and first steps come first). */
    private static final long TIDY_DELAY_MILLIS = 20;

    /**
     * A service restarting over and over searches for the orphans of its earlier runs at most this
     * often: each search reads the children of every daemon thread and the environment of every
     * child, and a crash loop restarts tens of times a second.
     */
    private static final long ORPHAN_SEARCH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Tells this daemon's starts apart from a previous daemon's in {@link ServiceMarks#RUN}. */
    private static final long DAEMON_PID = ProcessHandle.current().pid();

    private final String name;
    private final ServiceSpec spec;
    private final RunnerContext context;
    private final RestartPlanner planner;
    private final ReentrantLock lock = new ReentrantLock();
    private final LineListeners followers;

    // Guarded by lock.
    private ServiceState state = ServiceState.STOPPED;
    private String reason = "not started";
    private InstanceLock instanceLock;
    private ServiceLog output;
    private Run run;
    private RunHistory history = RunHistory.EMPTY;
    private int restarts;
    private Integer lastExitCode;
    private Instant lastExitAt;
    private ScheduledFuture<?> pendingRestart;
    private long generation;
    /**
     * Whether an earlier run may have left orphans among this daemon's children: it exited by
     * itself (its workers re-parent to the subreaper), or a stop could not end its whole tree.
     * Only then does a start look for them: the search reads the environment of every child of
     * the daemon, which made `start --all` of N services cost N x N reads.
     */
    private boolean orphansPossible;
    /** A search for orphans is scheduled; it covers every run before the one current when it runs. */
    private boolean orphanSearchScheduled;
    /** {@link System#nanoTime} of the last search for orphans. */
    private long lastOrphanSearch = System.nanoTime() - ORPHAN_SEARCH_INTERVAL_NANOS;
    private final List<Waiter> waiters = new ArrayList<>();

    /** One process run; {@code child} is null when the run was adopted. */
    private static final class Run {
        final long generation;
        final Child child;
        final ProcessHandle handle;
        final Instant started;
        final boolean adopted;
        final CompletableFuture<Integer> exited = new CompletableFuture<>();
        HealthMonitor monitor;
        HealthStatus health;
        boolean stopping;

        Run(long generation, Child child, ProcessHandle handle, Instant started, boolean adopted) {
            this.generation = generation;
            this.child = child;
            this.handle = handle;
            this.started = started;
            this.adopted = adopted;
        }
    }

    private record Waiter(DependencyCondition condition, CompletableFuture<Void> future) {
    }

    ServiceRunner(String name, ServiceSpec spec, RunnerContext context) {
        this.name = name;
        this.spec = spec;
        this.followers = new LineListeners(name);
        this.context = context;
        this.planner = new RestartPlanner(spec.restart(), context.random());
    }

    String name() {
        return name;
    }

    ServiceSpec spec() {
        return spec;
    }

    /**
     * Starts the service unless it runs. A start by hand clears the restart history, so a failed
     * service (start limit) can be started again. Adopts the previous daemon's child instead of
     * starting a second copy.
     */
    void start(String why) {
        lock.lock();
        try {
            if (state.isUp()) {
                return;
            }
            cancelPendingRestart();
            history = RunHistory.EMPTY;
            restarts = 0;
            launch(why);
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
            if (!state.isUp()) {
                transition(ServiceState.STARTING, why, null, null);
            }
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Starts the service after its dependencies, unless the wait was voided meanwhile. */
    void startAfterWaiting(long ticket, String why) {
        lock.lock();
        try {
            if (generation == ticket) {
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
            if (generation == ticket && !state.isUp()) {
                transition(ServiceState.FAILED, why, null, null);
                failWaiters(why);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records why the service is left stopped (no process, no lock): a stop by hand is remembered. */
    void keptStopped(String why) {
        lock.lock();
        try {
            if (state == ServiceState.STOPPED) {
                transition(ServiceState.STOPPED, why, null, null);
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
        Run stopping;
        boolean orphans = false;
        long lastRun;
        lock.lock();
        try {
            cancelPendingRestart();
            lastRun = generation; // a start after this stop numbers its run above
            stopping = run;
            if (stopping == null) {
                if (state != ServiceState.STOPPED) {
                    transition(ServiceState.STOPPED, why, null, null);
                }
                releaseLock();
                failWaiters(why);
                orphans = orphansPossible;
            }
            if (stopping != null && !stopping.stopping) {
                stopping.stopping = true;
                closeMonitor(stopping);
                transition(ServiceState.STOPPING, why + ": SIG" + spec.stop().signal() + ", KILL after "
                        + spec.stop().timeout().toMillis() + "ms", stopping.handle.pid(), null);
                Thread.ofVirtual().name("warden-stop-" + name).start(() -> stopTree(stopping));
            }
        } finally {
            lock.unlock();
        }
        if (stopping == null) {
            // Between runs (a backoff, or a restart about to spawn): no tree to stop, but the
            // exited runs' orphans (their workers, re-parented to this daemon) are still the
            // service's; a start that came meanwhile is not.
            if (orphans) {
                stopChildrenOfRunsBefore(lastRun + 1, -1);
            }
            return status();
        }
        stopping.exited.join();
        return status();
    }

    private void stopTree(Run stopping) {
        StopReport report = context.tree().stop(stopping.handle, spec.stop().signal(), spec.stop().timeout(),
                () -> strays(stopping));
        Integer code = null;
        if (stopping.child != null) {
            code = stopping.child.exit().toCompletableFuture().join();
        } else {
            stopping.handle.onExit().join(); // adopted: no spawner of this daemon watches it
        }
        context.roots().remove(stopping.handle.pid());
        lock.lock();
        try {
            if (run == stopping) {
                run = null;
                lastExitCode = code;
                lastExitAt = context.clock().instant();
                transition(ServiceState.STOPPED, report.stopped().size() + " process(es) exited, "
                        + report.killed().size() + " killed" + (report.clean() ? "" : ", " + report.remaining().size()
                        + " could not be stopped: " + report.remaining()), stopping.handle.pid(), code);
                releaseLock();
                failWaiters("stopped");
            }
            orphansPossible |= !report.clean();
        } finally {
            lock.unlock();
            stopping.exited.complete(code);
        }
    }

    /** A future that completes when the service reaches the condition, or fails when it fails. */
    CompletableFuture<Void> whenReached(DependencyCondition condition) {
        lock.lock();
        try {
            CompletableFuture<Void> future = new CompletableFuture<>();
            // A dependency that ran and exited for good was started (a one-shot job, as Compose's
            // service_started counts it), but will never be healthy.
            if (satisfies(condition) || (condition == DependencyCondition.STARTED && state == ServiceState.EXITED)) {
                future.complete(null);
            } else if (givenUp()) {
                future.completeExceptionally(new SupervisorException("dependency " + name + " " + state + ": " + reason));
            } else {
                waiters.add(new Waiter(condition, future));
            }
            return future;
        } finally {
            lock.unlock();
        }
    }

    ServiceStatus status() {
        lock.lock();
        try {
            Run current = run;
            Instant now = context.clock().instant();
            String health = spec.health() == null ? "none"
                    : current == null || current.health == null ? (current == null ? "none" : "starting")
                    : current.health.toString();
            return new ServiceStatus(name, state, current == null ? null : current.handle.pid(),
                    current == null ? null : current.started,
                    current == null ? Duration.ZERO : maxZero(Duration.between(current.started, now)),
                    restarts, health, spec.port(), lastExitCode, lastExitAt, reason, current != null && current.adopted);
        } finally {
            lock.unlock();
        }
    }

    /** Follows every line this service prints from now on, across its restarts. */
    AutoCloseable follow(Consumer<LogLine> follower) {
        return followers.add(follower);
    }

    /** The root process now, for metrics; empty when none runs. */
    Optional<ProcessId> process() {
        lock.lock();
        try {
            return run == null ? Optional.empty() : ProcessId.of(run.handle);
        } finally {
            lock.unlock();
        }
    }

    // ---- under the lock -------------------------------------------------------------------

    /**
     * Starts the child, or adopts the one a previous daemon left running. Between a child's death
     * and its replacement's spawn (the restart path) only what must precede the spawn runs: the
     * capture's journal, the request, the spawn. The PID file follows the spawn at once, before
     * the run counts as running; the spool files of the next start are made after it.
     */
    private void launch(String why) {
        // Under the lock, as every stop is: a launch either precedes the shutdown's stop of this
        // service (which then ends the child) or sees the closing and starts nothing.
        if (context.closing().getAsBoolean()) {
            return;
        }
        boolean fresh = instanceLock == null || !instanceLock.isHeld();
        if (!holdLock()) {
            return;
        }
        // A survivor can exist only when the lock was just taken: while this daemon holds it,
        // nobody else starts the service.
        if (fresh && adoptSurvivor()) {
            return;
        }
        if (portHeld()) {
            return;
        }
        transition(ServiceState.STARTING, why, null, null);
        long runNumber = generation + 1;
        Map<String, String> env = new HashMap<>(spec.env());
        env.putAll(ServiceMarks.env(context.stateDir(), name, runMark(runNumber)));
        Child child;
        try {
            if (output == null) {
                output = openOutput();
            }
            OutputFiles files = output.attach();
            child = context.spawner().spawn(new SpawnRequest(spec.command(), workdir(), env, files.stdout(),
                    files.stderr()));
        } catch (IOException | RuntimeException e) {
            lastExitCode = null;
            lastExitAt = context.clock().instant();
            transition(ServiceState.FAILED, "cannot start " + spec.command() + " in " + workdir() + ": "
                    + e.getMessage(), null, null);
            releaseLock();
            failWaiters("could not start");
            return;
        }
        // The PID file first: from here on a daemon killed with -9 leaves a record that the next
        // one adopts this child by (a kill before it is covered by adoptSurvivor's search).
        PidRecord record = updatePidFile(child.handle(), String.join(" ", spec.command()));
        Instant started = record != null && record.childStarted() != null ? record.childStarted()
                : child.handle().info().startInstant().orElse(context.clock().instant());
        generation = runNumber;
        Run current = new Run(runNumber, child, child.handle(), started, false);
        run = current;
        context.roots().add(child.pid());
        history = history.started(context.clock().instant());
        transition(ServiceState.RUNNING, "started", child.pid(), null);
        startMonitor(current);
        // Async: the exit may be known already (a child that died at once), and this thread holds the lock.
        child.exit().whenCompleteAsync((code, error) -> onExit(current, code), VIRTUAL);
        // Also watch the child's exit, so a last line without a newline reaches the log then.
        output.finishWhen(child.exit());
        // Housekeeping a little later, so that it does not take CPU from the child's start.
        boolean searchOrphans = orphansPossible && !orphanSearchScheduled;
        orphanSearchScheduled |= searchOrphans;
        orphansPossible = false;
        long searchDelay = Math.max(TimeUnit.MILLISECONDS.toNanos(TIDY_DELAY_MILLIS),
                lastOrphanSearch + ORPHAN_SEARCH_INTERVAL_NANOS - System.nanoTime());
        try {
            context.scheduler().schedule(() -> Thread.ofVirtual().name("warden-tidy-" + name)
                            .start(this::prepareNextOutput), TIDY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            if (searchOrphans) {
                context.scheduler().schedule(() -> Thread.ofVirtual().name("warden-orphans-" + name)
                        .start(this::stopOrphansOfEarlierRuns), searchDelay, TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the supervisor is closing: nothing to tidy for
        }
    }

    /**
     * After a start: makes the next start's output files, so that a restart does not wait for
     * them. Also when the run has already ended (a crash loop's child may die within the delay):
     * the restart then finds them made if this comes first, and makes them itself otherwise.
     */
    private void prepareNextOutput() {
        ServiceLog log;
        lock.lock();
        try {
            log = output;
        } finally {
            lock.unlock();
        }
        if (log != null) {
            log.prepareNext();
        }
    }

    /**
     * Stops this daemon's children that carry the service's marks from a run before the current
     * one (orphans of a crashed run: a reloader's workers would hold its port). Never the current
     * or a later run's: the service may have restarted again meanwhile. With no current run (the
     * service is between runs) the search waits for the next start.
     */
    private void stopOrphansOfEarlierRuns() {
        Run current;
        lock.lock();
        try {
            orphanSearchScheduled = false;
            current = run;
            if (current == null || current.adopted) {
                orphansPossible = true;
                return;
            }
            lastOrphanSearch = System.nanoTime();
        } finally {
            lock.unlock();
        }
        stopChildrenOfRunsBefore(current.generation, current.handle.pid());
    }

    /**
     * Stops this daemon's children that carry the service's marks of a run numbered below
     * {@code run}, or of another daemon's run, except the process {@code except} (-1: none).
     */
    private void stopChildrenOfRunsBefore(long run, long except) {
        String ours = DAEMON_PID + ".";
        Stream<ProcessHandle> candidates = DaemonChildren.listExcept(context.roots())
                .filter(child -> child.pid() != except);
        for (ProcessHandle stray : ServiceMarks.findRuns(candidates, context.stateDir(), name,
                mark -> mark == null || !mark.startsWith(ours) || runNumberOf(mark) < run)) {
            context.tree().stop(stray, spec.stop().signal(), spec.stop().timeout());
        }
    }

    private static long runNumberOf(String mark) {
        try {
            return Long.parseLong(mark.substring(mark.indexOf('.') + 1));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Adopts the child a previous daemon left running: the one its PID file names, or else one
     * that carries this service's marks with no marked parent (that daemon was killed between
     * spawning it and writing the PID file). Returns whether it adopted one.
     */
    private boolean adoptSurvivor() {
        Optional<ProcessHandle> survivor = instanceLock.survivor();
        if (survivor.isPresent()) {
            adopt(survivor.get(), instanceLock.previous().map(PidRecord::childCommand).orElse(""));
            return true;
        }
        if (instanceLock.previous().isEmpty()) {
            return false; // a clean stop deletes the PID file: nothing can be left
        }
        List<ProcessHandle> marked = ServiceMarks.find(ProcessHandle.allProcesses(), context.stateDir(), name);
        java.util.Set<Long> pids = new java.util.HashSet<>();
        marked.forEach(process -> pids.add(process.pid()));
        Optional<ProcessHandle> root = marked.stream()
                .filter(process -> process.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
                .max(java.util.Comparator.comparing(process -> process.info().startInstant().orElse(Instant.MIN)));
        root.ifPresent(process -> adopt(process, process.info().commandLine().orElse("")));
        return root.isPresent();
    }

    private static String runMark(long runNumber) {
        return DAEMON_PID + "." + runNumber;
    }

    private void adopt(ProcessHandle survivor, String command) {
        Instant started = survivor.info().startInstant().orElse(context.clock().instant());
        Run current = new Run(++generation, null, survivor, started, true);
        run = current;
        context.roots().add(survivor.pid());
        if (output == null) {
            output = openOutput();
        }
        output.adopt(survivor.pid());
        updatePidFile(survivor, command);
        transition(ServiceState.RUNNING, "adopted PID " + survivor.pid() + " (started " + started
                + "), left running by a previous daemon", survivor.pid(), null);
        startMonitor(current);
        survivor.onExit().whenCompleteAsync((exited, error) -> onExit(current, null), VIRTUAL);
    }

    /**
     * Refuses the start, naming the holder, when the declared port is held: the service would
     * only fail to bind, and "address in use" names nobody.
     */
    private boolean portHeld() {
        if (spec.port() <= 0) {
            return false;
        }
        Optional<String> holder = PortCheck.heldBy(spec.port());
        if (holder.isEmpty()) {
            return false;
        }
        lastExitCode = null;
        lastExitAt = context.clock().instant();
        transition(ServiceState.FAILED, "not started: port " + spec.port() + " is held by " + holder.get()
                + ", outside this service. Stop that process or change the port of " + name
                + " in warden.yaml; warden doctor --port " + spec.port() + " tells more", null, null);
        releaseLock();
        failWaiters("port " + spec.port() + " held");
        return true;
    }

    /** Takes the instance lock if not held; on refusal the service is failed with the holder named. */
    private boolean holdLock() {
        if (instanceLock != null && instanceLock.isHeld()) {
            return true;
        }
        try {
            instanceLock = InstanceLock.acquire(context.stateDir(), name,
                    PidRecord.ofCurrentProcess(context.holderCommand(), spec.port(), context.version())
                            .withStop("warden stop " + name + " --state-dir " + context.stateDir().toAbsolutePath()));
            return true;
        } catch (AlreadyRunningException e) {
            transition(ServiceState.FAILED, "not started: already running outside this daemon: " + e.getMessage(),
                    e.holder().map(holder -> holder.hasChild() ? holder.childPid() : holder.pid()).orElse(null), null);
        } catch (LockException e) {
            transition(ServiceState.FAILED, "not started: " + e.getMessage(), null, null);
        }
        failWaiters("lock refused");
        return false;
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
            orphansPossible = true;
            closeMonitor(exited);
            Instant now = context.clock().instant();
            lastExitCode = code;
            lastExitAt = now;
            RestartDecision decision = planner.next(history, exited.started, code, now);
            boolean immediate = decision instanceof RestartDecision.Restart restart && !restart.delay().isPositive();
            if (!immediate) {
                // A restart at once rewrites the PID file with the new child right after its spawn;
                // until then the record names the dead child, which no daemon adopts (PID and start
                // instant are checked), as it would not adopt a child-less record.
                updatePidFile(null, null);
            }
            transition(ServiceState.EXITED, decision instanceof RestartDecision.Stay ? decision.reason()
                    : code == null ? "exited (no exit code)" : "exited with code " + code, exited.handle.pid(), code);
            switch (decision) {
                case RestartDecision.Restart restart -> {
                    history = restart.history();
                    transition(ServiceState.BACKOFF, restart.reason(), null, code);
                    long expected = generation;
                    if (immediate) {
                        restartNow = expected; // on this thread, after the lock: no scheduler round trip
                    } else {
                        pendingRestart = context.scheduler().schedule(
                                () -> Thread.ofVirtual().name("warden-restart-" + name)
                                        .start(() -> restartAfterBackoff(expected, exited)),
                                restart.delay().toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
                case RestartDecision.GiveUp giveUp -> {
                    // The planner knows no names: its message ends "warden start NAME".
                    transition(ServiceState.FAILED, giveUp.reason().replace("warden start NAME", "warden start " + name),
                            null, code);
                    releaseLock();
                    failWaiters(giveUp.reason());
                }
                case RestartDecision.Stay stay -> {
                    releaseLock();
                    failWaiters(stay.reason());
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
     * a run this daemon started (its orphans are this daemon's children, marked with the run)
     * that search follows the spawn ({@link #stopOrphansOfEarlierRuns}), off the restart's path;
     * after an adopted run (its orphans went to init) it precedes the spawn, as before.
     */
    private void restartAfterBackoff(long expectedGeneration, Run exited) {
        if (exited.adopted) {
            for (ProcessHandle stray : ServiceMarks.find(ProcessHandle.allProcesses(), context.stateDir(), name)) {
                context.tree().stop(stray, spec.stop().signal(), spec.stop().timeout());
            }
        }
        lock.lock();
        try {
            if (state != ServiceState.BACKOFF || generation != expectedGeneration) {
                return;
            }
            pendingRestart = null;
            restarts++;
            launch("restart " + restarts);
        } finally {
            lock.unlock();
        }
    }

    private void startMonitor(Run current) {
        if (spec.health() == null) {
            return;
        }
        current.monitor = HealthMonitor.start(spec.health(), Probe.of(spec.health(),
                spec.health().http() != null ? context.http() : null), context.clock(),
                (status, result) -> onHealth(current, status, result));
    }

    private void onHealth(Run current, HealthStatus status, Probe.Result result) {
        boolean restart;
        lock.lock();
        try {
            if (run != current || current.stopping) {
                return;
            }
            current.health = status;
            ServiceState to = switch (status) {
                case HEALTHY -> ServiceState.HEALTHY;
                case UNHEALTHY -> ServiceState.UNHEALTHY;
                case STARTING -> ServiceState.RUNNING;
            };
            transition(to, "health check: " + result.detail(), current.handle.pid(), null);
            restart = status == HealthStatus.UNHEALTHY && spec.health().restartWhenUnhealthy();
        } finally {
            lock.unlock();
        }
        if (restart) {
            Thread.ofVirtual().name("warden-unhealthy-" + name).start(() -> {
                stop("unhealthy, restartWhenUnhealthy");
                lock.lock();
                try {
                    restarts++;
                    int kept = restarts;
                    launch("restart after unhealthy");
                    restarts = kept;
                } finally {
                    lock.unlock();
                }
            });
        }
    }

    private void transition(ServiceState to, String why, Long pid, Integer exitCode) {
        ServiceState from = state;
        state = to;
        reason = why;
        context.events().record(new ServiceEvent(context.clock().instant(), name, from, to, why, pid, exitCode));
        for (var iterator = waiters.iterator(); iterator.hasNext(); ) {
            Waiter waiter = iterator.next();
            if (satisfies(waiter.condition())) {
                iterator.remove();
                waiter.future().complete(null);
            }
        }
    }

    private boolean satisfies(DependencyCondition condition) {
        return switch (condition) {
            case STARTED -> state == ServiceState.RUNNING || state == ServiceState.HEALTHY
                    || state == ServiceState.UNHEALTHY;
            case HEALTHY -> state == ServiceState.HEALTHY;
        };
    }

    /** Failed, or exited and not restarted by its policy: it will not get anywhere by itself. */
    private boolean givenUp() {
        return state == ServiceState.FAILED || state == ServiceState.EXITED;
    }

    /** Dependants waiting on this service learn that it will not get there by itself. */
    private void failWaiters(String why) {
        if (!givenUp()) {
            return;
        }
        waiters.forEach(waiter -> waiter.future().completeExceptionally(
                new SupervisorException("dependency " + name + " failed: " + why)));
        waiters.clear();
    }

    /** Rewrites the PID file; returns the record written, or null when it could not be. */
    private PidRecord updatePidFile(ProcessHandle child, String command) {
        if (instanceLock == null || !instanceLock.isHeld()) {
            return null;
        }
        try {
            PidRecord base = instanceLock.record();
            PidRecord updated = child == null ? base.withoutChild() : base.withChild(child, command);
            instanceLock.update(updated);
            return updated;
        } catch (LockException e) {
            System.getLogger(ServiceRunner.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot update the PID file of " + name + ": " + e.getMessage());
            return null;
        }
    }

    private ServiceLog openOutput() {
        ServiceLog log = ServiceLog.open(context.stateDir(), name, spec.logs());
        log.follow(followers);
        return log;
    }

    /**
     * Releases the instance lock. The log stays open until {@link #close}: the next start uses
     * the spool files it prepared, where reopening it would make new ones and read its state again.
     */
    private void releaseLock() {
        if (instanceLock != null) {
            instanceLock.close();
            instanceLock = null;
        }
    }

    /** Closes the log; called once the service is stopped for good (the supervisor's close). */
    void close() {
        lock.lock();
        try {
            if (output != null) {
                output.close();
                output = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        generation++;
    }

    private static void closeMonitor(Run run) {
        if (run.monitor != null) {
            run.monitor.close();
            run.monitor = null;
        }
    }

    private List<ProcessHandle> strays(Run of) {
        // Orphans re-parented to this daemon (subreaper), which are never a service's current root
        // (those are not read: a stop of all services would read every child's environment per
        // stop, again at each re-scan); after an adoption the previous daemon's orphans went to
        // init, so the whole process table is searched then.
        return ServiceMarks.find(of.adopted ? ProcessHandle.allProcesses() : DaemonChildren.listExcept(context.roots()),
                context.stateDir(), name).stream().filter(process -> process.pid() != of.handle.pid()).toList();
    }

    private Path workdir() {
        return spec.workdir() == null ? context.baseDir() : context.baseDir().resolve(spec.workdir());
    }

    private static Duration maxZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
