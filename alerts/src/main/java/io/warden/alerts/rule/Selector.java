package io.warden.alerts.rule;

import io.warden.alerts.silence.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus series selector: a metric name and label matchers, {@code
 * http_requests_total{code=~"5..",method!="GET"}}. Values may be quoted with {@code "} or
 * {@code '} (YAML makes single quotes handy); {@code \"} escapes a quote. The rule's value is
 * the sum over every matching series.
 *
 * @param metric   the metric name
 * @param matchers the label matchers, all of which must hold
 */
public record Selector(String metric, List<LabelMatcher> matchers) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern MATCHER = Pattern.compile(
            "\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')\\s*(,|$)");

    public Selector {
        matchers = List.copyOf(matchers);
    }

    /**
     * Parses a selector.
     *
     * @throws IllegalArgumentException naming what is wrong and the expected form
     */
    public static Selector parse(String text) {
        String s = text.strip();
        int brace = s.indexOf('{');
        String name = brace < 0 ? s : s.substring(0, brace).strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a series selector: write a metric name "
                    + "and optional label matchers, for example http_requests_total{code=~\"5..\"}");
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        if (brace >= 0) {
            if (!s.endsWith("}")) {
                throw new IllegalArgumentException("'" + text + "': the label matchers must end with '}'");
            }
            String body = s.substring(brace + 1, s.length() - 1).strip();
            Matcher m = MATCHER.matcher(body);
            int at = 0;
            while (at < body.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new IllegalArgumentException("'" + text + "': cannot read the label matcher at '"
                            + body.substring(at) + "'; write label=\"value\", label!=\"value\", label=~\"regex\" "
                            + "or label!~\"regex\"");
                }
                String quoted = m.group(3);
                String value = quoted.substring(1, quoted.length() - 1).replaceAll("\\\\(.)", "$1");
                matchers.add(new LabelMatcher(m.group(1), m.group(2), value));
                at = m.end();
            }
        }
        return new Selector(name, matchers);
    }

    /** Whether a series of this name and labels is selected. */
    public boolean matches(String seriesName, Map<String, String> labels) {
        if (!metric.equals(seriesName)) {
            return false;
        }
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return matchers.isEmpty() ? metric : metric + matchers.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }
}
