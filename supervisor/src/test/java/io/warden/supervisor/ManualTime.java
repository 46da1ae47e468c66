package io.warden.supervisor;

import io.warden.os.HostClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A host clock and a scheduler whose time moves only when a test calls {@link #advance}: the tasks
 * that fall due run then, in order, on the advancing thread, each with the clock set to its due
 * time. A backoff of seconds takes none. Thread safe.
 */
final class ManualTime implements HostClock, Scheduler {

    private final Instant origin;
    private long nanos; // guarded by this
    private long sequence; // guarded by this
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(); // guarded by this

    ManualTime(Instant origin) {
        this.origin = origin;
    }

    @Override
    public synchronized Instant instant() {
        return origin.plusNanos(nanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Future<?> schedule(Runnable task, long delay, TimeUnit unit) {
        Task scheduled = new Task(task, nanos + Math.max(0, unit.toNanos(delay)), sequence++);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves time on by {@code duration}, running every task that falls due on the way. */
    void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nanos + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    nanos = target;
                    return;
                }
                tasks.poll();
                nanos = Math.max(nanos, next.due);
            }
            next.run(); // a cancelled task does nothing
        }
    }

    /** A task waiting for its time; cancelling it keeps it from running. */
    private static final class Task extends FutureTask<Void> implements ScheduledFuture<Void> {
        private final long due;
        private final long order;

        Task(Runnable task, long due, long order) {
            super(task, null);
            this.due = due;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            throw new UnsupportedOperationException("ask the ManualTime");
        }

        @Override
        public int compareTo(Delayed other) {
            Task that = (Task) other;
            return due != that.due ? Long.compare(due, that.due) : Long.compare(order, that.order);
        }
    }
}
