package io.warden.governance.store;

import io.warden.governance.StorageException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Group commit: callers hand in a unit of work and wait; a committer thread takes every unit queued
 * while the previous commit was in flight and runs them in one transaction, so a batch costs one
 * commit (one fsync) instead of one per unit. The batch first runs without savepoints (two statements
 * fewer per unit, two round trips on PostgreSQL). If a unit throws, the batch is rolled back and run
 * again with each unit inside its own savepoint: a unit that throws is rolled back alone and its
 * caller gets its exception, while its batch mates commit. If the batch itself fails (begin, a
 * savepoint or the commit), nothing of it was committed and each remaining unit is run again alone in
 * its own transaction, so one bad unit never fails the others. A unit may therefore run more than
 * once; only the run that commits counts.
 * A caller returns only after the transaction holding its unit committed: an acknowledged write is as
 * durable as the database's commit makes it.
 * On PostgreSQL the batch's writes are first deferred and then sent statement by statement as JDBC
 * batches ({@link WriteSession#flush()}): a batch of 25 writes costs a handful of round trips instead
 * of some 75. A write refused there (a stale version) changed nothing and fails alone.
 */
final class GroupCommit implements AutoCloseable {

    /** The most units one transaction holds; the rest wait for the next. */
    static final int MAX_BATCH = 128;

    private record Unit(Consumer<WriteSession> work, CompletableFuture<Void> done) {
    }

    private static final Unit STOP = new Unit(session -> { }, new CompletableFuture<>());

    private final Supplier<CommitConnection> connections;
    private final boolean pipelined;
    private final LinkedBlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private volatile boolean closed;

    /**
     * {@code threads} committers, each with a connection from {@code connections}: one for SQLite (one
     * writer anyway), a few for PostgreSQL. {@code pipelined}: a batch's writes are deferred and sent
     * statement by statement in JDBC batches (see {@link WriteSession#flush()}), for a database a round
     * trip away; SQLite, in process, runs them as they come.
     */
    GroupCommit(Supplier<CommitConnection> connections, int threads, boolean pipelined, String name) {
        this.connections = connections;
        this.pipelined = pipelined;
        for (int i = 0; i < threads; i++) {
            committers.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(this::loop));
        }
    }

    /**
     * Runs {@code work} in a transaction shared with other queued units and returns once that
     * transaction committed; throws what {@code work} threw (its changes rolled back), or what the
     * commit threw.
     */
    void run(Consumer<WriteSession> work) {
        Unit unit = new Unit(work, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                throw new StorageException("the governance store is closed; no more writes are accepted");
            }
            queue.add(unit);
        }
        try {
            unit.done().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StorageException("a governance write failed: " + cause, cause);
        }
    }

    /** How many transactions and units were committed or failed so far (for tests and diagnostics). */
    long[] counts() {
        return new long[] {batches.get(), units.get()};
    }

    /** How many units wait for a committer (for tests). */
    int queued() {
        return queue.size();
    }

    /** How many committer threads run batches (for tests). */
    int committers() {
        return committers.size();
    }

    /** Runs what is queued, then stops the committers. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < committers.size(); i++) {
                queue.add(STOP);
            }
        }
        for (Thread committer : committers) {
            try {
                committer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop() {
        try (CommitConnection connection = connections.get()) {
            loop(connection);
        }
    }

    private void loop(CommitConnection connection) {
        List<Unit> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            Unit first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first == STOP) {
                return;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            // Several STOP markers may have been drained: put back the others' for the other committers.
            while (batch.remove(STOP)) {
                queue.add(STOP);
            }
            try {
                commit(connection, batch);
            } catch (Throwable e) {
                batch.forEach(unit -> unit.done().completeExceptionally(e));
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(CommitConnection connection, List<Unit> batch) {
        batches.incrementAndGet();
        units.addAndGet(batch.size());
        if (batch.size() == 1) {
            alone(connection, batch.getFirst());
        } else if (!together(connection, batch)) {
            withSavepoints(connection, batch);
        }
    }

    /**
     * Runs the batch in one transaction without savepoints and completes its units; false when
     * anything threw (nothing committed, no unit completed).
     */
    private boolean together(CommitConnection connection, List<Unit> batch) {
        WriteSession session = connection.open();
        Handle handle = session.handle();
        Map<Integer, RuntimeException> refused = Map.of();
        boolean failed = true;
        try {
            handle.begin();
            if (pipelined) {
                session.defer();
            }
            for (int i = 0; i < batch.size(); i++) {
                session.unit(i);
                batch.get(i).work().accept(session);
            }
            if (pipelined) {
                refused = session.flush();
            }
            handle.commit();
            failed = false;
        } catch (RuntimeException e) {
            session.discard();
            rollbackQuietly(handle, e);
        } finally {
            connection.finish(session, failed);
        }
        if (failed) {
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            RuntimeException own = refused.get(i);
            if (own == null) {
                batch.get(i).done().complete(null);
            } else {
                batch.get(i).done().completeExceptionally(own);
            }
        }
        return true;
    }

    private void withSavepoints(CommitConnection connection, List<Unit> batch) {
        Map<Unit, RuntimeException> failed = new IdentityHashMap<>();
        WriteSession session = connection.open();
        Handle handle = session.handle();
        boolean batchFailed = true;
        try {
            handle.begin();
            for (Unit unit : batch) {
                handle.savepoint("unit");
                try {
                    unit.work().accept(session);
                } catch (RuntimeException e) {
                    handle.rollbackToSavepoint("unit");
                    failed.put(unit, e);
                }
                handle.releaseSavepoint("unit");
            }
            handle.commit();
            batchFailed = false;
        } catch (RuntimeException e) {
            rollbackQuietly(handle, e);
        } finally {
            // A unit's failure may have left the connection in any state: it is not reused.
            connection.finish(session, batchFailed || !failed.isEmpty());
        }
        if (batchFailed) {
            // Nothing of the batch committed. Units that failed on their own keep their own error;
            // the others run again, each alone, so whatever broke the batch fails only its own unit.
            for (Unit unit : batch) {
                RuntimeException own = failed.get(unit);
                if (own != null) {
                    unit.done().completeExceptionally(own);
                } else {
                    alone(connection, unit);
                }
            }
            return;
        }
        for (Unit unit : batch) {
            RuntimeException own = failed.get(unit);
            if (own == null) {
                unit.done().complete(null);
            } else {
                unit.done().completeExceptionally(own);
            }
        }
    }

    /** One unit in its own transaction. */
    private static void alone(CommitConnection connection, Unit unit) {
        WriteSession session;
        try {
            session = connection.open();
        } catch (RuntimeException e) {
            unit.done().completeExceptionally(e);
            return;
        }
        Handle handle = session.handle();
        Throwable failure = null;
        try {
            handle.begin();
            unit.work().accept(session);
            handle.commit();
        } catch (Throwable e) {
            failure = e;
            if (e instanceof RuntimeException runtime) {
                rollbackQuietly(handle, runtime);
            }
        } finally {
            connection.finish(session, failure != null);
        }
        if (failure == null) {
            unit.done().complete(null);
        } else {
            unit.done().completeExceptionally(failure);
        }
    }

    private static void rollbackQuietly(Handle handle, RuntimeException cause) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
