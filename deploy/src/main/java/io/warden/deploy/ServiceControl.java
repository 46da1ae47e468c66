package io.warden.deploy;

import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.spec.ServiceSpec;

/**
 * What a deploy needs of the supervisor: a service's status and spec, and a way to run it with
 * another spec ({@link #of} a supervisor: {@link Supervisor#replace}). Implementations are called
 * from deploy threads (virtual threads) and block.
 */
public interface ServiceControl {

    /** The services of {@code supervisor}, a new spec swapped in by {@link Supervisor#replace}. */
    static ServiceControl of(Supervisor supervisor) {
        return new ServiceControl() {
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
        };
    }

    /** A snapshot of the service. */
    ServiceStatus status(String service);

    /** The spec the service runs with now. */
    ServiceSpec spec(String service);

    /**
     * Stops the service's whole process tree, makes {@code spec} its spec and starts it; returns
     * once it was launched (not once healthy: the deploy waits for that itself).
     */
    void replace(String service, ServiceSpec spec);
}
