package io.warden.metrics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeriesTest {

    /** A series alone on its history's timeline. */
    private static Series series(int capacity) {
        return new History(capacity).series("s");
    }

    @Test
    void append_beyondCapacity_keepsNewestInOrder() {
        Series series = series(4);
        for (int i = 1; i <= 10; i++) {
            series.append(i * 1000L, i);
        }

        SeriesPoints all = series.all();

        assertThat(series.size()).isEqualTo(4);
        assertThat(all.epochMillisArray()).containsExactly(7000, 8000, 9000, 10_000);
        assertThat(all.valuesArray()).containsExactly(7, 8, 9, 10);
    }

    @Test
    void since_boundaries_inclusiveOfEqualTimestamp() {
        Series series = series(5);
        for (int i = 1; i <= 7; i++) { // wraps: holds 3..7
            series.append(i * 1000L, i);
        }

        assertThat(series.since(Instant.ofEpochMilli(5000)).valuesArray()).containsExactly(5, 6, 7);
        assertThat(series.since(Instant.ofEpochMilli(3999)).valuesArray()).containsExactly(4, 5, 6, 7);
        assertThat(series.since(Instant.ofEpochMilli(7000)).valuesArray()).containsExactly(7);
        assertThat(series.since(Instant.ofEpochMilli(7001)).isEmpty()).isTrue();
        assertThat(series.since(Instant.EPOCH).valuesArray()).containsExactly(3, 4, 5, 6, 7);
        assertThat(series(3).since(Instant.EPOCH).isEmpty()).isTrue();
    }

    @Test
    void since_equalTimestamps_allReturned() {
        Series series = series(3);
        series.append(1000, 1);
        series.append(1000, 2);
        series.append(2000, 3);

        assertThat(series.since(1000).valuesArray()).containsExactly(1, 2, 3);
    }

    @Test
    void append_monthsApart_keepsExactTimestampsAndDropsPointsOlderThan24Days() {
        Series series = series(4);
        long day = 86_400_000L;
        long start = 1_700_000_000_123L;
        series.append(start, 1);
        series.append(start + 20 * day, 2);
        series.append(start + 30 * day + 7, 3); // 30 days after the first: past an int of milliseconds
        series.append(start + 400 * day + 9, 4); // a year later: only itself is within 24.8 days

        SeriesPoints points = series.all();
        assertThat(points.valuesArray()).containsExactly(4);
        assertThat(points.epochMillis(0)).isEqualTo(start + 400 * day + 9);
        series.append(start + 401 * day, 5);
        assertThat(series.all().valuesArray()).containsExactly(4, 5);
        assertThat(series.newestEpochMillis()).isEqualTo(start + 401 * day);
    }

    @Test
    void append_rebaseKeepsRecentPoints() {
        Series series = series(4);
        long day = 86_400_000L;
        series.append(0, 1);
        series.append(10 * day, 2);
        series.append(30 * day, 3); // the first point is 30 days older: dropped, the others kept

        SeriesPoints points = series.all();
        assertThat(points.valuesArray()).containsExactly(2, 3);
        assertThat(points.epochMillis(0)).isEqualTo(10 * day);
        assertThat(points.epochMillis(1)).isEqualTo(30 * day);
        assertThat(series.since(20 * day).valuesArray()).containsExactly(3);
    }

    @Test
    void append_largeValue_keptToSevenSignificantDigits() {
        Series series = series(2);
        series.append(1, 123_456_789.0); // an RSS in bytes

        assertThat(series.all().valuesArray()[0]).isCloseTo(123_456_789.0, org.assertj.core.data.Percentage.withPercentage(1e-5));
    }

    @Test
    void append_olderThanNewest_refusedWithBothInstants() {
        Series series = series(3);
        series.append(2000, 1);

        assertThatThrownBy(() -> series.append(1000, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point at 1970-01-01T00:00:01Z is before the newest point at "
                        + "1970-01-01T00:00:02Z; append points in time order");
        assertThat(series.all().valuesArray()).containsExactly(1);
    }

    @Test
    void append_nanValue_isNoPoint() {
        Series series = series(4);
        series.append(1000, 1);
        series.append(2000, Double.NaN);
        series.append(3000, 3);

        assertThat(series.all().epochMillisArray()).containsExactly(1000, 3000);
    }

    /**
     * One writer appends (t, v = t) with increasing t while readers copy: every copy must be in
     * order, with each value equal to its timestamp (a torn read would pair a new timestamp
     * with an old value), and contiguous (no point skipped inside a copy).
     */
    @Test
    void concurrentWriterAndReaders_readersNeverSeeTornOrOutOfOrderPoints() throws Exception {
        Series series = series(64);
        WriterAndReaders.run(() -> new Runnable() {
            private long lastNewest = Long.MIN_VALUE;

            @Override
            public void run() {
                SeriesPoints points = series.since(0);
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
            }
        }, () -> {
            for (long t = 1; t <= 2_000_000; t++) {
                series.append(t, t);
            }
        }, Duration.ofSeconds(30));
        assertThat(series.all().epochMillis(63)).isEqualTo(2_000_000);
    }
}
