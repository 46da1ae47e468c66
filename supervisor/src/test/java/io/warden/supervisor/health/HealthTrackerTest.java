package io.warden.supervisor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.supervisor.spec.HealthSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static HealthSpec spec(int retries, Duration startPeriod) {
        return new HealthSpec(null, "127.0.0.1:1", null, Duration.ofSeconds(5), Duration.ofSeconds(1), retries,
                startPeriod, false);
    }

    @Test
    void failuresInTheStartPeriod_doNotCount() {
        HealthTracker tracker = new HealthTracker(spec(2, Duration.ofSeconds(30)), T0);
        assertThat(tracker.record(false, T0.plusSeconds(5))).isEmpty();
        assertThat(tracker.record(false, T0.plusSeconds(10))).isEmpty();
        assertThat(tracker.record(false, T0.plusSeconds(20))).isEmpty();
        assertThat(tracker.status()).isEqualTo(HealthStatus.STARTING);
        assertThat(tracker.record(false, T0.plusSeconds(31))).isEmpty();
        assertThat(tracker.record(false, T0.plusSeconds(36))).contains(HealthStatus.UNHEALTHY);
    }

    @Test
    void firstSuccess_endsTheStartPeriod_andRetriesFailuresMakeItUnhealthy() {
        HealthTracker tracker = new HealthTracker(spec(3, Duration.ofSeconds(60)), T0);
        assertThat(tracker.record(true, T0.plusSeconds(1))).contains(HealthStatus.HEALTHY);
        assertThat(tracker.record(false, T0.plusSeconds(2))).isEmpty();
        assertThat(tracker.record(false, T0.plusSeconds(3))).isEmpty();
        assertThat(tracker.record(false, T0.plusSeconds(4))).contains(HealthStatus.UNHEALTHY);
        assertThat(tracker.record(true, T0.plusSeconds(5))).contains(HealthStatus.HEALTHY);
        assertThat(tracker.failures()).isZero();
    }

    @Test
    void nextDelay_isQuickUntilTheFirstSuccess() {
        HealthSpec spec = spec(3, Duration.ZERO);
        assertThat(HealthTracker.nextDelay(spec, false)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HealthTracker.nextDelay(spec, true)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void probes_reportWhatTheySaw() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        try (ServerSocket server = new ServerSocket(0)) {
            HealthSpec tcp = new HealthSpec(null, "127.0.0.1:" + server.getLocalPort(), null, null, null, null, null, null);
            assertThat(Probe.of(tcp, http).check(Duration.ofSeconds(10)).ok()).isTrue();
        }
        HealthSpec ok = new HealthSpec(null, null, List.of("true"), null, null, null, null, null);
        HealthSpec bad = new HealthSpec(null, null, List.of("sh", "-c", "exit 3"), null, null, null, null, null);
        assertThat(Probe.of(ok, http).check(Duration.ofSeconds(30))).isEqualTo(new Probe.Result(true, "exit code 0"));
        assertThat(Probe.of(bad, http).check(Duration.ofSeconds(30))).isEqualTo(new Probe.Result(false, "exit code 3"));
    }
}
