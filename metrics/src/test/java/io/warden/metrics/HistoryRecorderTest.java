package io.warden.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.metrics.history.History;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryRecorderTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    private final History history = new History(10);
    private final HistoryRecorder recorder = new HistoryRecorder(history, 1000); // a 10 s window

    @Test
    void theHostSeriesNamedBeforeTheFirstSample_areThoseASampleWrites() {
        recorder.record(T0, host(), Map.of("web", service("web", 12.5)));

        assertThat(history.names()).filteredOn(name -> !name.startsWith("service.") && !name.startsWith("cpu.core."))
                .containsExactlyElementsOf(MetricsSampler.HOST_SERIES);
    }

    @Test
    void aServiceTrackedAgainAfterItsSeriesAgedOut_getsFreshSeries() {
        recorder.record(T0, host(), Map.of("web", service("web", 12.5)));
        assertThat(history.find("service.web.cpu")).isPresent();

        assertThat(recorder.evictUntracked(Set.of(), T0.plusSeconds(11))).isEqualTo(3);
        assertThat(history.names()).noneMatch(name -> name.startsWith("service."));

        recorder.record(T0.plusSeconds(12), host(), Map.of("web", service("web", 40)));
        assertThat(history.find("service.web.cpu")).hasValueSatisfying(series -> {
            assertThat(series.size()).isEqualTo(1);
            assertThat(series.newestEpochMillis()).isEqualTo(T0.plusSeconds(12).toEpochMilli());
        });
        assertThat(history.names()).contains("service.web.rss", "service.web.threads", "cpu.core.1", "load.15");
    }

    @Test
    void aServiceUntrackedWithinTheWindow_keepsItsSeries_andWritesToThemWhenBack() {
        recorder.record(T0, host(), Map.of("web", service("web", 12.5)));

        assertThat(recorder.evictUntracked(Set.of(), T0.plusSeconds(5))).isZero();
        recorder.record(T0.plusSeconds(6), host(), Map.of("web", service("web", 40)));

        assertThat(history.find("service.web.cpu").orElseThrow().size()).isEqualTo(2);
    }

    @Test
    void aWallClockSteppedBack_repeatsTheLastTimestampInEverySeries() {
        recorder.record(T0, host(), Map.of("web", service("web", 12.5)));
        recorder.record(T0.minusSeconds(30), host(), Map.of("web", service("web", 40)));

        long t0 = T0.toEpochMilli();
        assertThat(history.find("cpu.total").orElseThrow().all().epochMillisArray()).containsExactly(t0, t0);
        assertThat(history.find("service.web.cpu").orElseThrow().all().valuesArray()).containsExactly(12.5, 40);
    }

    @Test
    void aServiceMissingFromATick_hasNoPointThere_whileTheHostSeriesDo() {
        recorder.record(T0, host(), Map.of("web", service("web", 12.5)));
        recorder.record(T0.plusSeconds(1), host(), Map.of());
        recorder.record(T0.plusSeconds(2), host(), Map.of("web", service("web", 40)));

        assertThat(history.find("cpu.total").orElseThrow().size()).isEqualTo(3);
        assertThat(history.find("service.web.cpu").orElseThrow().all().epochMillisArray())
                .containsExactly(T0.toEpochMilli(), T0.plusSeconds(2).toEpochMilli());
    }

    private static HostSample host() {
        return new HostSample(new HostSample.Cpu(10, List.of(5.0, 15.0)),
                new HostSample.Memory(1000, 400, 600, 0, 0), List.of(), List.of(),
                new HostSample.Network(List.of(), 0, 0), Optional.of(new HostSample.LoadAverage(1, 2, 3)),
                Duration.ofHours(1));
    }

    private static ProcessTreeSample service(String name, double cpu) {
        return new ProcessTreeSample(name, 4242, T0, cpu, 1 << 20, 1, 3, Duration.ofMinutes(1), 1);
    }
}
