package io.warden.deploy;

import io.warden.alerts.eval.Evaluator;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.deploy.rollout.Rollout;
import io.warden.deploy.watch.Progress;
import io.warden.deploy.watch.ThresholdRules;
import io.warden.deploy.watch.Verdict;
import io.warden.deploy.watch.Watch;
import io.warden.deploy.watch.WatchResult;
import io.warden.deploy.watch.WatchRule;
import io.warden.governance.approval.Approver;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One deploy on its own thread: apply, wait for health, watch, then promote, pause or roll back,
 * writing the phase before each step. Its record and progress are read by other threads.
 */
final class DeployRun {

    private final Deployer.Wiring wiring;
    private final AssessmentSteps steps;
    private final Rollout rollout;
    private final DeployAlerts alerts;
    private final List<WatchRule> rules;
    private final AtomicReference<DeployRecord> record;
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    private volatile boolean cancelled;

    DeployRun(Deployer.Wiring wiring, AssessmentSteps steps, DeployRecord record, List<WatchRule> extra) {
        this.wiring = wiring;
        this.steps = steps;
        this.rollout = new Rollout(wiring.control(), wiring.clock(), wiring.sleeper());
        this.alerts = new DeployAlerts(wiring.alerts());
        this.record = new AtomicReference<>(record);
        List<WatchRule> all = new ArrayList<>();
        if (record.assessmentId() != null) {
            all.addAll(ThresholdRules.of(wiring.governance().get(record.assessmentId()).content().monitoring(),
                    record.service(), record.next().port()));
        }
        all.addAll(extra);
        this.rules = List.copyOf(all);
    }

    DeployRecord record() {
        return record.get();
    }

    Progress progress() {
        return progress.get();
    }

    /** Asks the run to stop at its next wait (a rollback by hand takes over). */
    void cancel() {
        cancelled = true;
    }

    /** Applies the new spec, then watches it. */
    void apply() throws InterruptedException {
        move(Phase.APPLYING, null, "stopping " + record().service() + " and starting the new spec");
        Rollout.Readiness ready = rollout.run(record().service(), record().next(), record().settings());
        if (cancelled) {
            return;
        }
        if (!ready.healthy()) {
            rollBack(Verdict.UNHEALTHY, ready.reason(), Deployer.WARDEN, List.of());
            return;
        }
        event(DeployEvent.Kind.HEALTHY, ready.reason());
        watch(wiring.clock().instant(), "watching " + rules.size() + " threshold(s) for "
                + record().settings().window().toSeconds() + "s after: " + ready.reason());
    }

    /** Watches from {@code from} (a resumed watch keeps its start). */
    void watch(Instant from, String why) throws InterruptedException {
        DeployRecord watching = record().watching(from, why, wiring.clock().instant());
        wiring.history().update(watching);
        record.set(watching);
        event(DeployEvent.Kind.WATCHING, why);
        steps.observing(record().assessmentId(), record().id(), why);
        Watch watch = new Watch(new Evaluator(wiring.metrics(), wiring.scraper()), wiring.scraper(), rules,
                record().settings(), wiring.clock(), wiring.sleeper());
        WatchResult result = watch.run(from, health(), round -> {
            progress.set(round);
            alerts.round(record(), round);
        }, warning -> event(DeployEvent.Kind.WARNING, warning), () -> cancelled);
        alerts.watchEnded(record());
        switch (result.action()) {
            case PROMOTE -> {
                move(Phase.PROMOTED, Verdict.SUCCESSFUL, "promoted: " + result.reason());
                event(DeployEvent.Kind.PROMOTED, result.reason());
                alerts.promoted(record());
                steps.promoted(record().assessmentId(), record().id(), result);
            }
            case PAUSE -> {
                move(Phase.PAUSED, result.verdict(), "paused, not promoted: " + result.reason());
                event(DeployEvent.Kind.PAUSED, result.reason() + "; roll back or deploy again");
            }
            case ROLL_BACK -> rollBack(result.verdict(), result.reason(), Deployer.WARDEN, result.incidents());
            case CANCELLED -> { }
        }
    }

    /** Restores the last stable spec and records who, when and why; the restored version is not watched. */
    void rollBack(Verdict verdict, String why, Approver actor, List<String> incidents) throws InterruptedException {
        Instant at = wiring.clock().instant();
        String detail = "rolled back at " + at + " by " + actor.user() + " (" + verdict.wire() + "): " + why;
        move(Phase.ROLLING_BACK, verdict, detail);
        event(DeployEvent.Kind.ROLLING_BACK, detail);
        alerts.watchEnded(record()); // also a watch a killed daemon left with warnings firing
        Rollout.Readiness ready = rollout.run(record().service(), record().previous(), record().settings());
        if (ready.healthy()) {
            move(Phase.ROLLED_BACK, verdict, detail + "; the previous spec serves again: " + ready.reason());
            event(DeployEvent.Kind.ROLLED_BACK, record().reason());
        } else {
            move(Phase.FAILED, verdict, detail + "; the previous spec is not healthy either: " + ready.reason());
            event(DeployEvent.Kind.FAILED, record().reason());
        }
        alerts.rolledBack(record(), verdict, actor, at, progress.get());
        steps.rolledBack(record().assessmentId(), actor, record().id(), detail, incidents);
    }

    void move(Phase phase, Verdict verdict, String why) {
        DeployRecord moved = record().moved(phase, verdict, why, wiring.clock().instant());
        wiring.history().update(moved);
        record.set(moved);
    }

    void event(DeployEvent.Kind kind, String message) {
        wiring.listener().onEvent(new DeployEvent(kind, record().id(), record().service(), wiring.clock().instant(),
                message));
    }

    private Watch.Health health() {
        return new Watch.Health() {
            private ServiceStatus status;

            @Override
            public String problem() {
                status = wiring.control().status(record().service());
                return Rollout.healthy(status, record().next()) ? null
                        : "state " + status.state() + " (" + status.reason() + ")";
            }

            @Override
            public boolean failed() {
                return status != null && (status.state() == ServiceState.FAILED || status.state() == ServiceState.EXITED);
            }
        };
    }
}
