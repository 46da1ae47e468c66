package io.warden.alerts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Op;
import io.warden.alerts.testing.HttpFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private final MetricBoard board = new MetricBoard();
    /** Generous: a loaded machine can take seconds for a first scrape; only the timeout test needs a short one. */
    private final Evaluator evaluator = new Evaluator(board, new Scraper(HttpClient.newHttpClient(),
            Duration.ofSeconds(30)));

    private static AlertRule rule(String metric, Double warning, Double critical) {
        return new AlertRule("r", null, null, MetricExpr.parse(metric), Op.GT, warning, critical, Duration.ZERO,
                Duration.ZERO, null, null, null, "", true);
    }

    @Test
    void evaluate_thresholds_giveSeverity() {
        AlertRule rule = rule("api.errorRatio", 0.01, 0.05);
        board.set(Metric.API_ERROR_RATIO, null, 0.002);
        assertThat(evaluator.evaluate(rule, T0).kind()).isEqualTo(Outcome.Kind.OK);
        board.set(Metric.API_ERROR_RATIO, null, 0.02);
        assertThat(evaluator.evaluate(rule, T0)).extracting(Outcome::kind, Outcome::severity)
                .containsExactly(Outcome.Kind.BREACH, "warning");
        board.set(Metric.API_ERROR_RATIO, null, 0.2);
        assertThat(evaluator.evaluate(rule, T0)).extracting(Outcome::severity, Outcome::threshold)
                .containsExactly("critical", 0.05);
    }

    @Test
    void evaluate_nothingReported_isNoDataNotOk() {
        Outcome outcome = evaluator.evaluate(rule("api.errorRatio", null, 0.01), T0);
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.NODATA);
        assertThat(outcome.reason()).isEqualTo("api.errorRatio not reported");
    }

    @Test
    void evaluate_rateOverScrapes_isPerSecondIncrease() {
        AtomicLong errors = new AtomicLong(10);
        try (HttpFixture target = HttpFixture.start(0, body -> new HttpFixture.Answer(200,
                "http_requests_total{code=\"500\"} " + errors.get() + "\nhttp_requests_total{code=\"200\"} 99\n"))) {
            AlertRule rule = rule("prometheus:" + target.url("/metrics")
                    + "#rate(http_requests_total{code=~'5..'}[1m])", 0.5, 1.0);
            Outcome first = evaluator.evaluate(rule, T0);
            assertThat(first.kind()).as(first.reason()).isEqualTo(Outcome.Kind.WAITING);
            assertThat(first.reason()).contains("needs two points");
            errors.set(40); // 30 more in 20 s: 1.5 per second
            Outcome second = evaluator.evaluate(rule, T0.plusSeconds(20));
            assertThat(second).extracting(Outcome::kind, Outcome::value, Outcome::severity)
                    .containsExactly(Outcome.Kind.BREACH, 1.5, "critical");
            errors.set(2); // the service restarted: a reset, 2 more
            Outcome third = evaluator.evaluate(rule, T0.plusSeconds(40));
            assertThat(third.value()).isEqualTo(32 / 40.0);
            evaluator.evaluate(rule, T0.plusSeconds(60));
            // At 101 s the points up to 40 s have left the 1 m window: no increase since 60 s
            assertThat(evaluator.evaluate(rule, T0.plusSeconds(101))).extracting(Outcome::kind, Outcome::value)
                    .containsExactly(Outcome.Kind.OK, 0.0);
            // A lone point in the window (the others aged out) defines no rate
            assertThat(evaluator.evaluate(rule, T0.plusSeconds(200)).kind()).isEqualTo(Outcome.Kind.WAITING);
        }
    }

    @Test
    void evaluate_targetDown_isError() {
        int port;
        try (HttpFixture gone = HttpFixture.receiver(0)) {
            port = gone.port();
        }
        Outcome outcome = evaluator.evaluate(rule("prometheus:http://127.0.0.1:" + port + "/metrics#up", null, 0.0), T0);
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ERROR);
        assertThat(outcome.reason()).isEqualTo("cannot scrape http://127.0.0.1:" + port + "/metrics: connection refused");
    }

    @Test
    void evaluate_targetThatNeverAnswers_timesOutAsError() throws Exception {
        // The backlog completes the connection and takes the request, but nobody ever answers:
        // only the scrape timeout can end this, however slow the machine.
        try (ServerSocket silent = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            Evaluator impatient = new Evaluator(board, new Scraper(HttpClient.newHttpClient(), Duration.ofMillis(500)));
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/metrics";
            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> impatient.evaluate(rule("prometheus:" + url + "#up", null, 0.0), T0));
            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ERROR);
            assertThat(outcome.reason()).isEqualTo("scrape of " + url + " timed out after 500ms");
        }
    }

    @Test
    void evaluate_noSeriesMatches_isNoData_andServerErrorIsError() {
        try (HttpFixture target = HttpFixture.start(0, body -> new HttpFixture.Answer(200, "up 1\n"));
             HttpFixture failing = HttpFixture.start(0, body -> new HttpFixture.Answer(500, "boom"))) {
            Outcome none = evaluator.evaluate(rule("prometheus:" + target.url("/m") + "#down", null, 0.0), T0);
            assertThat(none.kind()).isEqualTo(Outcome.Kind.NODATA);
            assertThat(none.reason()).isEqualTo("no series matches down at " + target.url("/m"));
            Outcome error = evaluator.evaluate(rule("prometheus:" + failing.url("/m") + "#up", null, 0.0), T0);
            assertThat(error.reason()).isEqualTo("scrape of " + failing.url("/m") + " answered HTTP 500");
        }
    }
}
