package io.warden.fleet;

/**
 * One service of an agent, as its last heartbeat said.
 *
 * @param name     the service's name on that agent
 * @param state    its state ({@code running}, {@code healthy}, {@code stopped}...)
 * @param pid      its root process, null when none runs
 * @param restarts how often it was restarted
 */
public record HostService(String name, String state, Long pid, int restarts) {
}
