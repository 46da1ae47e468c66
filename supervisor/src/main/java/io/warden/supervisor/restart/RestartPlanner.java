package io.warden.supervisor.restart;

import io.warden.config.Durations;
import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.StartLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The restart decision as a pure function of the spec, the history, the exit (or the unhealthy
 * stop) and the time;
 * no processes, no clock, no sleeping. The random source only spreads the delay (jitter).
 *
 * <p>Rules: the policy decides whether the exit is restarted at all. A run that lasted at least
 * {@code resetAfter} resets the backoff. The delay is {@code initial * multiplier^streak},
 * capped at {@code max}, then spread by +-{@code jitter}. If the restart would be start number
 * {@code burst + 1} within {@code interval}, the service gives up (failed) instead.
 *
 * <p>Thread safety: instances are immutable apart from the random source, which must be safe for
 * the caller's threads (each runner decides under its own lock).
 */
public final class RestartPlanner {

    private final RestartSpec spec;
    private final RandomGenerator random;

    public RestartPlanner(RestartSpec spec, RandomGenerator random) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Decides after a run that started at {@code runStarted} and ended at {@code now}.
     *
     * @param exitCode the exit code, null when killed by a signal or unknown (an adopted process)
     */
    public RestartDecision next(RunHistory history, Instant runStarted, Integer exitCode, Instant now) {
        String exit = exitCode == null ? "exited (no exit code: killed by a signal or adopted)"
                : "exited with code " + exitCode;
        if (!spec.policy().restarts(exitCode)) {
            return new RestartDecision.Stay(exit + "; restart policy " + spec.policy() + " does not restart it");
        }
        return plan(history, runStarted, now, exit);
    }

    /**
     * Decides after a run that started at {@code runStarted} was stopped at {@code now} because it
     * turned unhealthy ({@code health.restartWhenUnhealthy}): restarted whatever the policy (which
     * is about exits), after the same backoff and within the same start limit as an exit.
     */
    public RestartDecision afterUnhealthy(RunHistory history, Instant runStarted, Instant now) {
        return plan(history, runStarted, now, "unhealthy");
    }

    /**
     * Decides after a start that could not prepare its output files for lack of disk space
     * ({@code why} says so): retried after the backoff whatever the policy (the service never ran;
     * the host is at fault), and never failed for it, since the start limit counts runs and this
     * was none: once space returns, the next attempt starts it by itself.
     */
    public RestartDecision.Restart afterNoSpace(RunHistory history, String why) {
        int streak = history.streak();
        Duration delay = delay(spec.backoff(), streak);
        return new RestartDecision.Restart(delay, history.withStreak(streak + 1), why + "; retry " + (streak + 1)
                + " in a row, in " + delay.toMillis() + "ms");
    }

    private RestartDecision plan(RunHistory history, Instant runStarted, Instant now, String exit) {
        Duration uptime = Duration.between(runStarted, now);
        int streak = uptime.compareTo(spec.resetAfter()) >= 0 ? 0 : history.streak();
        Duration delay = delay(spec.backoff(), streak);
        StartLimit limit = spec.startLimit();
        Instant nextStart = now.plus(delay);
        Instant windowStart = nextStart.minus(limit.interval());
        int recent = history.countAfter(windowStart);
        if (recent + 1 > limit.burst()) {
            return new RestartDecision.GiveUp(exit + "; start limit reached: " + recent + " starts within "
                    + Durations.format(limit.interval()) + " (startLimit.burst " + limit.burst()
                    + "). It stays down until started by hand: warden start NAME");
        }
        // Starts before this window never count again (later windows start later): a crash loop
        // under a large burst would otherwise copy up to 1000 instants on every restart.
        return new RestartDecision.Restart(delay, history.after(windowStart).withStreak(streak + 1),
                exit + "; restart " + (streak + 1) + " in a row, in " + delay.toMillis() + "ms");
    }

    /** {@code initial * multiplier^streak}, capped at max, spread by the jitter fraction. */
    Duration delay(Backoff backoff, int streak) {
        double base = backoff.initial().toNanos() * Math.pow(backoff.multiplier(), Math.min(streak, 64));
        double capped = Math.min(base, backoff.max().toNanos());
        double spread = backoff.jitter() == 0 ? 0 : capped * backoff.jitter() * (2 * random.nextDouble() - 1);
        double nanos = Math.min(Math.max(0, capped + spread), backoff.max().toNanos());
        return Duration.ofNanos((long) nanos);
    }
}
