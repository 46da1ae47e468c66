package io.warden.deploy.rollout;

import io.warden.deploy.ServiceControl;
import io.warden.deploy.Sleeper;
import io.warden.deploy.UpdateSettings;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Runs a service with a spec and waits until it is healthy for {@code minHealthyTime} within
 * {@code healthyDeadline} (Nomad's update block): a restart of the process (crash loop) starts the
 * healthy time again, a service that gave up (failed, exited) ends the wait at once. Used both to
 * apply a new version and to restore the last stable one. Thread safe.
 */
public final class Rollout {

    /** How often the service's status is read while waiting. */
    static final Duration POLL = Duration.ofMillis(50);

    /**
     * The result of a wait.
     *
     * @param healthy whether the service became healthy in time
     * @param reason  what happened, for the record: time to healthy, or the last state and why
     */
    public record Readiness(boolean healthy, String reason) {
    }

    private final ServiceControl control;
    private final InstantSource clock;
    private final Sleeper sleeper;

    public Rollout(ServiceControl control, InstantSource clock, Sleeper sleeper) {
        this.control = control;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Stops {@code service}, starts it with {@code spec}, waits for it to be healthy as {@code settings} say. */
    public Readiness run(String service, ServiceSpec spec, UpdateSettings settings) throws InterruptedException {
        Instant begin = clock.instant();
        control.replace(service, spec);
        return await(service, spec, settings, begin);
    }

    /** Waits for the running {@code service} (with {@code spec}) to be healthy as {@code settings} say. */
    public Readiness await(String service, ServiceSpec spec, UpdateSettings settings, Instant begin)
            throws InterruptedException {
        Instant deadline = begin.plus(settings.healthyDeadline());
        Instant healthySince = null;
        Long pid = null;
        ServiceStatus status = control.status(service);
        while (true) {
            Instant now = clock.instant();
            if (status.state() == ServiceState.FAILED || status.state() == ServiceState.EXITED) {
                return new Readiness(false, service + " is " + status.state() + " " + Duration.between(begin, now)
                        .toMillis() + "ms after the start (" + status.reason() + exit(status) + ")");
            }
            if (healthy(status, spec) && Objects.equals(pid, status.pid())) {
                healthySince = healthySince == null ? now : healthySince;
            } else {
                healthySince = healthy(status, spec) ? now : null;
                pid = status.pid();
            }
            if (healthySince != null && !now.isBefore(healthySince.plus(settings.minHealthyTime()))) {
                return new Readiness(true, service + " healthy " + Duration.between(begin, healthySince).toMillis()
                        + "ms after the start and stayed healthy for " + settings.minHealthyTime().toMillis() + "ms");
            }
            if (!now.isBefore(deadline)) {
                return new Readiness(false, service + " was not healthy for " + settings.minHealthyTime().toMillis()
                        + "ms within healthyDeadline " + settings.healthyDeadline().toMillis() + "ms; last state "
                        + status.state() + " (" + status.reason() + exit(status) + "), " + status.restarts()
                        + " restart(s)");
            }
            sleeper.sleep(POLL);
            status = control.status(service);
        }
    }

    /** Healthy: passes its health check, or runs when it has none. */
    public static boolean healthy(ServiceStatus status, ServiceSpec spec) {
        return status.state() == ServiceState.HEALTHY || spec.health() == null && status.state() == ServiceState.RUNNING;
    }

    private static String exit(ServiceStatus status) {
        return status.lastExitCode() == null ? "" : ", last exit code " + status.lastExitCode();
    }
}
