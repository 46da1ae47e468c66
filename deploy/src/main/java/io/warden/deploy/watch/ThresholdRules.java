package io.warden.deploy.watch;

import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.alerts.rule.Op;
import io.warden.alerts.rule.Policy;
import io.warden.governance.assessment.Threshold;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an assessment's monitoring thresholds as alert rules. {@code metric} is an alert metric
 * ({@code restarts}, {@code probeLatency}, {@code prometheus:URL#SELECTOR}, {@code rate(...)});
 * {@code prometheus:/PATH#SELECTOR} and {@code prometheus:#SELECTOR} (path {@code /metrics}) read
 * the deployed service's own port on 127.0.0.1. {@code warning} and {@code critical} are
 * {@code OP NUMBER[UNIT]}: {@code > 1%} (0.01), {@code > 500ms} (0.5), {@code >= 2}.
 */
public final class ThresholdRules {

    private static final Pattern BOUND = Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*(%|ms|s)?\\s*");

    private ThresholdRules() {
    }

    /** The rules of {@code thresholds} for {@code service}, which serves on {@code port} (0: none). */
    public static List<WatchRule> of(List<Threshold> thresholds, String service, int port) {
        return thresholds.stream().map(threshold -> of(threshold, service, port)).toList();
    }

    static WatchRule of(Threshold threshold, String service, int port) {
        String name = threshold.metric();
        try {
            MetricExpr metric = MetricExpr.parse(local(name, port));
            Bound warning = bound("warning", threshold.warning());
            Bound critical = bound("critical", threshold.critical());
            if (warning == null && critical == null) {
                return new WatchRule(name, null, "threshold '" + name + "' has neither warning nor critical;"
                        + " write one, for example critical: \"> 1%\"");
            }
            if (warning != null && critical != null && warning.op != critical.op) {
                return new WatchRule(name, null, "threshold '" + name + "' compares with " + warning.op
                        + " for warning but " + critical.op + " for critical; use one comparison");
            }
            Op op = warning != null ? warning.op : critical.op;
            return new WatchRule(name, new AlertRule("deploy:" + name, service, null, metric, op,
                    warning == null ? null : warning.value, critical == null ? null : critical.value, Duration.ZERO,
                    Duration.ZERO, Policy.ALERT, Policy.ALERT, Map.of(), AlertRule.DEFAULT_SUMMARY, true), null);
        } catch (IllegalArgumentException e) {
            return new WatchRule(name, null, "threshold '" + name + "' cannot be watched: " + e.getMessage());
        }
    }

    private static String local(String metric, int port) {
        String prefix = "prometheus:";
        if (!metric.startsWith(prefix + "/") && !metric.startsWith(prefix + "#")) {
            return metric;
        }
        if (port == 0) {
            throw new IllegalArgumentException("it reads the service's own endpoint, but the service declares"
                    + " no port; give the full URL, prometheus:http://HOST:PORT/metrics#SELECTOR");
        }
        String rest = metric.substring(prefix.length());
        return prefix + "http://127.0.0.1:" + port + (rest.startsWith("#") ? "/metrics" + rest : rest);
    }

    private record Bound(Op op, double value) {
    }

    private static Bound bound(String key, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = BOUND.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " '" + text + "' is not OP NUMBER[UNIT]; write for example"
                    + " \"> 1%\", \"> 500ms\" or \">= 2\"");
        }
        Op op = Arrays.stream(Op.values()).sorted(Comparator.comparingInt(o -> -o.symbol().length()))
                .filter(o -> o.symbol().equals(m.group(1))).findFirst().orElseThrow();
        double value = Double.parseDouble(m.group(2));
        String unit = m.group(3) == null ? "" : m.group(3);
        return new Bound(op, switch (unit) {
            case "%" -> value / 100;
            case "ms" -> value / 1000;
            default -> value;
        });
    }
}
