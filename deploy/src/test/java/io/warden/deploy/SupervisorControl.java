package io.warden.deploy;

import io.warden.supervisor.Scheduler;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link ServiceControl} over one real supervisor of one service, as the daemon's: a new spec
 * goes through {@link Supervisor#replace}. Like the daemon, it owns what the supervisor borrows:
 * one scheduler thread and the probes' HTTP client.
 */
final class SupervisorControl implements ServiceControl, AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ProbeClient probes = new ProbeClient();
    private final Supervisor supervisor;

    SupervisorControl(String name, ServiceSpec initial, Path stateDir) {
        supervisor = Supervisor.builder(Map.of(name, initial), stateDir).scheduler(Scheduler.of(scheduler))
                .probes(probes).build();
        supervisor.start(name);
    }

    @Override
    public ServiceStatus status(String service) {
        return supervisor.service(service);
    }

    @Override
    public ServiceSpec spec(String service) {
        return supervisor.spec(service);
    }

    @Override
    public void replace(String service, ServiceSpec spec) {
        supervisor.replace(service, spec);
    }

    @Override
    public void close() {
        supervisor.close();
        probes.close();
        scheduler.shutdownNow();
    }
}
