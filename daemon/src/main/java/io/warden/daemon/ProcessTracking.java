package io.warden.daemon;

import io.warden.metrics.MetricsSampler;
import io.warden.metrics.TrackedProcess;
import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;

/**
 * Keeps the sampler's tracked process trees equal to the supervisor's running services: every
 * start, restart, adoption and exit of a service changes what is sampled. Thread safe.
 */
final class ProcessTracking {

    private final Supervisor supervisor;
    private final MetricsSampler sampler;

    ProcessTracking(Supervisor supervisor, MetricsSampler sampler) {
        this.supervisor = supervisor;
        this.sampler = sampler;
    }

    /** Follows every service event from now on; returns the subscription. */
    AutoCloseable follow() {
        return supervisor.subscribe(this::onEvent);
    }

    /** Tracks what runs now (adopted services included). */
    void syncAll() {
        supervisor.services().forEach(this::sync);
    }

    private void onEvent(ServiceEvent event) {
        if (event.to().isUp() && event.pid() != null) {
            sync(supervisor.service(event.service()));
        } else if (!event.to().isUp()) {
            sampler.untrack(event.service());
        }
    }

    private void sync(ServiceStatus status) {
        if (status.process() != null && status.state().isUp()) {
            sampler.track(new TrackedProcess(status.name(), status.pid(), status.started()));
        }
    }
}
