package io.warden.supervisor;

import io.warden.lock.PidRecord;
import io.warden.supervisor.health.HealthStatus;
import io.warden.supervisor.health.Probe;
import io.warden.supervisor.logs.OutputFiles;
import io.warden.supervisor.logs.ServiceLog;
import io.warden.supervisor.process.Child;
import io.warden.supervisor.process.SpawnRequest;
import io.warden.supervisor.spec.ServiceSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How a run begins: the claim on the service (its lock, then a previous daemon's survivor to
 * adopt, or a held port to refuse), the spawn with the run's marks into the service's log, the PID
 * file, and the watches of the new run's exit and health. Between a child's death and its
 * replacement's spawn (the restart path) only what must precede the spawn runs: the claim (already
 * held), the capture's journal, the request, the spawn. The PID file follows the spawn at once,
 * before the run counts as running; the next start's spool files and the orphan sweep come after.
 *
 * <p>Thread safety: called only under the runner's lock.
 */
final class Launcher {

    /** What the runner does when a run exits or its health changes; called without the lock. */
    interface Watcher {
        void exited(Run run, Integer code);

        void healthChanged(Run run, HealthStatus status, Probe.Result result);
    }

    /**
     * Exit callbacks leave the reaper's thread at once, for one of their own: the restart at once
     * after a crash runs there ({@link SupervisionThreads}: not a virtual thread).
     */
    private static final Executor EXITS = SupervisionThreads.named("warden-exit");

    /** How long after a spawn its housekeeping waits (the child's exec and first steps come first). */
    private static final long TIDY_DELAY_MILLIS = 20;

    private final ServiceSpec spec;
    private final RunnerContext context;
    private final RunnerState state;
    private final ServiceClaim claim;
    private final ServiceOutput output;
    private final OrphanSweep orphans;
    private final Watcher watcher;

    Launcher(ServiceSpec spec, RunnerContext context, RunnerState state, ServiceClaim claim, ServiceOutput output,
             OrphanSweep orphans, Watcher watcher) {
        this.spec = spec;
        this.context = context;
        this.state = state;
        this.claim = claim;
        this.output = output;
        this.orphans = orphans;
        this.watcher = watcher;
    }

    /**
     * Starts run number {@code number}: the child, or the one a previous daemon left running.
     *
     * @return the run, running; null when none could begin (the state says why) or the supervisor closes
     * @throws NoSpace when the output files could not be made for lack of disk space (the state is
     *                 still starting: the caller plans the retry)
     */
    Run launch(String why, long number) throws NoSpace {
        // Under the lock, as every stop is: a launch either precedes the shutdown's stop of this
        // service (which then ends the child) or sees the closing and starts nothing.
        if (context.closing().getAsBoolean()) {
            return null;
        }
        // A cluster singleton runs only under this agent's lease, with its epoch and its watchdog.
        Optional<ClusterTerm> term = Optional.empty();
        if (spec.runsOncePerCluster()) {
            term = context.gate().term(state.name());
            if (term.isEmpty()) {
                state.transition(ServiceState.STANDBY, context.gate().standbyReason(state.name()), null, null);
                return null;
            }
        }
        boolean fresh = !claim.held();
        Optional<ServiceClaim.Refusal> refused = claim.take();
        if (refused.isPresent()) {
            state.transition(ServiceState.FAILED, refused.get().reason(), refused.get().holder(), null);
            state.failWaiters("lock refused");
            return null;
        }
        // A survivor can exist only when the lock was just taken: while this daemon holds it,
        // nobody else starts the service.
        Optional<ServiceClaim.Survivor> survivor = fresh ? claim.survivor() : Optional.empty();
        if (survivor.isPresent() && spec.runsOncePerCluster()) {
            // Left by a killed daemon whose watchdog failed: it ran under an older epoch, perhaps
            // beside another agent's copy since. Never adopted; ended before the new term's start.
            context.tree().stop(survivor.get().process(), io.warden.supervisor.process.Signal.KILL, Duration.ZERO);
        } else if (survivor.isPresent()) {
            return adopt(number, survivor.get());
        }
        Optional<String> portHeld = claim.portRefusal();
        if (portHeld.isPresent()) {
            fail(portHeld.get(), "port " + spec.port() + " held");
            return null;
        }
        state.transition(ServiceState.STARTING, why, null, null);
        Map<String, String> env = new HashMap<>(spec.env());
        env.putAll(orphans.marks(number));
        term.ifPresent(held -> env.putAll(held.env()));
        List<String> command = term.map(held -> context.watchdog().wrap(spec.command(), held.beatWithin()))
                .orElse(spec.command());
        Child child;
        try {
            OutputFiles files = output.attach();
            child = context.spawner().spawn(new SpawnRequest(command, workdir(), env, files.stdout(),
                    files.stderr(), term.isPresent() && context.watchdog().tethered()));
        } catch (IOException | RuntimeException e) {
            if (ServiceLog.noSpace(e)) {
                state.exited(null);
                throw new NoSpace("cannot start " + spec.command() + ": " + e.getMessage());
            }
            fail("cannot start " + spec.command() + " in " + workdir() + ": " + e.getMessage(), "could not start");
            return null;
        }
        // The PID file first: from here on a daemon killed with -9 leaves a record that the next
        // one adopts this child by (a kill before it is covered by the claim's search for a survivor).
        PidRecord record = claim.record(child.handle(), String.join(" ", spec.command()));
        Instant started = record != null && record.childStarted() != null ? record.childStarted()
                : child.handle().info().startInstant().orElse(context.clock().instant());
        Run current = Run.spawned(number, child, started);
        context.roots().add(child.pid());
        state.transition(ServiceState.RUNNING, "started", child.pid(), null);
        current.monitor(state.name(), spec, context, watcher);
        // Async: the exit may be known already (a child that died at once), and this thread holds the lock.
        child.exit().whenCompleteAsync((code, error) -> watcher.exited(current, code), EXITS);
        // Also watch the child's exit, so a last line without a newline reaches the log then.
        output.finishWhen(child.exit());
        // Housekeeping a little later, so that it does not take CPU from the child's start.
        try {
            context.scheduler().schedule(() -> Thread.ofVirtual().name("warden-tidy-" + state.name())
                    .start(output::prepareNext), TIDY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            orphans.afterSpawn(TimeUnit.MILLISECONDS.toNanos(TIDY_DELAY_MILLIS));
        } catch (RejectedExecutionException closing) {
            // the supervisor is closing: nothing to tidy for
        }
        return current;
    }

    /** A start refused for lack of disk space: a condition of the host that passes, unlike a bad command. */
    static final class NoSpace extends Exception {
        NoSpace(String message) {
            super(message, null, false, false);
        }
    }

    private Run adopt(long number, ServiceClaim.Survivor survivor) {
        ProcessHandle process = survivor.process();
        Instant started = process.info().startInstant().orElse(context.clock().instant());
        Run current = Run.adopted(number, process, started);
        context.roots().add(process.pid());
        output.adopt(process.pid());
        claim.record(process, survivor.command());
        state.transition(ServiceState.RUNNING, "adopted PID " + process.pid() + " (started " + started
                + "), left running by a previous daemon", process.pid(), null);
        current.monitor(state.name(), spec, context, watcher);
        process.onExit().whenCompleteAsync((exited, error) -> watcher.exited(current, null), EXITS);
        return current;
    }

    /** A start that could not happen: failed with {@code why}, the lock released, dependants told. */
    private void fail(String why, String toDependants) {
        state.exited(null);
        state.transition(ServiceState.FAILED, why, null, null);
        claim.release();
        state.failWaiters(toDependants);
    }

    private Path workdir() {
        return spec.workdir() == null ? context.baseDir() : context.baseDir().resolve(spec.workdir());
    }
}
