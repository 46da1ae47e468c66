package io.warden.supervisor.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.StartLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RestartPlannerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static RestartSpec spec(RestartPolicy policy, double jitter, int burst) {
        return new RestartSpec(policy, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, jitter),
                Duration.ofSeconds(10), new StartLimit(burst, Duration.ofSeconds(60)));
    }

    private static RandomGenerator middle() {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return 0.5;
            }
        };
    }

    @Test
    void quickFailures_growTheDelayUpToMax() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.ON_FAILURE, 0, 100), middle());
        RunHistory history = RunHistory.EMPTY.started(T0);
        Instant now = T0;
        long[] expected = {100, 200, 400, 800, 1000, 1000};
        for (long millis : expected) {
            now = now.plusMillis(100);
            var decision = (RestartDecision.Restart) planner.next(history, now.minusMillis(100), 1, now);
            assertThat(decision.delay()).isEqualTo(Duration.ofMillis(millis));
            history = decision.history().started(now.plus(decision.delay()));
            now = now.plus(decision.delay());
        }
    }

    @Test
    void aRunLongerThanResetAfter_startsTheBackoffOver() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.ALWAYS, 0, 100), middle());
        RunHistory history = new RunHistory(java.util.List.of(T0), 5);
        var decision = (RestartDecision.Restart) planner.next(history, T0, 1, T0.plusSeconds(10));
        assertThat(decision.delay()).isEqualTo(Duration.ofMillis(100));
        assertThat(decision.history().streak()).isEqualTo(1);
    }

    @Test
    void startLimit_givesUpOnTheStartAfterBurst() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.ON_FAILURE, 0, 3), middle());
        RunHistory history = RunHistory.EMPTY.started(T0).started(T0.plusSeconds(1)).started(T0.plusSeconds(2));
        RestartDecision decision = planner.next(history, T0.plusSeconds(2), 1, T0.plusSeconds(3));
        assertThat(decision).isInstanceOf(RestartDecision.GiveUp.class);
        assertThat(decision.reason()).isEqualTo("exited with code 1; start limit reached: 3 starts within 1m "
                + "(startLimit.burst 3). It stays down until started by hand: warden start NAME");
    }

    @Test
    void aStartWithoutDiskSpace_backsOffWhateverThePolicy_andNeverReachesTheStartLimit() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.NO, 0, 3), middle());
        RunHistory history = RunHistory.EMPTY.started(T0).started(T0.plusSeconds(1)).started(T0.plusSeconds(2));
        long[] expected = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long millis : expected) {
            RestartDecision.Restart retry = planner.afterNoSpace(history, "cannot start: No space left on device");
            assertThat(retry.delay()).isEqualTo(Duration.ofMillis(millis));
            assertThat(retry.reason()).startsWith("cannot start: No space left on device; retry ");
            history = retry.history();
        }
        assertThat(history.starts()).hasSize(3);
    }

    @Test
    void aLongRestartLoop_keepsOnlyTheStartsOfTheCurrentInterval_andStillReachesTheLimit() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.ALWAYS, 0, 50), middle());
        RunHistory history = RunHistory.EMPTY;
        Instant now = T0;
        // 200 runs of 2 s, each restarted after 1 s: 20 starts a minute, under the burst of 50.
        for (int i = 0; i < 200; i++) {
            history = history.started(now);
            now = now.plusSeconds(2);
            var restart = (RestartDecision.Restart) planner.next(history, now.minusSeconds(2), 1, now);
            history = restart.history();
            now = now.plus(restart.delay());
            Instant windowStart = now.minusSeconds(60);
            assertThat(history.starts()).hasSizeLessThanOrEqualTo(21).allMatch(start -> start.isAfter(windowStart));
        }
        // Then runs of 100 ms: more than 50 starts a minute, so it gives up.
        RestartDecision decision = null;
        for (int i = 0; i < 100 && !(decision instanceof RestartDecision.GiveUp); i++) {
            history = history.started(now);
            now = now.plusMillis(100);
            decision = planner.next(history, now.minusMillis(100), 1, now);
            if (decision instanceof RestartDecision.Restart restart) {
                history = restart.history();
                now = now.plus(restart.delay());
            }
        }
        assertThat(decision).isInstanceOf(RestartDecision.GiveUp.class);
        assertThat(decision.reason()).contains("start limit reached: 50 starts within 1m");
    }

    @Test
    void startsOutsideTheInterval_doNotCount() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.ON_FAILURE, 0, 3), middle());
        RunHistory history = RunHistory.EMPTY.started(T0).started(T0.plusSeconds(1)).started(T0.plusSeconds(61));
        assertThat(planner.next(history, T0.plusSeconds(61), 1, T0.plusSeconds(62)))
                .isInstanceOf(RestartDecision.Restart.class);
    }

    @Test
    void policies_decideWhichExitsRestart() {
        RunHistory history = RunHistory.EMPTY.started(T0);
        Instant end = T0.plusSeconds(1);
        assertThat(new RestartPlanner(spec(RestartPolicy.NO, 0, 5), middle()).next(history, T0, 1, end))
                .isInstanceOf(RestartDecision.Stay.class);
        assertThat(new RestartPlanner(spec(RestartPolicy.ON_FAILURE, 0, 5), middle()).next(history, T0, 0, end))
                .isInstanceOf(RestartDecision.Stay.class)
                .extracting(RestartDecision::reason)
                .isEqualTo("exited with code 0; restart policy on-failure does not restart it");
        assertThat(new RestartPlanner(spec(RestartPolicy.ON_FAILURE, 0, 5), middle()).next(history, T0, null, end))
                .isInstanceOf(RestartDecision.Restart.class);
        assertThat(new RestartPlanner(spec(RestartPolicy.ALWAYS, 0, 5), middle()).next(history, T0, 0, end))
                .isInstanceOf(RestartDecision.Restart.class);
        assertThat(new RestartPlanner(spec(RestartPolicy.UNLESS_STOPPED, 0, 5), middle()).next(history, T0, 0, end))
                .isInstanceOf(RestartDecision.Restart.class);
    }

    @Test
    void unhealthy_isRestartedWhateverThePolicy_withTheSameBackoffAndStartLimit() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.NO, 0, 2), middle());
        RunHistory history = RunHistory.EMPTY.started(T0);
        var first = (RestartDecision.Restart) planner.afterUnhealthy(history, T0, T0.plusSeconds(1));
        assertThat(first.reason()).isEqualTo("unhealthy; restart 1 in a row, in 100ms");
        history = first.history().started(T0.plusMillis(1100));
        RestartDecision second = planner.afterUnhealthy(history, T0.plusMillis(1100), T0.plusSeconds(2));
        assertThat(second).isInstanceOf(RestartDecision.GiveUp.class);
        assertThat(second.reason()).startsWith("unhealthy; start limit reached: 2 starts within 1m");
    }

    @Test
    void jitter_staysWithinTheFractionAndTheMax() {
        RestartPlanner planner = new RestartPlanner(spec(RestartPolicy.ALWAYS, 0.5, 100), new SplittableRandom(42));
        for (int i = 0; i < 1000; i++) {
            Duration delay = planner.delay(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5), 1);
            assertThat(delay).isBetween(Duration.ofMillis(100), Duration.ofMillis(300));
            Duration capped = planner.delay(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.5), 10);
            assertThat(capped).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        }
    }
}
