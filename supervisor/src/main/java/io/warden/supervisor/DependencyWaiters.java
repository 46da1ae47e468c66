package io.warden.supervisor;

import io.warden.supervisor.spec.DependencyCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The dependants waiting for one service to reach a condition ({@code started} or
 * {@code healthy}): each is let go when a transition reaches its condition, or failed, naming the
 * service, when it will not get there by itself (failed, or exited and not restarted).
 *
 * <p>Thread safety: guarded by the runner's lock; called only under it, with the runner's state.
 */
final class DependencyWaiters {

    private record Waiter(DependencyCondition condition, CompletableFuture<Void> future) {
    }

    private final String name;
    private final List<Waiter> waiters = new ArrayList<>();

    DependencyWaiters(String name) {
        this.name = name;
    }

    /** A future that completes when the service reaches {@code condition}, or fails when it will not. */
    CompletableFuture<Void> whenReached(DependencyCondition condition, ServiceState state, String reason) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        // A dependency that ran and exited for good was started (a one-shot job, as Compose's
        // service_started counts it), but will never be healthy.
        if (satisfies(condition, state) || (condition == DependencyCondition.STARTED && state == ServiceState.EXITED)) {
            future.complete(null);
        } else if (givenUp(state)) {
            future.completeExceptionally(new SupervisorException("dependency " + name + " " + state + ": " + reason));
        } else {
            waiters.add(new Waiter(condition, future));
        }
        return future;
    }

    /** After a transition to {@code state}: lets go of the waiters whose condition it satisfies. */
    void reached(ServiceState state) {
        if (waiters.isEmpty()) {
            return;
        }
        for (var iterator = waiters.iterator(); iterator.hasNext(); ) {
            Waiter waiter = iterator.next();
            if (satisfies(waiter.condition(), state)) {
                iterator.remove();
                waiter.future().complete(null);
            }
        }
    }

    /** The waiters learn that the service, now in {@code state}, will not get there by itself. */
    void failIfGivenUp(ServiceState state, String why) {
        if (!givenUp(state)) {
            return;
        }
        waiters.forEach(waiter -> waiter.future().completeExceptionally(
                new SupervisorException("dependency " + name + " failed: " + why)));
        waiters.clear();
    }

    private static boolean satisfies(DependencyCondition condition, ServiceState state) {
        return switch (condition) {
            case STARTED -> state == ServiceState.RUNNING || state == ServiceState.HEALTHY
                    || state == ServiceState.UNHEALTHY;
            case HEALTHY -> state == ServiceState.HEALTHY;
        };
    }

    /** Failed, or exited and not restarted by its policy: it will not get anywhere by itself. */
    private static boolean givenUp(ServiceState state) {
        return state == ServiceState.FAILED || state == ServiceState.EXITED;
    }
}
