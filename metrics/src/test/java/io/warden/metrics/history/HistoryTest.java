package io.warden.metrics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void series_sameName_sameBufferAndSortedNames() {
        History history = new History(10);

        Series cpu = history.series("cpu.total");
        history.series("service.backend.rss").append(1, 2);

        assertThat(history.series("cpu.total")).isSameAs(cpu);
        assertThat(history.names()).containsExactly("cpu.total", "service.backend.rss");
        assertThat(history.find("net.rx")).isEmpty();
    }

    @Test
    void bytes_oneTimelineAndFourBytesAPointPerSeries() {
        History history = new History(3600);
        history.series("cpu.total");
        history.series("memory.used");

        assertThat(history.bytesPerSeries()).isEqualTo(4 * 3600 + 80);
        assertThat(history.bytes()).isEqualTo((4 * 3600 + 56) + 2 * (4 * 3600 + 80));
    }

    @Test
    void constructor_zeroCapacity_refused() {
        assertThatThrownBy(() -> new History(0)).hasMessage("capacity per series must be at least 1, was 0");
    }

    @Test
    void series_invalidName_refusedWithRule() {
        assertThatThrownBy(() -> new History(10).series("../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid series name '../etc': use 1-128 letters, digits, '_', '.' or '-', such as cpu.total");
    }

    @Test
    void removeIf_matchingNames_removed() {
        History history = new History(2);
        history.series("service.a.cpu");
        history.series("service.a.rss");
        history.series("cpu.total");

        assertThat(history.removeIf(name -> name.startsWith("service.a."))).isEqualTo(2);
        assertThat(history.names()).containsExactly("cpu.total");
    }

    @Test
    void aSeriesCreatedAfterOthers_hasNoPointsForTheEarlierTicks() {
        History history = new History(10);
        Series cpu = history.series("cpu.total");
        cpu.append(1000, 1);
        cpu.append(2000, 2);

        Series late = history.series("service.web.cpu");
        assertThat(late.all().isEmpty()).isTrue();
        assertThat(late.newestEpochMillis()).isEqualTo(Long.MIN_VALUE);
        cpu.append(3000, 3);
        late.append(3000, 30);

        assertThat(late.all().epochMillisArray()).containsExactly(3000);
        assertThat(late.all().valuesArray()).containsExactly(30);
        assertThat(late.size()).isEqualTo(1);
        assertThat(cpu.all().valuesArray()).containsExactly(1, 2, 3);
    }

    @Test
    void aSeriesThatSkipsATick_hasNoPointThere_whileOthersDo() {
        History history = new History(10);
        Series cpu = history.series("cpu.total");
        Series web = history.series("service.web.cpu");
        for (int i = 1; i <= 4; i++) {
            cpu.append(i * 1000L, i);
            if (i != 2 && i != 3) { // web was not running in ticks 2 and 3
                web.append(i * 1000L, i * 10);
            }
        }

        assertThat(cpu.all().epochMillisArray()).containsExactly(1000, 2000, 3000, 4000);
        assertThat(web.all().epochMillisArray()).containsExactly(1000, 4000);
        assertThat(web.all().valuesArray()).containsExactly(10, 40);
        assertThat(web.since(1001).valuesArray()).containsExactly(40);
        assertThat(web.size()).isEqualTo(2);
    }

    @Test
    void afterTheRingWraps_noSeriesReturnsAValueFromAnOverwrittenTick() {
        History history = new History(4);
        Series cpu = history.series("cpu.total");
        Series web = history.series("service.web.cpu");
        Series gone = history.series("service.gone.cpu");
        cpu.append(1000, 1);
        web.append(1000, 10);
        gone.append(1000, 100);
        for (int i = 2; i <= 5; i++) { // tick 5 takes the slot of tick 1, where web and gone wrote
            cpu.append(i * 1000L, i);
        }

        assertThat(cpu.all().epochMillisArray()).containsExactly(2000, 3000, 4000, 5000);
        assertThat(web.all().isEmpty()).isTrue();
        assertThat(gone.all().isEmpty()).isTrue();
        assertThat(gone.newestEpochMillis()).isEqualTo(Long.MIN_VALUE);

        cpu.append(6000, 6);
        web.append(6000, 60);
        assertThat(web.all().epochMillisArray()).containsExactly(6000);
        assertThat(web.all().valuesArray()).containsExactly(60);
        assertThat(gone.all().isEmpty()).isTrue();
    }

    @Test
    void appendsAtOneTimestamp_shareATick_andASecondAppendOfASeriesStartsTheNext() {
        History history = new History(3);
        Series cpu = history.series("cpu.total");
        Series rss = history.series("memory.used");
        cpu.append(1000, 1);
        rss.append(1000, 10);
        cpu.append(1000, 2); // a wall clock stepped back: the recorder repeats the timestamp
        rss.append(1000, 20);
        cpu.append(2000, 3);

        // Three ticks of three slots: nothing of the first was overwritten.
        assertThat(cpu.all().valuesArray()).containsExactly(1, 2, 3);
        assertThat(rss.all().valuesArray()).containsExactly(10, 20);
        assertThat(rss.all().epochMillisArray()).containsExactly(1000, 1000);
    }

    @Test
    void append_beforeAnotherSeriesNewestPoint_refused() {
        History history = new History(3);
        history.series("cpu.total").append(2000, 1);

        assertThatThrownBy(() -> history.series("memory.used").append(1000, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point at 1970-01-01T00:00:01Z is before the newest point at "
                        + "1970-01-01T00:00:02Z; append points in time order");
        assertThat(history.series("memory.used").all().isEmpty()).isTrue();
    }

    /**
     * One writer ticks t = 1..N on a small ring (it wraps every 32 ticks): "every" gets t in
     * each tick, "skips" gets -t except in every third tick, "late" exists from the middle on and
     * gets 2t, "stopped" gets t + 0.5 for the first 100 ticks only. Readers copy any of them: each
     * copy must be in time order with each value f(its timestamp) and no point at a tick its series
     * missed; a value paired with the timestamp of the tick that overwrote its slot breaks f.
     */
    @Test
    void concurrentWriterAndReaders_manySeries_eachValueMatchesItsTimestamp() throws Exception {
        History history = new History(32);
        int ticks = 400_000;
        Series every = history.series("every");
        Series skips = history.series("skips");
        Series stopped = history.series("stopped");
        WriterAndReaders.run(() -> new Runnable() {
            private long lastNewest = Long.MIN_VALUE;

            @Override
            public void run() {
                String name = List.of("every", "skips", "late", "stopped").get(ThreadLocalRandom.current().nextInt(4));
                SeriesPoints points = history.find(name).map(Series::all).orElse(SeriesPoints.empty());
                checkPoints(name, points);
                if (name.equals("every") && !points.isEmpty()) {
                    long newest = points.epochMillis(points.size() - 1);
                    assertThat(newest).isGreaterThanOrEqualTo(lastNewest);
                    lastNewest = newest;
                }
            }
        }, () -> {
            for (long t = 1; t <= ticks; t++) {
                every.append(t, t);
                if (t % 3 != 0) {
                    skips.append(t, -t);
                }
                if (t >= ticks / 2) {
                    history.series("late").append(t, 2 * t);
                }
                if (t <= 100) {
                    stopped.append(t, t + 0.5);
                }
            }
        }, Duration.ofSeconds(60));
        assertThat(every.all().epochMillis(31)).isEqualTo(ticks);
        assertThat(skips.size()).isEqualTo(21); // 32 ticks, every third skipped
        assertThat(stopped.all().isEmpty()).isTrue();
    }

    private static void checkPoints(String name, SeriesPoints points) {
        for (int i = 0; i < points.size(); i++) {
            long t = points.epochMillis(i);
            double expected = switch (name) {
                case "every" -> t;
                case "skips" -> -t;
                case "late" -> 2 * t;
                default -> t + 0.5;
            };
            assertThat(points.value(i)).as("%s at %d", name, t).isEqualTo(expected);
            if (name.equals("skips")) {
                assertThat(t % 3).as("skips has no point at %d", t).isNotZero();
            }
            if (i > 0) {
                long gap = t - points.epochMillis(i - 1);
                // Consecutive within one copy: a tick missing from a series that had it is a lost point.
                assertThat(gap).as("%s from %d to %d", name, points.epochMillis(i - 1), t)
                        .isEqualTo(name.equals("skips") && t % 3 == 1 ? 2 : 1);
            }
        }
    }
}
