package io.warden.supervisor;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the supervisor's restarts after their backoff and its
 * housekeeping after a spawn. The composition root owns the thread behind it (and shuts it down
 * after the supervisor's close); a test passes one it advances by hand, so a backoff of seconds
 * takes none. Tasks must not block: they hand their work to another thread.
 *
 * <p>Implementations are thread safe.
 */
@FunctionalInterface
public interface Scheduler {

    /**
     * Runs {@code task} once, {@code delay} from now (by the scheduler's time).
     *
     * @return cancelling it keeps the task from running if it has not yet
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is shut down
     */
    Future<?> schedule(Runnable task, long delay, TimeUnit unit);

    /** A scheduler over {@code executor}'s threads and the system's monotonic time. */
    static Scheduler of(ScheduledExecutorService executor) {
        return executor::schedule;
    }
}
