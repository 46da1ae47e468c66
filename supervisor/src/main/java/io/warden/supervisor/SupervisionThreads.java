package io.warden.supervisor;

import java.util.concurrent.Executor;

/**
 * Threads for the supervisor's time-critical work: a stop and its KILL after the stop timeout,
 * the reaction to a child's exit and the restart after it, the sweep of earlier runs' orphans,
 * the start and stop in dependency order.
 *
 * <p>They are platform threads, not virtual ones, on purpose. Virtual threads share the JDK's
 * carrier pool (one carrier per core) with the API's request handlers, and every wake-up of a
 * parked virtual thread queues behind whatever is runnable there. Under an API flood
 * (bench/api-load.sh) a stop's loop, which parks between its re-scans, woke so late that the
 * KILL due after 10 s never came and the stop took 30.6 s. The kernel schedules a platform thread
 * on its own, so supervision keeps its timing however busy the API is. Few run at once (one per
 * service stopping, exiting or restarting) and each ends with its task, so a thread per task
 * costs little (its creation: tens of microseconds).
 */
final class SupervisionThreads {

    private SupervisionThreads() {
    }

    /** Starts {@code task} on a new platform daemon thread called {@code name}. */
    static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().daemon().name(name).start(task);
    }

    /** An executor that runs each task as {@link #start} does. */
    static Executor named(String name) {
        return command -> start(name, command);
    }
}
