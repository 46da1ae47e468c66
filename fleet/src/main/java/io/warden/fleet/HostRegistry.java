package io.warden.fleet;

import java.util.List;

/**
 * Where agents' rows are kept: a table that agents share ({@link SharedRegistry}, PostgreSQL), or
 * this agent alone ({@link LocalRegistry}, no shared database). Implementations are thread safe.
 */
interface HostRegistry extends AutoCloseable {

    /** Writes {@code self}'s row as running with {@code services}; {@code first} at the agent's start. */
    void beat(Agent self, List<HostService> services, boolean first);

    /** Writes {@code self}'s row as stopped (a clean shutdown). */
    void stopped(Agent self, List<HostService> services);

    /** Every agent, by host name then id; {@code selfId}'s row marked as self. */
    List<Host> hosts(String selfId);

    @Override
    void close();
}
