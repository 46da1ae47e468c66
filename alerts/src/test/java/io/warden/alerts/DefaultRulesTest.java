package io.warden.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.metric.SupervisorMetrics;
import io.warden.alerts.testing.ManualClock;
import io.warden.supervisor.Scheduler;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.identity.CodeStamps;
import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StartLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultRulesTest {

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final MetricBoard board = new MetricBoard();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ProbeClient probes = new ProbeClient();
    private Supervisor supervisor;
    private Alerts alerts;

    @AfterEach
    void close() {
        if (alerts != null) {
            alerts.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        probes.close();
        scheduler.shutdownNow();
    }

    private Alerts alerts(MetricSource metrics, List<String> services) {
        AlertsConfig config = AlertsConfig.defaultConfig();
        alerts = Alerts.builder(config, config.resolve(java.util.Set.copyOf(services))).clock(clock).metrics(metrics)
                .stateFile(dir.resolve("alerts.json")).build();
        return alerts;
    }

    private Optional<Alert> alert(String name, String service) {
        return alerts.alerts().stream().filter(alert -> alert.name().equals(name)
                && (service == null || service.equals(alert.labels().get("service")))).findFirst();
    }

    private AlertState state(String name, String service) {
        return alert(name, service).map(Alert::state).orElse(AlertState.INACTIVE);
    }

    @Test
    void serviceFailed_firesOnACrashLoopHittingTheStartLimit_andResolvesWhenItRuns() throws Exception {
        Path ok = dir.resolve("ok");
        ServiceSpec crasher = ServiceSpec.of(List.of("/bin/sh", "-c", "test -f " + ok + " || exit 3; exec sleep 1000"))
                .withRestart(new RestartSpec(RestartPolicy.ALWAYS, new Backoff(Duration.ofMillis(10),
                        Duration.ofMillis(50), 1.0, 0.0), null, new StartLimit(3, Duration.ofMinutes(1))));
        supervisor = Supervisor.builder(Map.of("crasher", crasher), dir).scheduler(Scheduler.of(scheduler))
                .probes(probes).baseDir(dir).build();
        alerts(new SupervisorMetrics(supervisor::services, Optional::empty, Optional::empty, name -> Optional.empty()), List.of("crasher"));
        supervisor.start("crasher");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> supervisor.service("crasher").state() == ServiceState.FAILED);
        alerts.tick();
        assertThat(state("service-failed", "crasher")).isEqualTo(AlertState.FIRING);
        assertThat(alert("service-failed", "crasher").orElseThrow().annotations().get("summary"))
                .isEqualTo("crasher failed (start failure or start limit); see `warden logs crasher`");

        Files.createFile(ok);
        supervisor.start("crasher");
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.service("crasher").state().isUp());
        clock.advance(Duration.ofSeconds(1));
        alerts.tick();
        assertThat(state("service-failed", "crasher")).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void staleCode_warnsAfterFiveMinutesOfAnEditedSource_andResolvesOnARestart() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        Path source = Files.writeString(app.resolve("app.py"), "VERSION = 1\n");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Map<String, ServiceSpec> specs = Map.of("web", ServiceSpec.of(List.of("sleep", "300")).withWorkdir("app"));
        supervisor = Supervisor.builder(specs, dir.resolve(".warden")).scheduler(Scheduler.of(scheduler))
                .probes(probes).baseDir(dir).build();
        // Stamps on the wall clock (it compares file times with process starts); the rules on the manual one.
        try (CodeStamps stamps = CodeStamps.start(supervisor, specs, dir, dir.resolve(".warden"),
                Duration.ofMillis(100), Clock.systemUTC())) {
            alerts(new SupervisorMetrics(supervisor::services, Optional::empty, Optional::empty, stamps::stamp),
                    List.of("web"));
            alerts.tick();
            assertThat(state("stale-code", "web")).as("not running: no data, which is no alert")
                    .isEqualTo(AlertState.INACTIVE);
            supervisor.start("web");
            await().atMost(Duration.ofSeconds(30)).until(() -> stamps.stamp("web").isPresent());
            alerts.tick();
            assertThat(state("stale-code", "web")).isEqualTo(AlertState.INACTIVE);

            Files.setLastModifiedTime(source, FileTime.from(Instant.now()));
            await().atMost(Duration.ofSeconds(30)).until(() -> stamps.stale("web"));
            alerts.tick();
            assertThat(state("stale-code", "web")).isEqualTo(AlertState.PENDING);
            clock.advance(Duration.ofMinutes(5));
            alerts.tick();
            assertThat(state("stale-code", "web")).isEqualTo(AlertState.FIRING);
            Alert firing = alert("stale-code", "web").orElseThrow();
            assertThat(firing.severity()).isEqualTo("warning");
            assertThat(firing.annotations().get("summary"))
                    .isEqualTo("web runs older code than its files on disk; `warden restart web` runs the new code");

            supervisor.restart("web");
            await().atMost(Duration.ofSeconds(30)).until(() -> stamps.stamp("web").isPresent() && !stamps.stale("web"));
            clock.advance(Duration.ofSeconds(1));
            alerts.tick();
            assertThat(state("stale-code", "web")).isEqualTo(AlertState.RESOLVED);
        }
    }

    @Test
    void apiDefaults_fireAboveTheSeedThresholdsAfterAMinute_andIdleIsNotAnAlert() {
        alerts(board, List.of("web"));
        alerts.tick(); // nothing reported yet: no traffic is not an alert for the API rules
        assertThat(alerts.alerts()).extracting(Alert::name).doesNotContain("api-5xx", "api-429", "api-p99");

        board.set(Metric.API_ERROR_RATIO, null, 0.02);
        board.set(Metric.API_RATE_LIMITED_SHARE, null, 0.04);
        board.set(Metric.API_LATENCY_P99, "/api/v1/services", 0.11);
        board.set(Metric.API_LATENCY_P99, "/api/v1/system/history", 0.7);
        alerts.tick();
        assertThat(state("api-5xx", null)).isEqualTo(AlertState.PENDING);
        clock.advance(Duration.ofMinutes(1));
        alerts.tick();
        assertThat(state("api-5xx", null)).isEqualTo(AlertState.FIRING);
        assertThat(state("api-429", null)).isEqualTo(AlertState.INACTIVE);
        assertThat(state("api-p99", null)).isEqualTo(AlertState.FIRING);
        assertThat(alert("api-p99", null).orElseThrow().annotations().get("summary"))
                .isEqualTo("API p99 latency is 0.7 s (about 0.11 s normally, alert above 0.5 s)");

        board.set(Metric.API_ERROR_RATIO, null, 0.0);
        clock.advance(Duration.ofSeconds(1));
        alerts.tick();
        assertThat(state("api-5xx", null)).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void duplicatesAndProbeFailures_fireFromReportedValues() {
        alerts(board, List.of("web"));
        board.set(Metric.COPIES, "web", 2);
        board.set(Metric.PROBE_FAILURE_RATIO, "web", 0.6);
        alerts.tick();
        assertThat(state("duplicate-copies", "web")).isEqualTo(AlertState.FIRING);
        assertThat(alert("duplicate-copies", "web").orElseThrow().severity()).isEqualTo("critical");
        assertThat(state("probe-failures", "web")).isEqualTo(AlertState.PENDING);
        clock.advance(Duration.ofSeconds(30));
        alerts.tick();
        assertThat(state("probe-failures", "web")).isEqualTo(AlertState.FIRING);
        board.set(Metric.COPIES, "web", 1);
        alerts.tick();
        assertThat(state("duplicate-copies", "web")).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void start_evaluatesEveryIntervalOnItsOwn() {
        alerts(board, List.of("web"));
        alerts.start();
        board.set(Metric.COPIES, "web", 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("duplicate-copies", "web") == AlertState.FIRING);
        board.set(Metric.COPIES, "web", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> state("duplicate-copies", "web") == AlertState.RESOLVED);
    }
}
