package io.warden.supervisor.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Stops a whole process tree: the root, its descendants, and members that left the tree (orphans
 * re-parented to the daemon as subreaper, or found by the caller's {@code strays} source).
 *
 * <p>The steps: snapshot the tree before acting (a stopping parent's children re-parent and drop
 * out of {@link ProcessHandle#descendants()}), send the signal to every member, wait up to the
 * timeout while re-scanning (members forked meanwhile get the signal too), send KILL to whatever
 * is left, and re-scan until no member runs. Every member is identified by PID and start instant,
 * and re-checked before each signal, so a recycled PID is never signalled.
 *
 * <p>Thread safety: instances are immutable; concurrent stops of different trees are fine.
 */
public final class ProcessTree {

    /** How long the KILL rounds may take before the survivors are reported as remaining. */
    private static final long KILL_PHASE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long MIN_PARK_NANOS = Duration.ofMillis(2).toNanos();
    private static final long MAX_PARK_NANOS = Duration.ofMillis(50).toNanos();

    private final ProcessSignals signals;

    /** A tree stopper sending signals through {@code signals}. */
    public ProcessTree(ProcessSignals signals) {
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    /** A tree stopper for the running OS. */
    public static ProcessTree platform() {
        return new ProcessTree(ProcessSignals.platform());
    }

    /** Stops the tree under {@code root}; see {@link #stop(ProcessHandle, Signal, Duration, Supplier)}. */
    public StopReport stop(ProcessHandle root, Signal signal, Duration timeout) {
        return stop(root, signal, timeout, List::of);
    }

    /**
     * Stops the tree under {@code root}: {@code signal} to every member, KILL after {@code timeout}
     * to what is left, until nothing runs. Blocks until done (at most the timeout plus the KILL
     * rounds). Call it on a platform thread: the loop parks between re-scans, and a virtual
     * thread's wake-ups wait for a free carrier, which an API flood keeps busy for seconds (the
     * KILL then comes late, or not at all).
     *
     * @param strays members outside the root's descendants (for example the daemon's re-parented
     *               children that carry the service's marker); asked at every re-scan
     */
    public StopReport stop(ProcessHandle root, Signal signal, Duration timeout,
                           Supplier<? extends Collection<ProcessHandle>> strays) {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(timeout, "timeout");
        ProcessId rootId = ProcessId.of(root).orElse(null);
        Map<Long, ProcessId> running = new LinkedHashMap<>();
        List<ProcessId> stopped = new ArrayList<>();
        List<ProcessId> killed = new ArrayList<>();
        List<ProcessId> remaining = new ArrayList<>();

        if (rootId != null && ProcessId.isRunning(root)) {
            running.put(rootId.pid(), rootId);
        }
        scan(running, strays);
        running.values().forEach(member -> send(member, signal));

        long deadline = System.nanoTime() + timeout.toNanos();
        long park = MIN_PARK_NANOS;
        while (!running.isEmpty() && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Math.min(park, Math.max(1, deadline - System.nanoTime())));
            park = Math.min(park * 2, MAX_PARK_NANOS);
            for (ProcessId fresh : scan(running, strays)) {
                send(fresh, signal);
            }
            dropExited(running, stopped);
        }

        long killDeadline = System.nanoTime() + KILL_PHASE_NANOS;
        park = MIN_PARK_NANOS;
        while (!running.isEmpty()) {
            scan(running, strays);
            for (ProcessId member : running.values()) {
                if (send(member, Signal.KILL) && !killed.contains(member)) {
                    killed.add(member);
                }
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, MAX_PARK_NANOS);
            List<ProcessId> gone = new ArrayList<>();
            dropExited(running, gone);
            gone.stream().filter(id -> !killed.contains(id)).forEach(stopped::add);
            if (System.nanoTime() - killDeadline > 0) {
                remaining.addAll(running.values());
                break;
            }
        }
        return new StopReport(rootId, stopped, killed, remaining);
    }

    /** Adds members not yet known (descendants of running members, and strays); returns them. */
    private static List<ProcessId> scan(Map<Long, ProcessId> running,
                                        Supplier<? extends Collection<ProcessHandle>> strays) {
        List<ProcessHandle> candidates = new ArrayList<>();
        for (ProcessId member : List.copyOf(running.values())) {
            member.live().ifPresent(process -> process.descendants().forEach(candidates::add));
        }
        for (ProcessHandle stray : strays.get()) {
            candidates.add(stray);
            stray.descendants().forEach(candidates::add);
        }
        List<ProcessId> fresh = new ArrayList<>();
        candidates.stream()
                .filter(ProcessId::isRunning)
                .flatMap(process -> ProcessId.of(process).stream())
                .filter(id -> id.pid() != ProcessHandle.current().pid())
                .forEach(id -> {
                    ProcessId known = running.get(id.pid());
                    if (known == null || !known.equals(id)) {
                        running.put(id.pid(), id);
                        fresh.add(id);
                    }
                });
        return fresh;
    }

    private static void dropExited(Map<Long, ProcessId> running, List<ProcessId> into) {
        running.values().removeIf(member -> {
            if (member.live().isPresent()) {
                return false;
            }
            into.add(member);
            return true;
        });
    }

    /** Signals the member if it is still the same process; false when it is gone. */
    private boolean send(ProcessId member, Signal signal) {
        return member.live().map(process -> {
            try {
                return signals.send(process, signal);
            } catch (ProcessControlException e) {
                return false;
            }
        }).orElse(false);
    }

    /** Every running member of the tree under {@code root} now, root first. */
    public static List<ProcessId> members(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants())
                .filter(ProcessId::isRunning)
                .flatMap(process -> ProcessId.of(process).stream())
                .toList();
    }
}
