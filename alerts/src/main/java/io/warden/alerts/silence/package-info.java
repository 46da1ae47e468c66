/**
 * Silences: label matchers (exact and regex) with a time range, who and why. A silenced alert
 * changes state but sends nothing; ended silences drop.
 */
package io.warden.alerts.silence;
