package io.warden.alerts;

import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.silence.Silences;
import io.warden.alerts.state.Instance;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A rule as {@link Alerts} evaluates it: with its identity labels and fingerprint, computed once.
 *
 * @param rule        the resolved rule
 * @param labels      its identity labels ({@link AlertIdentity#labels})
 * @param fingerprint the fingerprint of those labels
 */
record TrackedRule(AlertRule rule, Map<String, String> labels, String fingerprint) {

    static List<TrackedRule> of(List<AlertRule> rules) {
        return rules.stream().map(rule -> {
            Map<String, String> labels = AlertIdentity.labels(rule);
            return new TrackedRule(rule, labels, AlertIdentity.fingerprint(labels));
        }).toList();
    }

    /** The Prometheus endpoints the rules scrape. */
    static Set<URI> targets(List<AlertRule> rules) {
        return Set.copyOf(rules.stream().map(AlertRule::metric).flatMap(m -> m instanceof MetricExpr.Scraped s
                ? Stream.of(s.url()) : Stream.empty()).toList());
    }

    /** The alert of this rule in {@code instance}'s state, as listed and notified at {@code now}. */
    Alert alert(Instance instance, Silences silences, Instant now) {
        Map<String, String> all = new TreeMap<>(labels);
        if (instance.severity() != null) {
            all.put("severity", instance.severity());
        }
        if (instance.state() == AlertState.NODATA || instance.state() == AlertState.ERROR) {
            all.put("alertstate", instance.state().wireName());
        }
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("summary", AlertIdentity.summary(rule, all, instance.value(), instance.severity()));
        if (!instance.reason().isEmpty()) {
            annotations.put("reason", instance.reason());
        }
        return new Alert(fingerprint, rule.name(), instance.state(), instance.severity(), all, annotations,
                instance.value(), instance.startsAt(), instance.endsAt(), silences.silenced(all, now));
    }
}
