package io.warden.fleet;

/**
 * Whether this agent's heartbeat is current, as {@code /health} reports it.
 *
 * @param current whether a heartbeat was written within {@code fleet.staleAfter}
 * @param detail  a short explanation: the last write's age, or why it is stale
 */
public record HeartbeatHealth(boolean current, String detail) {
}
