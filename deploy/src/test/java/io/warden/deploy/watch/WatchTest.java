package io.warden.deploy.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.eval.Evaluator;
import io.warden.alerts.eval.Scraper;
import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.deploy.InconclusivePolicy;
import io.warden.deploy.UpdateSettings;
import io.warden.governance.TestClock;
import io.warden.governance.assessment.Threshold;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The watch's decisions over Warden's own metrics, with a clock the sleeper moves: no real time
 * passes, so every round, limit and window edge is exact.
 */
class WatchTest {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final Threshold LATENCY = new Threshold("probeLatency", "0.1s", "> 500ms", "> 2s");

    private final TestClock clock = new TestClock(T0);
    private final MetricBoard board = new MetricBoard();
    private final List<Progress> progress = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String unhealthy;

    private static UpdateSettings settings(int failureLimit, int errorLimit, InconclusivePolicy policy) {
        return new UpdateSettings(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(1), failureLimit, errorLimit, policy, null);
    }

    /** Runs a watch of LATENCY; {@code eachRound} sets the metric before round i (0-based). */
    private WatchResult watch(UpdateSettings settings, IntConsumer eachRound) throws InterruptedException {
        List<WatchRule> rules = ThresholdRules.of(List.of(LATENCY), "web", 0);
        Watch watch = new Watch(new Evaluator(board, new Scraper(HttpClient.newHttpClient(), Duration.ofSeconds(1))),
                new Scraper(HttpClient.newHttpClient(), Duration.ofSeconds(1)), rules, settings, clock, clock::advance);
        int[] round = {0};
        eachRound.accept(0);
        return watch.run(T0, new Watch.Health() {
            @Override
            public String problem() {
                return unhealthy;
            }

            @Override
            public boolean failed() {
                return false;
            }
        }, p -> {
            progress.add(p);
            eachRound.accept(++round[0]);
        }, warnings::add, () -> false);
    }

    @Test
    void healthyValues_passTheWindow_afterTenRounds() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, null), i -> board.set(Metric.PROBE_LATENCY, "web", 0.1));

        assertThat(result.action()).isEqualTo(WatchResult.Action.PROMOTE);
        assertThat(result.verdict()).isEqualTo(Verdict.SUCCESSFUL);
        assertThat(result.reason()).isEqualTo("10 evaluations, 0 failed (failureLimit 3), 0 inconclusive");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));
        Progress last = progress.getLast();
        assertThat(last.verdict()).isEqualTo(Verdict.SUCCESSFUL);
        assertThat(last.thresholds()).singleElement().satisfies(view -> {
            assertThat(view.value()).isEqualTo(0.1);
            assertThat(view.warning()).isEqualTo(0.5);
            assertThat(view.critical()).isEqualTo(2.0);
            assertThat(view.outcome()).isEqualTo("ok");
        });
    }

    @Test
    void criticalBreach_rollsBackInTheRoundItIsSeen() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, null), i -> board.set(Metric.PROBE_LATENCY, "web", i < 2 ? 0.1 : 3));

        assertThat(result.action()).isEqualTo(WatchResult.Action.ROLL_BACK);
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.reason()).isEqualTo("threshold 'probeLatency' critical: value 3 > 2");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void warningBreaches_raiseAlerts_andRollBackAtFailureLimit() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, null), i -> board.set(Metric.PROBE_LATENCY, "web", i % 2 == 0 ? 0.7 : 0.1));

        assertThat(warnings).hasSize(3).first().isEqualTo("threshold 'probeLatency' warning: value 0.7000 > 0.5000");
        assertThat(result.action()).isEqualTo(WatchResult.Action.ROLL_BACK);
        assertThat(result.reason()).startsWith("3 failed evaluations (failureLimit 3), the last: threshold");
        assertThat(result.incidents()).hasSize(3);
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void unhealthyRounds_countAsFailed() throws InterruptedException {
        unhealthy = "state unhealthy (probe failed)";
        WatchResult result = watch(settings(2, 4, null), i -> board.set(Metric.PROBE_LATENCY, "web", 0.1));

        assertThat(result.action()).isEqualTo(WatchResult.Action.ROLL_BACK);
        assertThat(result.reason()).endsWith("the last: unhealthy: state unhealthy (probe failed)");
    }

    @Test
    void noData_underFail_rollsBackAsInconclusive() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, InconclusivePolicy.FAIL), i -> { });

        assertThat(result.action()).isEqualTo(WatchResult.Action.ROLL_BACK);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).isEqualTo("3 failed evaluations (failureLimit 3), the last inconclusive:"
                + " probeLatency: nodata (probeLatency not reported for web)");
    }

    @Test
    void noData_underPause_pausesAtConsecutiveErrorLimit() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, InconclusivePolicy.PAUSE), i -> { });

        assertThat(result.action()).isEqualTo(WatchResult.Action.PAUSE);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).startsWith("4 inconclusive evaluations in a row (consecutiveErrorLimit 4)");
    }

    @Test
    void noData_underIgnore_isNeverASilentPass() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, InconclusivePolicy.IGNORE), i -> { });

        assertThat(result.action()).isEqualTo(WatchResult.Action.PAUSE);
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.reason()).isEqualTo("the window ended and [probeLatency] never gave a value in 10"
                + " evaluations; not promoted");
    }

    @Test
    void someNoData_underIgnore_passesOnceMeasured() throws InterruptedException {
        WatchResult result = watch(settings(3, 4, InconclusivePolicy.IGNORE), i -> {
            if (i == 5) {
                board.set(Metric.PROBE_LATENCY, "web", 0.1);
            }
        });

        assertThat(result.action()).isEqualTo(WatchResult.Action.PROMOTE);
        assertThat(result.reason()).isEqualTo("10 evaluations, 0 failed (failureLimit 3), 5 inconclusive");
    }
}
