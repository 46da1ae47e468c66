package io.warden.daemon;

import io.warden.deploy.ServiceControl;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.spec.ServiceSpec;

/** The deploys' {@link ServiceControl} over the daemon's supervisor, which swaps a spec itself. */
final class SupervisorControl implements ServiceControl {

    private final Supervisor supervisor;

    SupervisorControl(Supervisor supervisor) {
        this.supervisor = supervisor;
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
}
