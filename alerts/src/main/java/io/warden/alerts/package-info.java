/**
 * Standing alert rules (issue 18). {@link io.warden.alerts.Alerts} is the module's one entry
 * point: built by the daemon from an {@link io.warden.alerts.AlertsConfig} (the {@code alerts:}
 * section, validated with file, line and key) and its collaborators: a clock, a
 * {@link io.warden.alerts.metric.MetricSource}, the state file and an HTTP client. Every round
 * it evaluates each rule ({@link io.warden.alerts.eval.Evaluator}, shared with the deploy
 * watch), steps the alert's state ({@link io.warden.alerts.state.StateMachine}), persists
 * transitions, and hands notifications to the receivers ({@link io.warden.alerts.notify}).
 *
 * <p>Depends on config, metrics and supervisor (read-only views), never on api, daemon or cli.
 * Documentation for users: docs/alerts.md.
 */
package io.warden.alerts;
