package io.warden.supervisor.restart;

import java.time.Duration;

/** What to do after a service exited by itself, or was stopped because it turned unhealthy. */
public sealed interface RestartDecision {

    /** Why; shown as the reason of the state change. */
    String reason();

    /** Whether this is a restart with no delay: the runner restarts on the thread that saw the end. */
    default boolean atOnce() {
        return this instanceof Restart restart && !restart.delay().isPositive();
    }

    /** Start it again after {@code delay}, with the updated history. */
    record Restart(Duration delay, RunHistory history, String reason) implements RestartDecision {
    }

    /** Leave it exited: the policy does not restart this exit. */
    record Stay(String reason) implements RestartDecision {
    }

    /** Mark it failed: the start limit is reached. It stays down until started by hand. */
    record GiveUp(String reason) implements RestartDecision {
    }
}
