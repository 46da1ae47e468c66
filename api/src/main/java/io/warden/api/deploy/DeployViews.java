package io.warden.api.deploy;

import io.warden.deploy.history.DeployHistory;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.SpecJson;
import io.warden.deploy.watch.Progress;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of deploys: a summary in lists, the detail with its progress and steps. */
final class DeployViews {

    private DeployViews() {
    }

    /**
     * One deploy in a list; {@code host} is the agent that ran it (null for deploys recorded before
     * hosts were), {@code changes} the spec diff, one line per key.
     */
    record Summary(String id, String service, String host, String assessmentId, String actor, String environment,
                   String phase, String verdict, String reason, Instant startedAt, Instant updatedAt,
                   Instant watchFrom, List<String> changes) {

        static Summary of(DeployRecord deploy) {
            return new Summary(deploy.id(), deploy.service(), deploy.host(), deploy.assessmentId(), deploy.actor(),
                    deploy.environment(), deploy.phase().wire(), deploy.verdict() == null ? null
                    : deploy.verdict().wire(), deploy.reason(), deploy.startedAt(),
                    deploy.updatedAt(), deploy.watchFrom(), SpecJson.diff(deploy.previous(), deploy.next()));
        }
    }

    /** One step: when, the phase entered, the sentence. */
    record Step(Instant at, String phase, String detail) {
        static Step of(DeployHistory.Step step) {
            return new Step(step.at(), step.phase().wire(), step.detail());
        }
    }

    /** A watch's progress, durations in seconds. */
    record Watch(double elapsedSeconds, double windowSeconds, int rounds, int failures, int failureLimit,
                 int inconclusive, String verdict, String reason, List<Progress.ThresholdView> thresholds) {
        static Watch of(Progress progress, int failureLimit) {
            return new Watch(progress.elapsed().toMillis() / 1000.0, progress.window().toMillis() / 1000.0,
                    progress.rounds(), progress.failures(), failureLimit, progress.inconclusive(),
                    progress.verdict() == null ? null : progress.verdict().wire(),
                    progress.reason(), progress.thresholds());
        }
    }

    /** {@code GET /api/v1/deploys/{id}}: the summary, the watch while it runs (null otherwise), the steps. */
    record Detail(Summary deploy, Watch progress, List<Step> steps) {
    }
}
