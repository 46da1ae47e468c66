package io.warden.api.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one frame to many connections: queued for each on the publishing thread (in order, so two
 * pushes reach a client in the order they were published), then written by a few workers, one
 * per core, instead of a writer thread started per connection per push. The workers take
 * connections one at a time from a shared cursor, so a worker stuck in the write of a client that
 * does not read holds up that client only: a watchdog on the timer starts another worker for the
 * rest of the round whenever one has not finished a connection for {@link #STALL}. The stuck
 * worker stays with its client until the write completes or the client is dropped.
 *
 * <p>Thread safety: {@link #send} from any thread.
 */
final class FanOut {

    /** A loopback write of a push takes microseconds; this long means the client's socket is full. */
    static final Duration STALL = Duration.ofMillis(20);
    /**
     * Workers of one round at most: each extra one is a client stuck in a write, and that client is
     * dropped once its queue is full; meanwhile a machine too busy to run the workers for a while
     * must not make the watchdog start thousands.
     */
    private static final int MAX_WORKERS = 256;
    private static final ThreadFactory WORKERS = Thread.ofVirtual().name("warden-stream-fanout").factory();

    private final ScheduledExecutorService timer;
    private final int workers;

    FanOut(ScheduledExecutorService timer, int workers) {
        this.timer = timer;
        this.workers = workers;
    }

    /** Queues {@code frame} for every connection of {@code to} and returns without waiting for the writes. */
    void send(Set<StreamConnection> to, Frame frame) {
        StreamConnection[] drain = new StreamConnection[to.size()];
        int n = 0;
        for (StreamConnection connection : to) {
            if (n < drain.length && connection.push(frame)) {
                drain[n++] = connection;
            } else if (n == drain.length) {
                connection.offer(frame); // joined since the array was sized
            }
        }
        if (n <= workers) {
            // A thread per client: none waits behind another, no watchdog needed.
            for (int i = 0; i < n; i++) {
                WORKERS.newThread(drain[i]::drain).start();
            }
            return;
        }
        Round round = new Round(drain, n);
        for (int i = 0; i < workers; i++) {
            round.startWorker();
        }
        timer.schedule(() -> round.watch(timer), STALL.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static final class Round {
        private final StreamConnection[] to;
        private final int length;
        private final AtomicInteger cursor = new AtomicInteger();
        /** Touched by the thread that starts the round, then by the timer thread only. */
        private final List<Worker> started = new ArrayList<>();

        Round(StreamConnection[] to, int length) {
            this.to = to;
            this.length = length;
        }

        void startWorker() {
            Worker worker = new Worker();
            started.add(worker);
            WORKERS.newThread(() -> work(worker)).start();
        }

        private void work(Worker worker) {
            int i;
            while ((i = cursor.getAndIncrement()) < length) {
                to[i].drain();
                worker.done++;
            }
        }

        /** On the timer: a worker that finished no connection since the last look is stuck; add one. */
        void watch(ScheduledExecutorService timer) {
            if (cursor.get() >= length) {
                return; // every connection taken; a stuck worker holds only its own client
            }
            for (Worker worker : List.copyOf(started)) {
                int done = worker.done;
                if (done == worker.seen && !worker.replaced && started.size() < MAX_WORKERS) {
                    worker.replaced = true;
                    startWorker();
                }
                worker.seen = done;
            }
            timer.schedule(() -> watch(timer), STALL.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static final class Worker {
        /** Written by its worker only, read by the watchdog. */
        volatile int done;
        int seen = -1;
        boolean replaced;
    }
}
