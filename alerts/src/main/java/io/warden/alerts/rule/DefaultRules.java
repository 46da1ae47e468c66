package io.warden.alerts.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rules shipped on by default ({@code alerts.defaults: true}): the seed's hand-watched
 * thresholds. Each is documented in docs/alerts.md; a rule of the same name in
 * {@code alerts.rules} changes the keys it gives, {@code enabled: false} turns one off.
 */
public final class DefaultRules {

    private DefaultRules() {
    }

    /** The default rules, unresolved ({@code service: "*"} still to expand). */
    public static List<AlertRule> all() {
        return List.of(
                rule("duplicate-copies", "*", "copies", Op.GT, null, 1.0, Duration.ZERO, Policy.KEEP,
                        "{{ $labels.service }} runs {{ $value }} copies; `warden doctor --fix` stops the extra ones"),
                rule("pidfile-errors", "*", "pidFileErrors", Op.GT, null, 0.0, Duration.ZERO, Policy.KEEP,
                        "{{ $labels.service }} has {{ $value }} stale or corrupt PID files; see `warden doctor`"),
                rule("stale-code", "*", "stale", Op.GT, 0.0, null, Duration.ofMinutes(5), Policy.OK,
                        "{{ $labels.service }} runs older code than its files on disk; `warden restart "
                                + "{{ $labels.service }}` runs the new code"),
                rule("service-failed", "*", "failed", Op.GT, null, 0.0, Duration.ZERO, Policy.OK,
                        "{{ $labels.service }} failed (start failure or start limit); see `warden logs "
                                + "{{ $labels.service }}`"),
                rule("restarts", "*", "increase(restarts[10m])", Op.GE, 3.0, 5.0, Duration.ZERO, Policy.OK,
                        "{{ $labels.service }} restarted {{ $value }} times in 10 minutes"),
                rule("probe-failures", "*", "probeFailureRatio", Op.GT, 0.0, 0.5, Duration.ofSeconds(30), Policy.OK,
                        "{{ $labels.service }} fails {{ $value }} of its health probes"),
                rule("api-5xx", null, "api.errorRatio", Op.GT, null, 0.01, Duration.ofMinutes(1), Policy.OK,
                        "{{ $value }} of API responses are 5xx (alert above 1 %)"),
                rule("api-429", null, "api.rateLimitedShare", Op.GT, null, 0.10, Duration.ofMinutes(1), Policy.OK,
                        "{{ $value }} of API requests are rate limited (normal under 5 %, alert above 10 %)"),
                rule("api-p99", null, "api.latencyP99", Op.GT, null, 0.5, Duration.ofMinutes(1), Policy.OK,
                        "API p99 latency is {{ $value }} s (about 0.11 s normally, alert above 0.5 s)"),
                rule("rate-limit-store", null, "api.rateLimitStoreDown", Op.GT, null, 0.0, Duration.ZERO, Policy.OK,
                        "the shared rate-limit store does not answer: rateLimits.fallback decides; see /health"),
                rule("state-dir-disk-full", null, "stateDir.free", Op.LT, 10.0, 2.0, Duration.ZERO, Policy.OK,
                        "the state dir's file system has {{ $value }} % free: when it is full, services' output "
                                + "is dropped and starts wait for space; free some or give the state dir more"));
    }

    private static AlertRule rule(String name, String service, String metric, Op op, Double warning, Double critical,
                                  Duration forDuration, Policy noData, String summary) {
        return new AlertRule(name, service, null, MetricExpr.parse(metric), op, warning, critical, forDuration,
                Duration.ZERO, noData, Policy.ALERT, Map.of(), summary, true);
    }
}
