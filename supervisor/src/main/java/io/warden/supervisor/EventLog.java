package io.warden.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The latest events in memory (bounded by the capacity) and all of them appended to
 * {@code events.log} as JSON lines, rotated by size ({@link EventFile}). Listeners are called on
 * the thread that records the event: they must not block.
 *
 * <p>Thread safety: one lock guards the list and the file (a ReentrantLock, not synchronized,
 * because it is held across a file write).
 */
final class EventLog implements AutoCloseable {

    private final int capacity;
    private final ObjectMapper json;
    private final EventFile file;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ServiceEvent> recent = new ArrayDeque<>();
    private final List<Consumer<ServiceEvent>> listeners = new CopyOnWriteArrayList<>();

    EventLog(Path stateDir, int capacity, EventLogSettings settings, ObjectMapper json) {
        this.capacity = capacity;
        this.json = json;
        this.file = new EventFile(stateDir.resolve("events.log"), settings);
    }

    void record(ServiceEvent event) {
        lock.lock();
        try {
            recent.addLast(event);
            while (recent.size() > capacity) {
                recent.removeFirst();
            }
            append(event);
        } finally {
            lock.unlock();
        }
        for (Consumer<ServiceEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                System.getLogger(EventLog.class.getName()).log(System.Logger.Level.WARNING,
                        "event listener failed on " + event, e);
            }
        }
    }

    /** Events after {@code since} (all kept ones when null), oldest first. */
    List<ServiceEvent> since(Instant since) {
        lock.lock();
        try {
            return recent.stream().filter(event -> since == null || event.time().isAfter(since)).toList();
        } finally {
            lock.unlock();
        }
    }

    AutoCloseable subscribe(Consumer<ServiceEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    Path file() {
        return file.path();
    }

    private void append(ServiceEvent event) {
        try {
            file.append((json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event as JSON: " + event, e);
        } catch (IOException e) {
            // The in-memory list still has it; a full disk must not stop supervision.
            System.getLogger(EventLog.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot append to " + file.path() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            file.close();
        } catch (IOException e) {
            // closing
        } finally {
            lock.unlock();
        }
    }
}
