package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProbeWindowsTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final ProbeWindows windows = new ProbeWindows(now::get);

    @Test
    void latencyIsTheLatestProbes_andTheRatioIsOverTheLastTen() {
        windows.probed("web", false, Duration.ofMillis(900), now.get());
        windows.probed("web", true, Duration.ofMillis(20), now.get());
        windows.refresh();
        assertThat(windows.read(Metric.PROBE_LATENCY, "web")).isEqualTo(Reading.value(0.02));
        assertThat(windows.read(Metric.PROBE_FAILURE_RATIO, "web")).isEqualTo(Reading.value(0.5));

        for (int i = 0; i < ProbeWindows.PROBES; i++) {
            windows.probed("web", true, Duration.ofMillis(20), now.get());
        }
        windows.refresh();
        assertThat(windows.read(Metric.PROBE_FAILURE_RATIO, "web")).isEqualTo(Reading.value(0));
    }

    @Test
    void aServiceThatStoppedProbing_readsAsNoDataAfterAMinute() {
        windows.probed("web", false, Duration.ofMillis(5), now.get());
        now.set(now.get().plus(ProbeWindows.MAX_AGE).plusSeconds(1));
        windows.refresh();
        assertThat(windows.read(Metric.PROBE_FAILURE_RATIO, "web")).isInstanceOf(Reading.NoData.class);
        assertThat(windows.read(Metric.PROBE_LATENCY, "web")).isInstanceOf(Reading.NoData.class);
        assertThat(windows.read(Metric.PROBE_LATENCY, "db")).isInstanceOf(Reading.NoData.class);
    }
}
