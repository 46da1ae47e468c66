package io.warden.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettingsAndRecordsTest {

    @Test
    void defaults_oneSecondOneHour() {
        SamplerSettings settings = SamplerSettings.defaults();

        assertThat(settings.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.historyPoints()).isEqualTo(3600);
    }

    @Test
    void settings_tooShortInterval_refusedWithReason() {
        assertThatThrownBy(() -> SamplerSettings.defaults().withInterval(Duration.ofMillis(100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sampling interval must be at least 500ms, was 100ms; OSHI caches the CPU and "
                        + "memory counters for 300ms, so shorter intervals repeat values");
    }

    @Test
    void settings_rescanShorterThanInterval_refused() {
        assertThatThrownBy(() -> SamplerSettings.defaults().withTreeRescan(Duration.ofMillis(600)))
                .hasMessage("tree rescan (600ms) cannot be shorter than the sampling interval (1000ms)");
    }

    @Test
    void trackedProcess_badName_refusedWithRule() {
        assertThatThrownBy(() -> new TrackedProcess("a/b", 1, Instant.EPOCH))
                .hasMessage("invalid service name 'a/b': use 1-64 letters, digits, '_', '.' or '-'");
        assertThatThrownBy(() -> new TrackedProcess("web", 0, Instant.EPOCH))
                .hasMessage("pid of service web must be positive, was 0");
    }

    @Test
    void memory_usedAboveTotal_refused() {
        assertThatThrownBy(() -> new HostSample.Memory(10, 11, 0, 0, 0))
                .hasMessage("inconsistent memory: total 10, used 11, available 0");
    }
}
