/**
 * The alert state machine (pure: previous state, rule, outcome, instant) and the state file
 * that lets a restart keep {@code startsAt}, {@code for} and what was already notified.
 */
package io.warden.alerts.state;
