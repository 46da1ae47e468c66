package io.warden.alerts.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert rule, as written under {@code alerts.rules} (see docs/alerts.md). Bound as written:
 * absent keys are null, so that a rule named like a default rule changes only the keys it gives.
 * {@link AlertRules#resolve} fills the defaults in and validates the whole.
 *
 * @param name          unique name; the {@code alertname} label
 * @param service       the service of a service metric, {@code *} for every service
 * @param route         the API route of {@code api.latencyP99}, null for the worst route
 * @param metric        what is read
 * @param op            the comparison: {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==}, {@code !=}
 * @param warning       the threshold of severity warning, null for none
 * @param critical      the threshold of severity critical, null for none
 * @param forDuration   how long the condition holds (pending) before the alert fires
 * @param keepFiringFor how long a firing alert keeps firing after the condition cleared
 * @param noData        what no data means
 * @param error         what a failed read means
 * @param labels        extra labels of the alert
 * @param summary       the summary annotation, with {@code {{ $value }}}, {@code {{ $labels.NAME }}}
 * @param enabled       false turns the rule (usually a default one) off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(String name, String service, String route, MetricExpr metric, Op op, Double warning,
                        Double critical, @JsonProperty("for") Duration forDuration, Duration keepFiringFor,
                        Policy noData, Policy error, Map<String, String> labels, String summary, Boolean enabled) {

    /** Applied by {@link AlertRules#resolve} where a rule says nothing. */
    public static final String DEFAULT_SUMMARY =
            "{{ $labels.alertname }} {{ $labels.service }}: {{ $value }} {{ $op }} {{ $threshold }}";

    public AlertRule {
        labels = labels == null ? null : Map.copyOf(new TreeMap<>(labels));
    }

    /** This rule's keys where given, else the base's: an override of a default rule. */
    AlertRule over(AlertRule base) {
        return new AlertRule(name, or(service, base.service), or(route, base.route), or(metric, base.metric),
                or(op, base.op), warning != null || critical != null ? warning : base.warning,
                warning != null || critical != null ? critical : base.critical, or(forDuration, base.forDuration),
                or(keepFiringFor, base.keepFiringFor), or(noData, base.noData), or(error, base.error),
                or(labels, base.labels), or(summary, base.summary), or(enabled, base.enabled));
    }

    /** Every absent key at its default; service and metric stay as they are. */
    AlertRule withDefaults() {
        return new AlertRule(name, service, route, metric, op, warning, critical,
                or(forDuration, Duration.ZERO), or(keepFiringFor, Duration.ZERO), or(noData, Policy.ALERT),
                or(error, Policy.ALERT), or(labels, Map.of()), or(summary, DEFAULT_SUMMARY), or(enabled, true));
    }

    /** The same rule for one service (expanding {@code service: "*"}). */
    AlertRule forService(String serviceName) {
        return new AlertRule(name, serviceName, route, metric, op, warning, critical, forDuration, keepFiringFor,
                noData, error, labels, summary, enabled);
    }

    /** The rule is on: {@code enabled} is absent or true. */
    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
