package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StartLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that keeps failing its health check with {@code restartWhenUnhealthy} is restarted
 * as an exit is: after the backoff, and {@code failed} at the start limit, never in a tight loop.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class UnhealthyRestartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void alwaysUnhealthy_isRestartedAfterTheBackoff_thenFailedAtTheStartLimit() {
        HealthSpec neverHealthy = new HealthSpec(null, null, List.of("false"), Duration.ofMillis(50),
                Duration.ofSeconds(5), 1, null, true);
        // Policy no: restartWhenUnhealthy asks for the restart itself; the policy is about exits.
        ServiceSpec sick = ServiceSpec.of(List.of("/bin/sh", "-c", "exec sleep 1000")).withHealth(neverHealthy)
                .withRestart(new RestartSpec(RestartPolicy.NO, new Backoff(Duration.ofMillis(300),
                        Duration.ofSeconds(5), 2.0, 0.0), Duration.ofMinutes(1), new StartLimit(3, Duration.ofMinutes(5))));
        supervisor = TestHost.supervisor(Map.of("sick", sick), stateDir).baseDir(stateDir).build();

        supervisor.startAll();

        await().atMost(PATIENCE).until(() -> supervisor.service("sick").state() == ServiceState.FAILED);
        List<ServiceEvent> events = supervisor.events(null).stream().filter(e -> e.service().equals("sick")).toList();
        List<ServiceEvent> runs = events.stream().filter(e -> e.to() == ServiceState.RUNNING).toList();
        assertThat(runs).hasSize(3);
        assertThat(events.stream().filter(e -> e.to() == ServiceState.BACKOFF).map(ServiceEvent::reason))
                .containsExactly("unhealthy; restart 1 in a row, in 300ms", "unhealthy; restart 2 in a row, in 600ms");
        assertThat(Duration.between(runs.get(0).time(), runs.get(1).time())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.between(runs.get(1).time(), runs.get(2).time())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        ServiceStatus status = supervisor.service("sick");
        assertThat(status.reason()).startsWith("unhealthy; start limit reached: 3 starts within 5m")
                .endsWith("It stays down until started by hand: warden start sick");
        assertThat(status.restarts()).isEqualTo(2);
        assertThat(status.pid()).isNull();
    }
}
