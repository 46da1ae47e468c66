package io.warden.deploy;

import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.spec.ServiceSpec;

/**
 * What a deploy needs of the supervisor: a service's status and spec, and a way to run it with
 * another spec. The supervisor's public API has start, stop, restart and status but no way to
 * change a spec, so the daemon implements this once it can swap one; tests implement it over
 * real supervisors. Implementations are called from deploy threads (virtual threads) and block.
 */
public interface ServiceControl {

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
