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
 * {@link ServiceControl} over real supervisors, until the Supervisor can swap a spec: each
 * replacement closes the supervisor of the previous spec (stopping its process tree) and starts a
 * new one with the new spec in the same state directory. One service. Like the daemon, it owns
 * what the supervisors borrow: one scheduler thread and the probes' HTTP client.
 */
final class SupervisorControl implements ServiceControl, AutoCloseable {

    private final String name;
    private final Path stateDir;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ProbeClient probes = new ProbeClient();
    private Supervisor current;

    SupervisorControl(String name, ServiceSpec initial, Path stateDir) {
        this.name = name;
        this.stateDir = stateDir;
        replace(name, initial);
    }

    @Override
    public synchronized ServiceStatus status(String service) {
        return current.service(service);
    }

    @Override
    public synchronized ServiceSpec spec(String service) {
        return current.spec(service);
    }

    @Override
    public void replace(String service, ServiceSpec spec) {
        if (!service.equals(name)) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        Supervisor old;
        synchronized (this) {
            old = current;
        }
        if (old != null) {
            old.close();
        }
        Supervisor next = Supervisor.builder(Map.of(name, spec), stateDir).scheduler(Scheduler.of(scheduler))
                .probes(probes).build();
        next.start(name);
        synchronized (this) {
            current = next;
        }
    }

    @Override
    public void close() {
        Supervisor last;
        synchronized (this) {
            last = current;
        }
        last.close();
        probes.close();
        scheduler.shutdownNow();
    }
}
