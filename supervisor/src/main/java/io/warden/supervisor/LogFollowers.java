package io.warden.supervisor;

import io.warden.supervisor.logs.LogLine;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The followers of one service's log across its runs: a service's {@code ServiceLog} is closed
 * when it stops and opened anew when it starts, and a follower (a WebSocket subscribed to
 * {@code logs:NAME}) must keep getting lines through restarts. Registered with each new
 * {@code ServiceLog} as its one listener.
 *
 * <p>Thread-safe: followers come and go from any thread while lines are delivered on the
 * capturing thread.
 */
final class LogFollowers implements Consumer<LogLine> {

    private static final System.Logger LOG = System.getLogger(LogFollowers.class.getName());

    private final String service;
    private final List<Consumer<LogLine>> followers = new CopyOnWriteArrayList<>();

    LogFollowers(String service) {
        this.service = service;
    }

    /** Adds a follower; closing the result removes it. */
    AutoCloseable add(Consumer<LogLine> follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    @Override
    public void accept(LogLine line) {
        for (Consumer<LogLine> follower : followers) {
            try {
                follower.accept(line);
            } catch (RuntimeException e) {
                // Thrown here it would make the ServiceLog drop all followers of this service at once.
                followers.remove(follower);
                LOG.log(Level.WARNING, "a follower of the log of " + service + " failed and was removed", e);
            }
        }
    }
}
