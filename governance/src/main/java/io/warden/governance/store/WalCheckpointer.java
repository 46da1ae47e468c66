package io.warden.governance.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own. By default
 * SQLite does this inside the commit that fills the log past 1,000 pages: that commit (and every
 * write queued behind the one writer) then waits for the copy and an fsync of the database file,
 * tens of milliseconds. The store's connections turn that off ({@code wal_autocheckpoint = 0}) and
 * this thread runs a passive checkpoint, which does not block the writer, at most every
 * {@link #PACE_MS} ms while writes come in. A passive checkpoint cannot finish while the writer keeps
 * appending, so when the log still holds more than {@link #MAX_LOG_PAGES} pages it is restarted
 * (a blocking checkpoint, as SQLite's own, but rare): the log stays bounded. Durability does not
 * depend on checkpoints: a commit is durable once in the log.
 */
final class WalCheckpointer implements AutoCloseable {

    static final long PACE_MS = 200;
    static final int MAX_LOG_PAGES = 8_000;

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wrote = lock.newCondition();
    private final Thread thread;
    private boolean pending;
    private boolean closed;

    WalCheckpointer(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    /** A write committed: the log grew. */
    void written() {
        lock.lock();
        try {
            if (!pending) {
                pending = true;
                wrote.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wrote.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            lock.lock();
            try {
                while (!pending && !closed) {
                    wrote.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                pending = false;
            } finally {
                lock.unlock();
            }
            checkpoint();
            try {
                Thread.sleep(PACE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void checkpoint() {
        try {
            int logPages = jdbi.withHandle(handle -> handle.createQuery("PRAGMA wal_checkpoint(PASSIVE)")
                    .map((rs, ctx) -> rs.getInt(2)).one());
            if (logPages > MAX_LOG_PAGES) {
                jdbi.useHandle(handle -> handle.createQuery("PRAGMA wal_checkpoint(RESTART)")
                        .map((rs, ctx) -> rs.getInt(1)).one());
            }
        } catch (RuntimeException e) {
            // The next write tries again; a failed checkpoint loses nothing (the log keeps the commits).
            LOG.warn("SQLite checkpoint failed (retried after the next write): {}", e.toString());
        }
    }
}
