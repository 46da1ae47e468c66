package io.warden.supervisor;

import io.warden.lock.AlreadyRunningException;
import io.warden.lock.InstanceLock;
import io.warden.lock.LockException;
import io.warden.lock.PidRecord;
import io.warden.supervisor.doctor.PortCheck;
import io.warden.supervisor.process.ServiceMarks;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The claim on a service that keeps a second copy from running: its instance lock
 * ({@code NAME.lock}) and PID file ({@code NAME.pid}, the same as {@code warden run --name NAME}),
 * the adoption of the child a previous daemon left running, and the check that nobody outside the
 * service holds its declared port.
 *
 * <p>Thread safety: guarded by the runner's lock, like the runner's state; called only under it.
 */
final class ServiceClaim {

    /** Why the lock was refused, and the PID of the process that holds it when known. */
    record Refusal(String reason, Long holder) {
    }

    /** A child a previous daemon left running, and the command it runs. */
    record Survivor(ProcessHandle process, String command) {
    }

    private static final System.Logger LOG = System.getLogger(ServiceClaim.class.getName());

    private final String name;
    private final int port;
    private final RunnerContext context;
    private InstanceLock lock;

    ServiceClaim(String name, int port, RunnerContext context) {
        this.name = name;
        this.port = port;
        this.context = context;
    }

    /** Whether this runner holds the lock: then nobody else starts the service. */
    boolean held() {
        return lock != null && lock.isHeld();
    }

    /** Takes the instance lock unless held; empty when held now, else why it was refused. */
    Optional<Refusal> take() {
        if (held()) {
            return Optional.empty();
        }
        try {
            lock = InstanceLock.acquire(context.stateDir(), name,
                    PidRecord.ofCurrentProcess(context.holderCommand(), port, context.version())
                            .withStop("warden stop " + name + " --state-dir " + context.stateDir().toAbsolutePath()));
            return Optional.empty();
        } catch (AlreadyRunningException e) {
            return Optional.of(new Refusal("not started: already running outside this daemon: " + e.getMessage(),
                    e.holder().map(holder -> holder.hasChild() ? holder.childPid() : holder.pid()).orElse(null)));
        } catch (LockException e) {
            return Optional.of(new Refusal("not started: " + e.getMessage(), null));
        }
    }

    /**
     * The child a previous daemon left running: the one its PID file names, or else one that
     * carries this service's marks with no marked parent (that daemon was killed between spawning
     * it and writing the PID file). Only meaningful right after {@link #take} took the lock: while
     * this daemon holds it, nobody else starts the service.
     */
    Optional<Survivor> survivor() {
        Optional<ProcessHandle> recorded = lock.survivor();
        if (recorded.isPresent()) {
            return Optional.of(new Survivor(recorded.get(), lock.previous().map(PidRecord::childCommand).orElse("")));
        }
        if (lock.previous().isEmpty()) {
            return Optional.empty(); // a clean stop deletes the PID file: nothing can be left
        }
        List<ProcessHandle> marked = ServiceMarks.find(ProcessHandle.allProcesses(), context.stateDir(), name);
        Set<Long> pids = new HashSet<>();
        marked.forEach(process -> pids.add(process.pid()));
        return marked.stream()
                .filter(process -> process.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
                .max(Comparator.comparing(process -> process.info().startInstant().orElse(Instant.MIN)))
                .map(process -> new Survivor(process, process.info().commandLine().orElse("")));
    }

    /**
     * Why the service cannot start when its declared port is held, naming the holder: the service
     * would only fail to bind, and "address in use" names nobody. Empty when the port is free or
     * none is declared.
     */
    Optional<String> portRefusal() {
        if (port <= 0) {
            return Optional.empty();
        }
        Optional<String> holder = PortCheck.heldBy(port);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("not started: port " + port + " is held by " + holder.get()
                + ", outside this service. Stop that process or change the port of " + name
                + " in warden.yaml; warden doctor --port " + port + " tells more");
    }

    /**
     * Rewrites the PID file with {@code child} (null: none, the record of a service between runs).
     *
     * @return the record written, or null when it could not be
     */
    PidRecord record(ProcessHandle child, String command) {
        if (!held()) {
            return null;
        }
        try {
            PidRecord base = lock.record();
            PidRecord updated = child == null ? base.withoutChild() : base.withChild(child, command);
            lock.update(updated);
            return updated;
        } catch (LockException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot update the PID file of " + name + ": " + e.getMessage());
            return null;
        }
    }

    /** Releases the instance lock; the PID file goes with it. */
    void release() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }
}
