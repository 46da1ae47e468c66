package io.warden.supervisor.watch;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Turns a stream of changes into restarts: a restart comes {@code debounce} after the last change
 * of a burst (an editor's save, a 500-file checkout: one restart), never two at once, and the
 * changes that arrive while a restart runs make at most one more restart after it (nodemon and
 * Node's --watch restart again for each). The restart runs on a virtual thread of its own.
 *
 * <p>Thread safety: {@link #changed} from any thread; state behind one lock, released before a
 * restart runs.
 */
final class RestartCoalescer implements AutoCloseable {

    private final Duration debounce;
    private final ScheduledExecutorService timer;
    private final Consumer<Change> restart;
    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private Change waiting;
    private ScheduledFuture<?> due;
    private boolean restarting;
    private boolean closed;

    RestartCoalescer(Duration debounce, ScheduledExecutorService timer, Consumer<Change> restart) {
        this.debounce = debounce;
        this.timer = timer;
        this.restart = restart;
    }

    /** A change of {@code path}; the restart it leads to names the first of its burst. */
    void changed(String path) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            waiting = waiting == null ? new Change(path, 1) : waiting.plusOne();
            if (!restarting) {
                schedule();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the burst's restart, debounce after its latest change. */
    private void schedule() {
        if (due != null) {
            due.cancel(false);
        }
        due = timer.schedule(this::fire, debounce.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        Change change;
        lock.lock();
        try {
            if (restarting || waiting == null || closed) {
                return;
            }
            change = waiting;
            waiting = null;
            due = null;
            restarting = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("warden-watch-restart").start(() -> run(change));
    }

    private void run(Change change) {
        try {
            restart.accept(change);
        } finally {
            lock.lock();
            try {
                restarting = false;
                if (waiting != null && !closed) {
                    schedule(); // the changes made during the restart: one more, after a quiet debounce
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (due != null) {
                due.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }
}
