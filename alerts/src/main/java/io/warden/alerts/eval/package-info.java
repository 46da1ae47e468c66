/**
 * Evaluation of one rule at one instant into an outcome (value, severity, no data, error),
 * separate from alert state so that the deploy watch reuses it. Prometheus endpoints are
 * scraped once per round in parallel with a timeout; the text format is read by a small pure
 * parser tested with fixtures; {@code rate}/{@code increase} use the points kept in memory.
 */
package io.warden.alerts.eval;
