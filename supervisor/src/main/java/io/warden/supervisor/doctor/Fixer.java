package io.warden.supervisor.doctor;

import io.warden.lock.AlreadyRunningException;
import io.warden.lock.InstanceLock;
import io.warden.lock.LockException;
import io.warden.lock.PidRecord;
import io.warden.supervisor.doctor.Diagnosis.FileFinding;
import io.warden.supervisor.doctor.Diagnosis.Listed;
import io.warden.supervisor.doctor.FixReport.Action;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.StopReport;
import io.warden.supervisor.spec.StopSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Acts on a diagnosis, and on nothing else: stops the tree of each listed process (graceful
 * signal, KILL after the service's stop timeout) only while its PID and start instant still match
 * the listing, never when a supervised root is in its tree; then clears stale and corrupt PID
 * files through the lock protocol (take the free lock, release it: the protocol's own
 * replacement, never a delete behind a holder's back; lock files are left alone).
 * Thread safety: stateless apart from its collaborators; stops run in parallel on virtual threads.
 */
final class Fixer {

    private final ProcessTree tree;
    private final Path stateDir;
    private final String holderCommand;
    private final String version;

    Fixer(ProcessTree tree, Path stateDir, String holderCommand, String version) {
        this.tree = Objects.requireNonNull(tree, "tree");
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        this.holderCommand = holderCommand;
        this.version = version;
    }

    /** Stops the listed processes and clears the listed files; {@code stops} gives each service's stop spec. */
    List<Action> fix(Diagnosis diagnosis, Map<String, StopSpec> stops) {
        Set<Long> supervisedRoots = diagnosis.services().stream().map(Diagnosis.ServiceReport::supervised)
                .filter(Objects::nonNull).map(ProcessId::pid).collect(Collectors.toSet());
        List<CompletableFuture<Action>> stopping = new ArrayList<>();
        for (Listed listed : diagnosis.listed()) {
            StopSpec stop = stops.getOrDefault(listed.service().name(), StopSpec.DEFAULT);
            CompletableFuture<Action> action = new CompletableFuture<>();
            Thread.ofVirtual().name("warden-doctor-stop-" + listed.suspect().pid()).start(() -> {
                try {
                    action.complete(stop(listed, stop, supervisedRoots));
                } catch (RuntimeException e) {
                    action.complete(act(listed, "failed", "could not stop it: " + e.getMessage()));
                }
            });
            stopping.add(action);
        }
        List<Action> actions = new ArrayList<>(stopping.stream().map(CompletableFuture::join).toList());
        diagnosis.files().forEach(file -> actions.add(clear(file)));
        return actions;
    }

    private Action stop(Listed listed, StopSpec stop, Set<Long> supervisedRoots) {
        ProcessId id = listed.suspect().id();
        Optional<ProcessHandle> live = id.live();
        if (live.isEmpty()) {
            Optional<ProcessHandle> other = ProcessHandle.of(id.pid()).filter(ProcessHandle::isAlive);
            return other.isPresent()
                    ? act(listed, "changed", "PID " + id.pid() + " now belongs to another process (started "
                    + other.get().info().startInstant().map(Object::toString).orElse("at an unknown time")
                    + ", listed one started " + id.started() + "): left alone")
                    : act(listed, "gone", "it exited before the fix");
        }
        ProcessHandle process = live.get();
        Optional<ProcessHandle> supervised = process.descendants()
                .filter(member -> supervisedRoots.contains(member.pid())).findFirst();
        if (supervised.isPresent()) {
            return act(listed, "refused", "supervised PID " + supervised.get().pid() + " is in its tree: "
                    + "stopping it would stop the supervised service; stop the service with warden first");
        }
        StopReport report = tree.stop(process, stop.signal(), stop.timeout());
        String counts = report.size() + " process(es) in its tree: " + report.stopped().size() + " exited after SIG"
                + stop.signal() + ", " + report.killed().size() + " killed after " + stop.timeout().toMillis() + "ms";
        if (!report.clean()) {
            return act(listed, "failed", counts + ", " + report.remaining().size() + " still running: "
                    + report.remaining() + " (another user's? run doctor with the rights of its owner)");
        }
        return act(listed, report.killed().isEmpty() ? "stopped" : "killed", counts);
    }

    private Action clear(FileFinding file) {
        PidRecord self = PidRecord.ofCurrentProcess(holderCommand, 0, version);
        try (InstanceLock lock = InstanceLock.acquire(stateDir, file.name(), self)) {
            if (lock.survivor().isPresent()) {
                return new Action(file.path(), "pid-file", null, null, "kept", "its child PID "
                        + lock.survivor().get().pid() + " still runs, so the file keeps naming it");
            }
            return new Action(file.path(), "pid-file", null, null, "cleared",
                    "took the free lock of " + file.name() + " and released it: the " + file.status()
                            + " PID file is gone, the lock file stays");
        } catch (AlreadyRunningException e) {
            return new Action(file.path(), "pid-file", null, null, "skipped", "held now, so not stale: "
                    + e.getMessage());
        } catch (LockException e) {
            return new Action(file.path(), "pid-file", null, null, "skipped", e.getMessage());
        }
    }

    private static Action act(Listed listed, String outcome, String detail) {
        return new Action(listed.service().name(), listed.suspect().kind(), listed.suspect().pid(),
                listed.suspect().started(), outcome, detail);
    }
}
