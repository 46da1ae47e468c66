package io.warden.api.fleet;

import io.warden.fleet.Host;
import io.warden.fleet.HostService;
import java.time.Instant;
import java.util.List;

/** One agent in JSON: {@code heartbeatAgeSeconds} by the database clock. */
record HostView(String id, String hostName, String version, String apiUrl, String state, boolean self,
                Instant startedAt, Instant lastHeartbeat, double heartbeatAgeSeconds, List<HostService> services) {

    static HostView of(Host host) {
        return new HostView(host.id(), host.hostName(), host.version(), host.apiUrl(), host.state().wire(),
                host.self(), host.startedAt(), host.lastHeartbeat(), host.heartbeatAge().toMillis() / 1000.0,
                host.services());
    }
}
