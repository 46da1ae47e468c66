package io.warden.alerts.metric;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.doctor.Diagnosis;
import io.warden.supervisor.process.ProcessId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SupervisorMetricsTest {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static ServiceStatus status(String name, ServiceState state, String health, int restarts) {
        return new ServiceStatus(name, state, state.isUp() ? 4242L : null, state.isUp() ? AT : null, Duration.ZERO,
                restarts, health, 0, null, null, "", false);
    }

    private static Diagnosis.Suspect duplicate(long pid) {
        return new Diagnosis.Suspect("duplicate", pid, 1, AT, 0, "python3 app.py", "", List.of(), false, "same command");
    }

    private static Diagnosis scan(int duplicates, int staleFiles) {
        var web = new Diagnosis.ServiceReport("web", true, List.of("python3", "app.py"), 0, "running",
                new ProcessId(4242, AT), java.util.stream.LongStream.range(0, duplicates).mapToObj(
                SupervisorMetricsTest::duplicate).toList(), List.of(), List.of(), null, duplicates);
        List<Diagnosis.FileFinding> files = java.util.stream.IntStream.range(0, staleFiles).mapToObj(i ->
                new Diagnosis.FileFinding("web", "/state/web.pid", "stale", "holder gone", "replaced")).toList();
        return new Diagnosis(Diagnosis.SCHEMA, AT, "/state", new Diagnosis.Daemon(true, 1L, 54112), false, 0,
                List.of(web), files, null);
    }

    @Test
    void read_serviceStateMetrics_fromStatuses() {
        var statuses = new AtomicReference<>(List.of(status("web", ServiceState.HEALTHY, "healthy", 2),
                status("worker", ServiceState.FAILED, "none", 5)));
        SupervisorMetrics metrics = new SupervisorMetrics(statuses::get, Optional::empty, Optional::empty,
                name -> Optional.empty());
        metrics.refresh();
        assertThat(metrics.read(Metric.UP, "web")).isEqualTo(new Reading.Value(1));
        assertThat(metrics.read(Metric.HEALTHY, "web")).isEqualTo(new Reading.Value(1));
        assertThat(metrics.read(Metric.RESTARTS, "web")).isEqualTo(new Reading.Value(2));
        assertThat(metrics.read(Metric.FAILED, "worker")).isEqualTo(new Reading.Value(1));
        assertThat(metrics.read(Metric.HEALTHY, "worker")).isEqualTo(new Reading.NoData("worker health is none"));
        assertThat(metrics.read(Metric.CPU, "worker"))
                .isEqualTo(new Reading.NoData("worker is failed and has no process sample"));
        assertThat(metrics.read(Metric.HOST_CPU, null)).isEqualTo(new Reading.NoData("no host sample yet"));

        statuses.set(List.of(status("web", ServiceState.UNHEALTHY, "unhealthy", 3)));
        assertThat(metrics.read(Metric.HEALTHY, "web")).as("one snapshot per round").isEqualTo(new Reading.Value(1));
        metrics.refresh();
        assertThat(metrics.read(Metric.HEALTHY, "web")).isEqualTo(new Reading.Value(0));
    }

    @Test
    void read_copiesAndPidFileErrors_fromTheDoctorScan() {
        var latest = new AtomicReference<Diagnosis>();
        SupervisorMetrics metrics = new SupervisorMetrics(() -> List.of(status("web", ServiceState.RUNNING, "none", 0)),
                Optional::empty, () -> Optional.ofNullable(latest.get()), name -> Optional.empty());
        metrics.refresh();
        assertThat(metrics.read(Metric.COPIES, "web")).isEqualTo(new Reading.NoData("no doctor scan yet"));
        latest.set(scan(1, 2));
        metrics.refresh();
        assertThat(metrics.read(Metric.COPIES, "web")).isEqualTo(new Reading.Value(2));
        assertThat(metrics.read(Metric.PID_FILE_ERRORS, "web")).isEqualTo(new Reading.Value(2));
    }

    @Test
    void firstOf_takesTheFirstValue_thenTheBoard() {
        MetricBoard board = new MetricBoard();
        SupervisorMetrics supervisor = new SupervisorMetrics(() -> List.of(status("web", ServiceState.RUNNING,
                "none", 0)), Optional::empty, Optional::empty, name -> Optional.empty());
        MetricSource both = MetricSource.firstOf(supervisor, board);
        both.refresh();
        board.set(Metric.PROBE_LATENCY, "web", 0.02);
        board.fail(Metric.API_ERROR_RATIO, null, "counters unavailable");
        assertThat(both.read(Metric.UP, "web")).isEqualTo(new Reading.Value(1));
        assertThat(both.read(Metric.PROBE_LATENCY, "web")).isEqualTo(new Reading.Value(0.02));
        assertThat(both.read(Metric.API_ERROR_RATIO, null)).isEqualTo(new Reading.Failed("counters unavailable"));
        assertThat(both.read(Metric.COPIES, "web")).isEqualTo(new Reading.NoData("no doctor scan yet"));
    }
}
