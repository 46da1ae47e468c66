package io.warden.supervisor.identity;

import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.watch.Checkout;
import io.warden.supervisor.watch.SourceTree;
import io.warden.supervisor.watch.WatchException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * "Which code is running?": a {@link CodeStamp} recorded at each start of each service (heard
 * from the supervisor's events, so the runners need not know), and re-checked every
 * {@code interval}: a service whose code files changed after its process started is
 * {@code stale}, whether or not it is watched (needrestart's question, for a service's own code).
 *
 * <p>Thread safety: reads from any thread; stamps are taken on the checker's thread only.
 */
public final class CodeStamps implements AutoCloseable {

    /** Files looked at per check, so that a workdir with a huge tree stays cheap. */
    static final int FILE_CAP = 20_000;

    private static final System.Logger LOG = System.getLogger(CodeStamps.class.getName());

    private final Supervisor supervisor;
    private final Map<String, SourceTree> trees = new ConcurrentHashMap<>();
    private final Map<String, Path> workdirs = new ConcurrentHashMap<>();
    private final Map<String, CodeStamp> stamps = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("warden-code-stamps").factory());
    private final AutoCloseable events;

    private CodeStamps(Supervisor supervisor, Map<String, ServiceSpec> specs, Path baseDir, Path stateDir,
                       InstantSource clock) {
        this.supervisor = supervisor;
        this.clock = clock;
        specs.forEach((name, spec) -> {
            Path workdir = spec.workdirIn(baseDir);
            workdirs.put(name, workdir);
            try {
                trees.put(name, SourceTree.of(spec.watch(), workdir, List.of(stateDir)));
            } catch (WatchException e) {
                try {
                    trees.put(name, SourceTree.of(null, workdir, List.of(stateDir))); // the workdir, then
                } catch (WatchException noWorkdir) {
                    // no workdir: the service cannot start either, and has no code to stamp
                }
            }
        });
        this.events = supervisor.subscribe(this::onEvent);
    }

    /**
     * Stamps the services running now, then each start as it happens, and re-checks every
     * {@code interval} (the metrics sampling interval: stale within one sample).
     */
    public static CodeStamps start(Supervisor supervisor, Map<String, ServiceSpec> specs, Path baseDir,
                                   Path stateDir, Duration interval, InstantSource clock) {
        CodeStamps stamps = new CodeStamps(supervisor, specs, baseDir, stateDir, clock);
        long every = Math.max(100, interval.toMillis());
        stamps.checker.scheduleWithFixedDelay(stamps::checkAll, 0, every, TimeUnit.MILLISECONDS);
        return stamps;
    }

    /** The stamp of the service's current process; empty when none runs or it is not stamped yet. */
    public Optional<CodeStamp> stamp(String name) {
        CodeStamp stamp = stamps.get(name);
        ServiceStatus status = supervisor.service(name);
        if (stamp == null || status.started() == null || !status.started().equals(stamp.processStart())) {
            return Optional.empty();
        }
        return Optional.of(stamp);
    }

    /** Whether the service's process runs older code than its files on disk. */
    public boolean stale(String name) {
        return stamp(name).map(CodeStamp::stale).orElse(false);
    }

    /** On the event thread, which must not block: the stamp is taken on the checker's thread. */
    private void onEvent(ServiceEvent event) {
        if (event.to() == ServiceState.RUNNING && event.from() != ServiceState.RUNNING && trees.containsKey(
                event.service())) {
            try {
                checker.execute(() -> check(event.service()));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // closing
            }
        }
    }

    private void checkAll() {
        for (String name : trees.keySet()) {
            try {
                check(name);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + ": cannot read its code stamp: " + e, e);
            }
        }
    }

    /** Stamps a process not stamped yet; re-checks the files of one that is. */
    void check(String name) {
        ServiceStatus status = supervisor.service(name);
        if (status.started() == null) {
            stamps.remove(name);
            return;
        }
        Optional<SourceTree.Newest> newest = trees.get(name).newest(FILE_CAP);
        CodeStamp known = stamps.get(name);
        if (known == null || !known.processStart().equals(status.started())) {
            Path workdir = workdirs.get(name);
            CodeStamp fresh = new CodeStamp(Checkout.commit(workdir).orElse(null), Checkout.dirty(workdir).orElse(null),
                    newest.map(SourceTree.Newest::modified).orElse(null), newest.map(SourceTree.Newest::path)
                    .orElse(null), clock.instant(), status.started(), false, null);
            known = fresh.markedStale(staleBy(fresh, newest, status.started()));
            stamps.put(name, known);
            LOG.log(Level.INFO, name + ": PID " + status.pid() + " runs code " + known.summary());
            supervisor.note(name, "code " + known.summary() + (known.stale() ? "; stale: " + known.staleBy()
                    + " is newer than the process" : ""));
            return;
        }
        String by = staleBy(known, newest, status.started());
        if (by != null && !known.stale()) {
            LOG.log(Level.WARNING, name + ": stale, " + by + " changed after PID " + status.pid() + " started");
            supervisor.note(name, "stale: " + by + " changed after PID " + status.pid() + " started; warden restart "
                    + name);
        }
        stamps.put(name, known.markedStale(by));
    }

    /**
     * The file that makes the process stale, or null: newer than what the start recorded, or
     * clearly newer than the process (an adopted one, stamped after its code changed).
     */
    static String staleBy(CodeStamp atStart, Optional<SourceTree.Newest> now, Instant processStart) {
        if (now.isEmpty()) {
            return null;
        }
        Instant modified = now.get().modified();
        boolean newerThanStamp = atStart.newest() != null && modified.isAfter(atStart.newest());
        boolean newerThanProcess = now.get().newerThan(processStart);
        return newerThanStamp || newerThanProcess ? now.get().path() : null;
    }

    @Override
    public void close() {
        checker.shutdownNow();
        try {
            events.close();
        } catch (Exception e) {
            // closing a subscription does not fail
        }
    }
}
