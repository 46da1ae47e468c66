package io.warden.supervisor.logs;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The followers of one service's log. A follower that throws is removed (a closed WebSocket
 * must not keep failing on every line) and the others still get the line. The supervisor keeps
 * one for each service across its runs and hands it to each new {@link ServiceLog} as its
 * listener, so a follower keeps getting lines through restarts.
 *
 * <p>Thread-safe: followers come and go from any thread while lines are delivered.
 */
public final class LineListeners implements Consumer<LogLine> {

    private static final System.Logger LOG = System.getLogger(LineListeners.class.getName());

    private final String service;
    private final List<Consumer<LogLine>> listeners = new CopyOnWriteArrayList<>();

    public LineListeners(String service) {
        this.service = service;
    }

    /** Adds a follower; closing the result removes it. */
    public AutoCloseable add(Consumer<LogLine> listener) {
        listeners.add(listener);
        return () -> remove(listener);
    }

    void remove(Consumer<LogLine> listener) {
        listeners.remove(listener);
    }

    boolean isEmpty() {
        return listeners.isEmpty();
    }

    @Override
    public void accept(LogLine line) {
        deliver(List.of(line));
    }

    void deliver(List<LogLine> lines) {
        for (Consumer<LogLine> listener : listeners) {
            try {
                lines.forEach(listener);
            } catch (RuntimeException e) {
                listeners.remove(listener);
                LOG.log(Level.WARNING, "a follower of the log of " + service + " failed and was removed", e);
            }
        }
    }
}
