package io.warden.metrics.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** One writer and a few readers started together; the readers read until the writer is done. */
final class WriterAndReaders {

    private static final int READERS = 3;

    private WriterAndReaders() {
    }

    /**
     * Runs {@code writer} on one thread and {@value #READERS} readers, each repeating its own step
     * from {@code readSteps} (a step may keep state across its reads), until the writer returns;
     * fails when the writer takes longer than {@code writerTimeout}, a step fails, or a reader never read.
     */
    static void run(Supplier<Runnable> readSteps, Runnable writer, Duration writerTimeout) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        try {
            List<Future<Long>> reads = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                Runnable step = readSteps.get();
                reads.add(pool.submit(() -> {
                    start.await();
                    long copies = 0;
                    while (!done.get()) {
                        step.run();
                        copies++;
                    }
                    return copies;
                }));
            }
            Future<?> writing = pool.submit(() -> {
                start.await();
                writer.run();
                done.set(true);
                return null;
            });
            start.countDown();
            writing.get(writerTimeout.toMillis(), TimeUnit.MILLISECONDS);
            for (Future<Long> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}
