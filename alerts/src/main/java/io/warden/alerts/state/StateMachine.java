package io.warden.alerts.state;

import io.warden.alerts.AlertState;
import io.warden.alerts.eval.Outcome;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.Policy;
import java.time.Duration;
import java.time.Instant;

/**
 * The alert state machine: inactive -> pending -> firing -> resolved, with {@code nodata} and
 * {@code error} as active states of their own. Pure: the next state from the previous one, the
 * rule, an outcome and the instant, so tests step time instead of sleeping.
 *
 * <p>{@code for} counts from {@code startsAt} (the first breach), as in Prometheus; the target
 * active state is the one of the outcome at the moment {@code for} has passed. A clear outcome
 * resolves an active alert only after {@code keepFiringFor} without a breach (anti-flap); it
 * drops a pending one back to inactive at once.
 */
public final class StateMachine {

    private StateMachine() {
    }

    public static Instance step(Instance prev, AlertRule rule, Outcome outcome, Instant now) {
        Double value = outcome.kind() == Outcome.Kind.OK || outcome.kind() == Outcome.Kind.BREACH
                ? outcome.value() : null;
        AlertState target = target(rule, outcome);
        if (target == null) { // keep: state and timers stay, the reading is recorded
            return new Instance(prev.fingerprint(), prev.state(), prev.startsAt(), prev.activeAt(), prev.endsAt(),
                    prev.severity(), value, outcome.reason());
        }
        if (target == AlertState.INACTIVE) {
            return clear(prev, rule, value, outcome.reason(), now);
        }
        String severity = outcome.kind() == Outcome.Kind.BREACH ? outcome.severity()
                : rule.critical() != null ? "critical" : "warning";
        return switch (prev.state()) {
            case INACTIVE, RESOLVED -> {
                AlertState next = rule.forDuration().isZero() ? target : AlertState.PENDING;
                yield new Instance(prev.fingerprint(), next, now, now, null, severity, value, outcome.reason());
            }
            case PENDING -> {
                boolean due = !Duration.between(prev.startsAt(), now).minus(rule.forDuration()).isNegative();
                yield new Instance(prev.fingerprint(), due ? target : AlertState.PENDING, prev.startsAt(), now, null,
                        severity, value, outcome.reason());
            }
            case FIRING, NODATA, ERROR ->
                    new Instance(prev.fingerprint(), target, prev.startsAt(), now, null, severity, value,
                            outcome.reason());
        };
    }

    /** The state an outcome asks for: an active state, INACTIVE for clear, null for keep. */
    private static AlertState target(AlertRule rule, Outcome outcome) {
        return switch (outcome.kind()) {
            case BREACH -> AlertState.FIRING;
            case OK -> AlertState.INACTIVE;
            case NODATA -> byPolicy(rule.noData(), AlertState.NODATA);
            case ERROR -> byPolicy(rule.error(), AlertState.ERROR);
            case WAITING -> null;
        };
    }

    private static AlertState byPolicy(Policy policy, AlertState alerting) {
        return switch (policy) {
            case ALERT -> alerting;
            case OK -> AlertState.INACTIVE;
            case KEEP -> null;
        };
    }

    private static Instance clear(Instance prev, AlertRule rule, Double value, String reason, Instant now) {
        return switch (prev.state()) {
            case INACTIVE, PENDING -> new Instance(prev.fingerprint(), AlertState.INACTIVE, null, null, null, null,
                    value, reason);
            case RESOLVED -> new Instance(prev.fingerprint(), AlertState.RESOLVED, prev.startsAt(), prev.activeAt(),
                    prev.endsAt(), prev.severity(), value, reason);
            case FIRING, NODATA, ERROR -> {
                boolean settled = !Duration.between(prev.activeAt(), now).minus(rule.keepFiringFor()).isNegative();
                yield settled
                        ? new Instance(prev.fingerprint(), AlertState.RESOLVED, prev.startsAt(), prev.activeAt(), now,
                                prev.severity(), value, reason)
                        : new Instance(prev.fingerprint(), prev.state(), prev.startsAt(), prev.activeAt(), null,
                                prev.severity(), value, reason);
            }
        };
    }
}
