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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit: callers hand in a unit of work and wait; a committer thread takes every unit queued
 * while the previous commit was in flight and runs them in one transaction, so a batch costs one
 * commit (one fsync) instead of one per unit. Each unit runs inside its own savepoint: a unit that
 * throws is rolled back alone and its caller gets its exception, while its batch mates commit. If the
 * batch itself fails (begin, a savepoint or the commit), nothing of it was committed and each
 * remaining unit is run again alone in its own transaction, so one bad unit never fails the others.
 * A caller returns only after the transaction holding its unit committed: an acknowledged write is as
 * durable as the database's commit makes it.
 */
final class GroupCommit implements AutoCloseable {

    /** The most units one transaction holds; the rest wait for the next. */
    static final int MAX_BATCH = 128;

    private record Unit(Consumer<Handle> work, CompletableFuture<Void> done) {
    }

    private static final Unit STOP = new Unit(handle -> { }, new CompletableFuture<>());

    private final Jdbi jdbi;
    private final LinkedBlockingQueue<Unit> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private volatile boolean closed;

    /** {@code threads} committers over {@code jdbi}: one for SQLite (one writer anyway), a few for PostgreSQL. */
    GroupCommit(Jdbi jdbi, int threads, String name) {
        this.jdbi = jdbi;
        for (int i = 0; i < threads; i++) {
            committers.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(this::loop));
        }
    }

    /**
     * Runs {@code work} in a transaction shared with other queued units and returns once that
     * transaction committed; throws what {@code work} threw (its changes rolled back), or what the
     * commit threw.
     */
    void run(Consumer<Handle> work) {
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
                commit(batch);
            } catch (Throwable e) {
                batch.forEach(unit -> unit.done().completeExceptionally(e));
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    private void commit(List<Unit> batch) {
        batches.incrementAndGet();
        units.addAndGet(batch.size());
        if (batch.size() == 1) {
            alone(batch.getFirst());
            return;
        }
        Map<Unit, RuntimeException> failed = new IdentityHashMap<>();
        try (Handle handle = jdbi.open()) {
            handle.begin();
            try {
                for (Unit unit : batch) {
                    handle.savepoint("unit");
                    try {
                        unit.work().accept(handle);
                    } catch (RuntimeException e) {
                        handle.rollbackToSavepoint("unit");
                        failed.put(unit, e);
                    }
                    handle.releaseSavepoint("unit");
                }
                handle.commit();
            } catch (RuntimeException e) {
                rollbackQuietly(handle, e);
                throw e;
            }
        } catch (RuntimeException batchFailure) {
            // Nothing of the batch committed. Units that failed on their own keep their own error;
            // the others run again, each alone, so whatever broke the batch fails only its own unit.
            for (Unit unit : batch) {
                RuntimeException own = failed.get(unit);
                if (own != null) {
                    unit.done().completeExceptionally(own);
                } else {
                    alone(unit);
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
    private void alone(Unit unit) {
        try {
            jdbi.useTransaction(handle -> unit.work().accept(handle));
            unit.done().complete(null);
        } catch (Throwable e) {
            unit.done().completeExceptionally(e);
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
