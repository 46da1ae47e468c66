package io.warden.supervisor.logs;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The virtual thread that copies a service's spools into its log whenever it is woken (by the
 * {@link SpoolWatch}, or by a timer where the watch is not event-driven). The child never waits
 * for it: the child writes to a file, and this thread catches up.
 *
 * <p>Thread-safe: {@link #wake()} and {@link #stop()} may be called from any thread.
 */
final class SpoolPump {

    private static final System.Logger LOG = System.getLogger(SpoolPump.class.getName());

    private final Capture capture;
    private final String service;
    private final Duration poll;
    private final AtomicBoolean woken = new AtomicBoolean(true);
    private volatile boolean stopped;
    private Thread thread;
    private String lastFailure;

    /**
     * @param poll how often to look without being woken; {@code null} to wait for a wake only
     */
    SpoolPump(Capture capture, String service, Duration poll) {
        this.capture = capture;
        this.service = service;
        this.poll = poll;
    }

    void start() {
        thread = Thread.ofVirtual().name("log-pump " + service).start(this::run);
    }

    void wake() {
        woken.set(true);
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!stopped) {
            if (woken.getAndSet(false)) {
                copy();
            } else if (poll == null) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, poll.toNanos());
                woken.set(true);
            }
        }
    }

    private void copy() {
        try {
            if (capture.drain(false, -1)) {
                woken.set(true); // a backlog: go on after checking for stop
            }
            lastFailure = null;
        } catch (Exception e) {
            // Disk full, permissions...: the lines stay in the spool and are copied on the next
            // wake. Say so once per distinct failure, not on every line.
            if (!String.valueOf(e).equals(lastFailure)) {
                LOG.log(Level.WARNING, "cannot copy the output of " + service + " to its log, it stays in the "
                        + "spool until this succeeds: " + e, e);
                lastFailure = String.valueOf(e);
            }
        }
    }

    /** Stops the thread and waits for it; a copy in progress finishes its chunk first. */
    void stop() throws InterruptedException {
        stopped = true;
        LockSupport.unpark(thread);
        thread.join();
    }
}
