package io.warden.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The fleet of an agent that shares no database (SQLite storage): itself, as its last heartbeat
 * left it. Thread safe.
 */
final class LocalRegistry implements HostRegistry {

    private record Row(Agent agent, HostState state, Instant startedAt, Instant at, List<HostService> services) {
    }

    private final InstantSource clock;
    private volatile Row row;

    LocalRegistry(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void beat(Agent self, List<HostService> services, boolean first) {
        Instant now = clock.instant();
        Row held = row;
        row = new Row(self, HostState.RUNNING, first || held == null ? now : held.startedAt(), now, services);
    }

    @Override
    public void stopped(Agent self, List<HostService> services) {
        Instant now = clock.instant();
        Row held = row;
        row = new Row(self, HostState.STOPPED, held == null ? now : held.startedAt(), now, services);
    }

    @Override
    public List<Host> hosts(String selfId) {
        Row held = row;
        if (held == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return List.of(new Host(held.agent().id(), held.agent().hostName(), held.agent().version(),
                held.agent().apiUrl(), held.state(), held.agent().id().equals(selfId), held.startedAt(), held.at(),
                Duration.between(held.at(), now).isNegative() ? Duration.ZERO : Duration.between(held.at(), now),
                held.services()));
    }

    @Override
    public void close() {
        // Nothing is held.
    }
}
