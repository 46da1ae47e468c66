/**
 * The fleet: agents (Warden daemons, one per state directory) that share a PostgreSQL database
 * ({@code storage.url}) see each other in the {@code hosts} table and forward control requests to
 * the agent that owns a service.
 *
 * <p>Design record. Liveness is a heartbeat row, not a connection: every agent updates its row
 * every {@code fleet.heartbeat}; readers compare the row's time with the database's clock, never
 * their own, so a host whose clock is off is not shown stale (or fresh) for it. A row is never
 * deleted: an agent killed with SIGKILL shows as {@code unreachable} once its heartbeat is older
 * than {@code fleet.staleAfter}, an agent stopped cleanly as {@code stopped}. The registry is
 * information, not a lock: nothing here decides who may run what (cluster singletons do, with
 * leases of their own). With SQLite storage there is no shared table: the fleet is this agent.
 * Forwarding is plain HTTP to the owner's advertised API address with the shared
 * {@code fleet.token}; the owner's answer is handed back as it is.
 */
package io.warden.fleet;
