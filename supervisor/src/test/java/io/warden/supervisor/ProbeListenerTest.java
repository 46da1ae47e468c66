package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe client's listener is told each probe of a real service with its latency, from the
 * run's first success on: failures while the service was never healthy are a start, not a failure.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ProbeListenerTest {

    private record Probed(String service, boolean ok, Duration latency, Instant at) {
    }

    @TempDir
    Path stateDir;

    private final Queue<Probed> probed = new ConcurrentLinkedQueue<>();
    private final ProbeClient probes = new ProbeClient(
            (service, ok, latency, at) -> probed.add(new Probed(service, ok, latency, at)));
    private Supervisor supervisor;

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
        probes.close();
    }

    @Test
    void everyProbeFromTheFirstSuccessOn_isToldWithItsLatency() throws Exception {
        Path sick = Files.createFile(stateDir.resolve("sick"));
        HealthSpec check = new HealthSpec(null, null, List.of("/bin/sh", "-c", "test ! -f '" + sick + "'"),
                Duration.ofMillis(50), Duration.ofSeconds(5), 1, null, false);
        ServiceSpec web = ServiceSpec.of(List.of("/bin/sh", "-c", "exec sleep 1000")).withHealth(check);
        supervisor = TestHost.supervisor(Map.of("web", web), stateDir).probes(probes).baseDir(stateDir).build();
        supervisor.startAll();

        await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.service("web").health().equals("unhealthy"));
        assertThat(probed).as("failures before the first success").isEmpty();

        Files.delete(sick);
        await().atMost(Duration.ofSeconds(60)).until(() -> !probed.isEmpty());
        Probed first = probed.peek();
        assertThat(first.service()).isEqualTo("web");
        assertThat(first.ok()).isTrue();
        assertThat(first.latency()).isPositive().isLessThan(Duration.ofSeconds(5));

        Files.createFile(sick);
        await().atMost(Duration.ofSeconds(60)).until(() -> probed.stream().anyMatch(p -> !p.ok()));
    }
}
