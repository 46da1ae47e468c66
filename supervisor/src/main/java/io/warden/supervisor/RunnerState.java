package io.warden.supervisor;

import io.warden.supervisor.health.HealthStatus;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A runner's state machine as others see it: the state and its reason, the restart count and the
 * last exit, every transition recorded as an event and told to the dependants waiting for a
 * condition, and the status snapshot. What moves it between states is {@link ServiceRunner}'s.
 *
 * <p>Thread safety: guarded by the runner's lock; called only under it.
 */
final class RunnerState {

    private final String name;
    private final ServiceSpec spec;
    private final RunnerContext context;
    private final DependencyWaiters waiters;

    private ServiceState state = ServiceState.STOPPED;
    private String reason = "not started";
    private int restarts;
    private Integer lastExitCode;
    private Instant lastExitAt;

    RunnerState(String name, ServiceSpec spec, RunnerContext context) {
        this.name = name;
        this.spec = spec;
        this.context = context;
        this.waiters = new DependencyWaiters(name);
    }

    String name() {
        return name;
    }

    /** The state now. */
    ServiceState current() {
        return state;
    }

    int restarts() {
        return restarts;
    }

    void restarts(int count) {
        restarts = count;
    }

    /** Records a run's end (code null: none, or no run could start) now; returns now. */
    Instant exited(Integer code) {
        Instant now = context.clock().instant();
        lastExitCode = code;
        lastExitAt = now;
        return now;
    }

    /** Moves to {@code to}: recorded as an event, and the dependants waiting for it let go. */
    void transition(ServiceState to, String why, Long pid, Integer exitCode) {
        ServiceState from = state;
        state = to;
        reason = why;
        context.events().record(new ServiceEvent(context.clock().instant(), name, from, to, why, pid, exitCode));
        waiters.reached(to);
    }

    /** Records {@code why} as an event that changes no state (output dropped for lack of space, say). */
    void note(String why, Long pid) {
        context.events().record(new ServiceEvent(context.clock().instant(), name, state, state, why, pid, null));
    }

    /** The run's health changed: its state follows (starting counts as running). */
    void healthChanged(HealthStatus status, String detail, long pid) {
        ServiceState to = switch (status) {
            case HEALTHY -> ServiceState.HEALTHY;
            case UNHEALTHY -> ServiceState.UNHEALTHY;
            case STARTING -> ServiceState.RUNNING;
        };
        transition(to, "health check: " + detail, pid, null);
    }

    /** A future that completes when the service reaches the condition, or fails when it will not. */
    CompletableFuture<Void> whenReached(DependencyCondition condition) {
        return waiters.whenReached(condition, state, reason);
    }

    /** Dependants waiting on this service learn that it will not get there by itself, if so. */
    void failWaiters(String why) {
        waiters.failIfGivenUp(state, why);
    }

    /** The snapshot of the service with {@code current} its run (null: none). */
    ServiceStatus status(Run current) {
        Instant now = context.clock().instant();
        String health = spec.health() == null ? "none"
                : current == null || current.health == null ? (current == null ? "none" : "starting")
                : current.health.toString();
        return new ServiceStatus(name, state, current == null ? null : current.handle.pid(),
                current == null ? null : current.started,
                current == null ? Duration.ZERO : maxZero(Duration.between(current.started, now)),
                restarts, health, spec.port(), lastExitCode, lastExitAt, reason, current != null && current.adopted);
    }

    private static Duration maxZero(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
