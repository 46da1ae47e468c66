package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StartLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backoff and the start limit on the supervisor's injected time: a real child that crashes at
 * once, restarted only when the test moves the clock on, so the spacing is exact and a backoff of
 * seconds costs none.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class BackoffTimingTest {

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
    void crashLoop_isRestartedAfterEachBackoffOfTheInjectedClock_thenGivenUpAtTheStartLimit() {
        // Backoff 1 s, 2 s, 4 s; at most 3 starts a minute; no run lasts long enough to reset it.
        ServiceSpec crasher = ServiceSpec.of(List.of("/bin/sh", "-c", "exit 1")).withRestart(new RestartSpec(
                RestartPolicy.ON_FAILURE, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0, 0.0),
                Duration.ofHours(1), new StartLimit(3, Duration.ofMinutes(1))));
        Instant origin = Instant.now();
        ManualTime time = new ManualTime(origin);
        supervisor = TestHost.supervisor(Map.of("crasher", crasher), stateDir).baseDir(stateDir)
                .scheduler(time).clock(time).build();

        supervisor.start("crasher");
        awaitBackoff(0);
        time.advance(Duration.ofMillis(999));
        assertThat(supervisor.service("crasher").restarts()).as("one millisecond before the backoff ends").isZero();
        time.advance(Duration.ofMillis(1));
        awaitBackoff(1);
        time.advance(Duration.ofMillis(1999));
        assertThat(supervisor.service("crasher").restarts()).isEqualTo(1);
        time.advance(Duration.ofMillis(1));
        await().atMost(PATIENCE).until(() -> supervisor.service("crasher").state() == ServiceState.FAILED);

        List<ServiceEvent> events = supervisor.events(null).stream()
                .filter(event -> event.service().equals("crasher") && event.to() != ServiceState.STARTING).toList();
        assertThat(events).extracting(event -> event.to() + " +" + Duration.between(origin, event.time()).toMillis() + "ms")
                .containsExactly("running +0ms", "exited +0ms", "backoff +0ms",
                        "running +1000ms", "exited +1000ms", "backoff +1000ms",
                        "running +3000ms", "exited +3000ms", "failed +3000ms");
        assertThat(events).filteredOn(event -> event.to() == ServiceState.BACKOFF).extracting(ServiceEvent::reason)
                .containsExactly("exited with code 1; restart 1 in a row, in 1000ms",
                        "exited with code 1; restart 2 in a row, in 2000ms");
        assertThat(events.getLast().reason()).isEqualTo("exited with code 1; start limit reached: 3 starts within 1m"
                + " (startLimit.burst 3). It stays down until started by hand: warden start crasher");
        assertThat(supervisor.service("crasher").restarts()).isEqualTo(2);
    }

    private void awaitBackoff(int restarts) {
        await().atMost(PATIENCE).until(() -> {
            ServiceStatus status = supervisor.service("crasher");
            return status.state() == ServiceState.BACKOFF && status.restarts() == restarts;
        });
    }
}
