package io.warden.alerts;

import io.warden.alerts.rule.AlertRule;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An alert's identity labels, its fingerprint, and its summary from the rule's template. Pure. */
final class AlertIdentity {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\$(value|threshold|op|labels\\.([A-Za-z_][A-Za-z0-9_]*))\\s*}}");

    private AlertIdentity() {
    }

    /** alertname, service and route when given, and the rule's labels (which cannot replace those). */
    static Map<String, String> labels(AlertRule rule) {
        Map<String, String> labels = new TreeMap<>(rule.labels());
        labels.put("alertname", rule.name());
        if (rule.service() != null) {
            labels.put("service", rule.service());
        }
        if (rule.route() != null) {
            labels.put("route", rule.route());
        }
        return labels;
    }

    /** 16 hex digits of a 64-bit FNV-1a hash over the sorted labels, like Alertmanager's fingerprints. */
    static String fingerprint(Map<String, String> labels) {
        long hash = 0xcbf29ce484222325L;
        for (var label : new TreeMap<>(labels).entrySet()) {
            for (byte b : (label.getKey() + '\u00ff' + label.getValue() + '\u00ff').getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x100000001b3L;
            }
        }
        return String.format("%016x", hash);
    }

    /**
     * The rule's summary with {@code {{ $value }}}, {@code {{ $threshold }}}, {@code {{ $op }}} and
     * {@code {{ $labels.NAME }}} filled in; an unknown label reads as empty.
     */
    static String summary(AlertRule rule, Map<String, String> labels, Double value, String severity) {
        Double threshold = "warning".equals(severity) || rule.critical() == null ? rule.warning() : rule.critical();
        Matcher m = PLACEHOLDER.matcher(rule.summary());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = switch (m.group(1)) {
                case "value" -> value == null ? "no data" : number(value);
                case "threshold" -> threshold == null ? "" : number(threshold);
                case "op" -> rule.op().symbol();
                default -> labels.getOrDefault(m.group(2), "");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replaceAll(" {2,}", " ").replace(" :", ":").strip();
    }

    /** Whole numbers without decimals, others with up to 4 significant digits. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
    }
}
