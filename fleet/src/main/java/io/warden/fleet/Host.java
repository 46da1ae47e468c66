package io.warden.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One agent of the fleet, as its row stands (times from the database clock).
 *
 * @param id            its agent id
 * @param hostName      its machine's name
 * @param version       the Warden version it runs
 * @param apiUrl        where its API is reached
 * @param state         running, stopped or unreachable
 * @param self          whether it is the agent answering
 * @param startedAt     when it registered, at its start
 * @param lastHeartbeat its last heartbeat
 * @param heartbeatAge  how old that heartbeat is, by the database clock
 * @param services      its services and their states at that heartbeat
 */
public record Host(String id, String hostName, String version, String apiUrl, HostState state, boolean self,
                   Instant startedAt, Instant lastHeartbeat, Duration heartbeatAge, List<HostService> services) {

    public Host {
        services = List.copyOf(services);
    }
}
