package io.warden.deploy.history;

import io.warden.deploy.UpdateSettings;
import io.warden.deploy.watch.Verdict;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * One deploy of one service, as stored.
 *
 * @param id           stable identifier
 * @param service      the service deployed
 * @param assessmentId the approved assessment it went with, null for none
 * @param actor        who deployed
 * @param environment  where ({@code production}), empty for none
 * @param phase        where it stands
 * @param verdict      how it ended or why it was rolled back; null while it runs
 * @param reason       the latest step's sentence
 * @param previous     the last stable spec, restored by a rollback
 * @param next         the spec deployed
 * @param settings     its update settings
 * @param startedAt    when it was asked for
 * @param updatedAt    when its phase last changed
 * @param watchFrom    when its watch began, null before
 * @param host         the agent that ran it (its fleet agent id, docs/fleet.md); null for deploys
 *                     recorded before agents shared a history
 */
public record DeployRecord(String id, String service, String assessmentId, String actor, String environment,
                           Phase phase, Verdict verdict, String reason, ServiceSpec previous, ServiceSpec next,
                           UpdateSettings settings, Instant startedAt, Instant updatedAt, Instant watchFrom,
                           String host) {

    public DeployRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(settings, "settings");
        environment = Objects.requireNonNullElse(environment, "");
        reason = Objects.requireNonNullElse(reason, "");
    }

    /** The same deploy in {@code newPhase} at {@code now}, with why. */
    public DeployRecord moved(Phase newPhase, Verdict newVerdict, String why, Instant now) {
        return new DeployRecord(id, service, assessmentId, actor, environment, newPhase,
                newVerdict != null ? newVerdict : verdict, why, previous, next, settings, startedAt, now, watchFrom,
                host);
    }

    /** The same deploy watching since {@code from}, written at {@code now}. */
    public DeployRecord watching(Instant from, String why, Instant now) {
        return new DeployRecord(id, service, assessmentId, actor, environment, Phase.WATCHING, verdict, why,
                previous, next, settings, startedAt, now, from, host);
    }
}
