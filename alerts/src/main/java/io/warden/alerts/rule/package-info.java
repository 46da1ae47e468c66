/**
 * Alert rules as written in warden.yaml ({@link io.warden.alerts.rule.AlertRule}), what they
 * read ({@link io.warden.alerts.rule.MetricExpr}, {@link io.warden.alerts.rule.Selector}), the
 * default rules, and their resolution: defaults merged with overrides by name, {@code service:
 * "*"} expanded, cross-key checks with file and line.
 */
package io.warden.alerts.rule;
