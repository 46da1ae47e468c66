/**
 * Webhook receivers: Alertmanager's v4 payload or a Slack body, one ordered worker on a virtual
 * thread per receiver, bounded retries with exponential backoff, deduplication by fingerprint,
 * {@code startsAt} and status, and per-receiver delivery status.
 */
package io.warden.alerts.notify;
