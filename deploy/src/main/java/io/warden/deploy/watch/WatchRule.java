package io.warden.deploy.watch;

import io.warden.alerts.rule.AlertRule;

/**
 * One threshold the watch evaluates: an alert rule for the alerts evaluator, or, when the
 * assessment's threshold cannot be read as one, why not (every round of it is then an error
 * outcome, so inconclusive, never a pass).
 *
 * @param name       the threshold's metric as written
 * @param rule       the rule evaluated, null when unreadable
 * @param unreadable why the threshold cannot be evaluated, null when it can
 */
public record WatchRule(String name, AlertRule rule, String unreadable) {

    /** A rule given as is (an extra rule of the deploy). */
    public static WatchRule of(AlertRule rule) {
        return new WatchRule(rule.name(), rule, null);
    }
}
