package io.warden.metrics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesBufferTest {

    @Test
    void append_beyondCapacity_keepsNewestInOrder() {
        SeriesBuffer buffer = new SeriesBuffer(4);
        for (int i = 1; i <= 10; i++) {
            buffer.append(i * 1000L, i);
        }

        SeriesPoints all = buffer.all();

        assertThat(buffer.size()).isEqualTo(4);
        assertThat(all.epochMillisArray()).containsExactly(7000, 8000, 9000, 10_000);
        assertThat(all.valuesArray()).containsExactly(7, 8, 9, 10);
    }

    @Test
    void since_boundaries_inclusiveOfEqualTimestamp() {
        SeriesBuffer buffer = new SeriesBuffer(5);
        for (int i = 1; i <= 7; i++) { // wraps: holds 3..7
            buffer.append(i * 1000L, i);
        }

        assertThat(buffer.since(Instant.ofEpochMilli(5000)).valuesArray()).containsExactly(5, 6, 7);
        assertThat(buffer.since(Instant.ofEpochMilli(3999)).valuesArray()).containsExactly(4, 5, 6, 7);
        assertThat(buffer.since(Instant.ofEpochMilli(7000)).valuesArray()).containsExactly(7);
        assertThat(buffer.since(Instant.ofEpochMilli(7001)).isEmpty()).isTrue();
        assertThat(buffer.since(Instant.EPOCH).valuesArray()).containsExactly(3, 4, 5, 6, 7);
        assertThat(new SeriesBuffer(3).since(Instant.EPOCH).isEmpty()).isTrue();
    }

    @Test
    void since_equalTimestamps_allReturned() {
        SeriesBuffer buffer = new SeriesBuffer(3);
        buffer.append(1000, 1);
        buffer.append(1000, 2);
        buffer.append(2000, 3);

        assertThat(buffer.since(1000).valuesArray()).containsExactly(1, 2, 3);
    }

    @Test
    void append_olderThanNewest_refusedWithBothInstants() {
        SeriesBuffer buffer = new SeriesBuffer(3);
        buffer.append(2000, 1);

        assertThatThrownBy(() -> buffer.append(1000, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point at 1970-01-01T00:00:01Z is before the newest point at "
                        + "1970-01-01T00:00:02Z; append points in time order");
        assertThat(buffer.all().valuesArray()).containsExactly(1);
    }

    @Test
    void constructor_zeroCapacity_refused() {
        assertThatThrownBy(() -> new SeriesBuffer(0)).hasMessage("capacity must be at least 1 point, was 0");
        assertThat(SeriesBuffer.bytesFor(3600)).isEqualTo(57_728);
    }

    /**
     * One writer appends (t, v = t) with increasing t while readers copy: every copy must be in
     * order, with each value equal to its timestamp (a torn read would pair a new timestamp
     * with an old value), and contiguous (no point skipped inside a copy).
     */
    @Test
    void concurrentWriterAndReaders_readersNeverSeeTornOrOutOfOrderPoints() throws Exception {
        SeriesBuffer buffer = new SeriesBuffer(64);
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        int readers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        try {
            List<Future<Long>> reads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    long copies = 0;
                    long lastNewest = Long.MIN_VALUE;
                    while (!done.get()) {
                        SeriesPoints points = buffer.since(0);
                        for (int i = 0; i < points.size(); i++) {
                            assertThat(points.value(i)).isEqualTo((double) points.epochMillis(i));
                            if (i > 0) {
                                assertThat(points.epochMillis(i)).isEqualTo(points.epochMillis(i - 1) + 1);
                            }
                        }
                        if (!points.isEmpty()) {
                            long newest = points.epochMillis(points.size() - 1);
                            assertThat(newest).isGreaterThanOrEqualTo(lastNewest);
                            lastNewest = newest;
                        }
                        copies++;
                    }
                    return copies;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                start.await();
                for (long t = 1; t <= 2_000_000; t++) {
                    buffer.append(t, t);
                }
                done.set(true);
                return null;
            });
            start.countDown();
            writer.get(30, TimeUnit.SECONDS);
            for (Future<Long> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(buffer.all().epochMillis(63)).isEqualTo(2_000_000);
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
    }
}
