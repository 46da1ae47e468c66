package io.warden.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The latest events in memory (bounded) and all of them appended to {@code events.log} as JSON
 * lines, rotated by size ({@link EventFile}). The list is updated by {@link #record} itself; the file and the listeners are served by
 * one event thread, in recording order, so that a transition (a crashed service's restart among
 * them) never waits for JSON, the disk or a listener. Listeners must not block: they delay the
 * events after theirs. {@link #close} delivers what is queued first.
 *
 * <p>Thread safety: one lock guards the list and the order of the queue, another the file
 * (ReentrantLocks, not synchronized: the file's is held across a write).
 */
final class EventLog implements AutoCloseable {

    private final int capacity;
    private final EventFile file;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock fileLock = new ReentrantLock();
    private final ArrayDeque<ServiceEvent> recent = new ArrayDeque<>();
    private final List<Consumer<ServiceEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("warden-events").factory());

    EventLog(Path stateDir, int capacity, EventLogSettings settings) {
        this.capacity = capacity;
        this.file = new EventFile(stateDir.resolve("events.log"), settings);
    }

    void record(ServiceEvent event) {
        lock.lock();
        try {
            recent.addLast(event);
            while (recent.size() > capacity) {
                recent.removeFirst();
            }
            try {
                delivery.execute(() -> deliver(event));
                return;
            } catch (RejectedExecutionException closed) {
                // after close: written at once, as the last words of a stopping daemon
            }
        } finally {
            lock.unlock();
        }
        deliver(event);
    }

    /**
     * Appends a line of another kind ({@link EventJson#note}) in order with the events, on the
     * event thread; it is neither kept in memory nor given to the listeners.
     */
    void note(byte[] line) {
        Runnable write = () -> {
            fileLock.lock();
            try {
                file.append(line);
            } catch (IOException e) {
                System.getLogger(EventLog.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot append to " + file.path() + ": " + e.getMessage());
            } finally {
                fileLock.unlock();
            }
        };
        try {
            delivery.execute(write);
        } catch (RejectedExecutionException closed) {
            write.run();
        }
    }

    private void deliver(ServiceEvent event) {
        fileLock.lock();
        try {
            append(event);
        } finally {
            fileLock.unlock();
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
            file.append(EventJson.line(event));
        } catch (IOException e) {
            // The in-memory list still has it; a full disk must not stop supervision.
            System.getLogger(EventLog.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot append to " + file.path() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(10, TimeUnit.SECONDS)) {
                System.getLogger(EventLog.class.getName()).log(System.Logger.Level.WARNING,
                        "events not written to " + file.path() + " after 10 s: a listener blocks");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fileLock.lock();
        try {
            file.close();
        } catch (IOException e) {
            // closing
        } finally {
            fileLock.unlock();
        }
    }
}
