package io.warden.deploy;

import io.warden.supervisor.Scheduler;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One real supervisor of one service, started, and its {@link ServiceControl} as the daemon's. Like
 * the daemon, it owns what the supervisor borrows: one scheduler thread and the probes' HTTP client.
 */
final class SupervisorControl implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ProbeClient probes = new ProbeClient();
    private final Supervisor supervisor;
    final ServiceControl control;

    SupervisorControl(String name, ServiceSpec initial, Path stateDir) {
        supervisor = Supervisor.builder(Map.of(name, initial), stateDir).scheduler(Scheduler.of(scheduler))
                .probes(probes).build();
        supervisor.start(name);
        control = ServiceControl.of(supervisor);
    }

    @Override
    public void close() {
        supervisor.close();
        probes.close();
        scheduler.shutdownNow();
    }
}
