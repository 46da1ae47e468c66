package io.warden.deploy;

import io.warden.alerts.AlertPoster;
import io.warden.alerts.eval.Scraper;
import io.warden.alerts.metric.MetricSource;
import io.warden.deploy.gate.Gate;
import io.warden.deploy.gate.GateDecision;
import io.warden.deploy.history.DeployHistory;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.deploy.rollout.Rollout;
import io.warden.deploy.watch.Progress;
import io.warden.deploy.watch.Verdict;
import io.warden.deploy.watch.WatchRule;
import io.warden.governance.GovernanceService;
import io.warden.governance.approval.Approver;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the API, the CLI and the daemon call: deploy a service's new spec (gated by policy,
 * applied, watched, promoted or rolled back on its own thread), follow its progress, roll back by
 * hand, list the history, and {@link #recover} deploys a stopped daemon left unfinished. One
 * deploy per service at a time. Thread safe.
 */
public final class Deployer implements AutoCloseable {

    /** The actor of automatic steps. */
    static final Approver WARDEN = Approver.of("warden");

    /**
     * What a deployer works with; the daemon builds one.
     *
     * @param control    runs services with a spec
     * @param governance assessments, their lifecycle and audit log, and the policy the gate applies
     * @param history    the deploy records
     * @param metrics    Warden's own metrics, for the alerts evaluator
     * @param scraper    scrapes services' Prometheus endpoints
     * @param clock      time of every decision
     * @param sleeper    waits between polls and rounds
     * @param listener   hears every event
     * @param alerts     where the deploys' standing alerts go (warnings, rollbacks, failures)
     */
    public record Wiring(ServiceControl control, GovernanceService governance, DeployHistory history,
                         MetricSource metrics, Scraper scraper, InstantSource clock, Sleeper sleeper,
                         DeployListener listener, AlertPoster alerts) {
    }

    private final Wiring wiring;
    private final Gate gate;
    private final AssessmentSteps steps;
    private final Map<String, DeployRun> active = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> done = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final ReentrantLock starting = new ReentrantLock();

    public Deployer(Wiring wiring) {
        this.wiring = wiring;
        this.gate = new Gate(wiring.governance());
        this.steps = new AssessmentSteps(wiring.governance());
    }

    /** What the gate would decide for {@code request}, without deploying. */
    public GateDecision check(DeployRequest request) {
        return gate.check(request.service(), request.environment(), request.tags(), request.assessmentId());
    }

    /**
     * Starts a deploy and returns its record at once; the deploy goes on in the background.
     *
     * @throws DeployRefusedException when the policy refuses it (exit 4)
     * @throws DeployException        when a deploy of the service is still running
     */
    public DeployRecord deploy(DeployRequest request) {
        GateDecision decision = check(request);
        if (!decision.allowed()) {
            throw new DeployRefusedException(decision);
        }
        // One deploy per service: the check and the launch are one step (a lock, not synchronized:
        // the step writes to the database).
        starting.lock();
        try {
            return launchDeploy(request, decision);
        } finally {
            starting.unlock();
        }
    }

    private DeployRecord launchDeploy(DeployRequest request, GateDecision decision) {
        DeployRun running = active.get(request.service());
        if (running != null) {
            throw new DeployException("deploy " + running.record().id() + " of " + request.service() + " is "
                    + running.record().phase().wire() + "; wait for it to end or roll it back first");
        }
        var now = wiring.clock().instant();
        String id = "dep-" + Long.toString(now.toEpochMilli(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        DeployRecord record = new DeployRecord(id, request.service(), decision.assessmentId(), request.actor().user(),
                request.environment(), Phase.PENDING, null, decision.explanation(),
                lastStable(request.service()), request.spec(), request.settings(), now, now, null,
                wiring.history().host());
        // The assessment first: a lifecycle refusal leaves no deploy behind.
        steps.deployed(record.assessmentId(), request.actor(), id);
        wiring.history().insert(record);
        DeployRun run = new DeployRun(wiring, steps, record,
                request.extraRules().stream().map(WatchRule::of).toList());
        run.event(DeployEvent.Kind.STARTED, "deploying " + request.service() + " by " + request.actor().user());
        launch(run, run::apply);
        return record;
    }

    /**
     * The spec a rollback restores: what runs now, unless the latest deploy is paused (its version
     * runs but was never promoted), then the spec before that one.
     */
    private ServiceSpec lastStable(String service) {
        return history(service).stream().findFirst().filter(latest -> latest.phase() == Phase.PAUSED)
                .map(DeployRecord::previous).orElseGet(() -> wiring.control().spec(service));
    }

    /** The deploy {@code id} as it stands. */
    public Optional<DeployRecord> find(String id) {
        DeployRun run = active.values().stream().filter(r -> r.record().id().equals(id)).findFirst().orElse(null);
        return run != null ? Optional.of(run.record()) : wiring.history().find(id);
    }

    /** The progress of a running deploy's watch; empty before its watch or after it ended. */
    public Optional<Progress> progress(String id) {
        return active.values().stream().filter(r -> r.record().id().equals(id)).findFirst()
                .map(DeployRun::progress);
    }

    /** Waits up to {@code timeout} for the deploy {@code id} to stop running, then returns its record. */
    public DeployRecord await(String id, Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<Void> future = done.get(id);
        if (future != null) {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new DeployException("deploy " + id + " failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return find(id).orElseThrow(() -> new DeployException("deploy " + id + " does not exist"));
    }

    /** Every agent's deploys, newest first, at most {@code limit} ({@code GET /api/v1/deploys}). */
    public List<DeployRecord> recent(int limit) {
        return wiring.history().list(limit, null, null);
    }

    /**
     * Every agent's deploys, newest first, at most {@code limit}; of {@code service} and on
     * {@code host} (an agent id) only when they are not null.
     */
    public List<DeployRecord> list(int limit, String service, String host) {
        return wiring.history().list(limit, service, host);
    }

    /** The agent this deployer runs on (its fleet agent id), recorded with each deploy. */
    public String host() {
        return wiring.history().host();
    }

    /** The phase changes of deploy {@code id}, oldest first; with {@code SpecJson.diff} the history view. */
    public List<DeployHistory.Step> steps(String id) {
        return wiring.history().steps(id);
    }

    /** This agent's deploys of {@code service}, newest first. */
    public List<DeployRecord> history(String service) {
        return wiring.history().forService(service);
    }

    /**
     * Rolls the latest deploy of {@code service} back by hand: a running watch is stopped, the
     * last stable spec restored; not analysed again. Blocks until the previous spec is healthy or
     * the healthy deadline passed.
     */
    public DeployRecord rollback(String service, Approver actor, String reason) throws InterruptedException {
        DeployRun running = active.get(service);
        if (running != null) {
            running.cancel();
            Thread thread = threads.get(running.record().id());
            if (thread != null) {
                thread.join();
            }
        }
        DeployRecord latest = history(service).stream().findFirst().orElseThrow(() -> new DeployException(
                "there is no deploy of " + service + " to roll back; `warden deploy history " + service
                        + "` lists them"));
        if (latest.phase() == Phase.ROLLED_BACK || latest.phase() == Phase.ROLLING_BACK && running == null) {
            throw new DeployException("deploy " + latest.id() + " of " + service + " is already "
                    + latest.phase().wire() + ": " + latest.reason());
        }
        DeployRun run = new DeployRun(wiring, steps, latest, List.of());
        String why = reason == null || reason.isBlank() ? "by hand" : reason.strip();
        run.rollBack(Verdict.MANUAL, why, actor, List.of());
        return run.record();
    }

    /**
     * Finishes what a stopped daemon left: a watch whose new version still runs healthy is resumed
     * for the rest of its window; a deploy stopped while applying or rolling back, or whose new
     * version no longer runs, is rolled back. Each record's steps say which. A paused deploy stays
     * paused. Call once at daemon start, after the services started.
     *
     * @return the deploys recovered, as they stand now (resumed ones go on in the background)
     */
    public List<DeployRecord> recover() {
        return wiring.history().unfinished().stream().filter(r -> r.phase() != Phase.PAUSED).map(record -> {
            DeployRun run = new DeployRun(wiring, steps, record, List.of());
            boolean resumable = record.phase() == Phase.WATCHING && record.watchFrom() != null
                    && record.next().equals(wiring.control().spec(record.service()));
            String was = "recovered after a daemon restart during " + record.phase().wire() + ": ";
            run.event(DeployEvent.Kind.RECOVERED, was + (resumable ? "resuming the watch" : "rolling back"));
            if (resumable) {
                launch(run, () -> {
                    var ready = new Rollout(wiring.control(), wiring.clock(),
                            wiring.sleeper()).await(record.service(), record.next(), record.settings(),
                            wiring.clock().instant());
                    if (ready.healthy()) {
                        run.watch(record.watchFrom(), was + "watch resumed at "
                                + Duration.between(record.watchFrom(), wiring.clock().instant()).toSeconds()
                                + "s of " + record.settings().window().toSeconds() + "s");
                    } else {
                        run.rollBack(Verdict.INTERRUPTED, was + ready.reason(), WARDEN, List.of());
                    }
                });
            } else {
                launch(run, () -> run.rollBack(Verdict.INTERRUPTED, was + "the deploy could not be resumed",
                        WARDEN, List.of()));
            }
            return run.record();
        }).toList();
    }

    /** Stops the deploy threads where they are (the daemon stops); {@link #recover} finishes them on the next start. */
    @Override
    public void close() {
        threads.values().forEach(Thread::interrupt);
        for (Thread thread : threads.values()) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Work on a deploy's thread that may be interrupted. */
    private interface Step {
        void run() throws InterruptedException;
    }

    private void launch(DeployRun run, Step step) {
        String id = run.record().id();
        CompletableFuture<Void> future = new CompletableFuture<>();
        done.put(id, future);
        active.put(run.record().service(), run);
        Thread thread = Thread.ofVirtual().name("warden-deploy-" + id).unstarted(() -> {
            try {
                step.run();
                future.complete(null);
            } catch (InterruptedException e) {
                future.complete(null);
            } catch (RuntimeException e) {
                // Never left half-applied: a step that broke restores the last stable spec.
                try {
                    if (!run.record().phase().finished()) {
                        run.rollBack(Verdict.FAILED, "the deploy broke: " + e.getMessage(), WARDEN, List.of());
                    }
                } catch (RuntimeException | InterruptedException again) {
                    e.addSuppressed(again);
                }
                future.completeExceptionally(e);
            } finally {
                active.remove(run.record().service(), run);
                threads.remove(id);
                // Once over, await reads the stored record; the future only serves waits begun before.
                done.remove(id, future);
            }
        });
        threads.put(id, thread);
        thread.start();
    }
}
