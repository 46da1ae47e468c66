package io.warden.alerts.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.warden.alerts.metric.Metric;
import io.warden.config.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a rule reads, as written in {@code metric:}. Either one of Warden's own metrics
 * ({@code restarts}, {@code api.errorRatio}), optionally as {@code increase(NAME[10m])}; or
 * {@code prometheus:URL#SELECTOR} scraped from a service, optionally as
 * {@code rate(SELECTOR[1m])} (per second) or {@code increase(SELECTOR[5m])} over the scrapes
 * kept in memory for that window.
 */
public sealed interface MetricExpr {

    /** How the raw value becomes the rule's value. */
    enum Fn { NONE, RATE, INCREASE }

    /** The text as written. */
    @JsonValue
    String text();

    /** The window of a {@code rate}/{@code increase}, zero for a plain value. */
    Duration window();

    Fn fn();

    /** One of Warden's own metrics. */
    record Builtin(String text, Metric metric, Fn fn, Duration window) implements MetricExpr {
    }

    /** A selector summed over a Prometheus endpoint's series. */
    record Scraped(String text, URI url, Selector selector, Fn fn, Duration window) implements MetricExpr {
    }

    Pattern FUNCTION = Pattern.compile("(rate|increase)\\((.*)\\[([^\\]]+)]\\)");
    String PREFIX = "prometheus:";

    /**
     * Parses the text of {@code metric:}.
     *
     * @throws IllegalArgumentException naming the unknown metric, the bad URL or selector
     */
    @JsonCreator
    static MetricExpr parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a rule needs a metric: one of " + Metric.keys()
                    + ", or prometheus:URL#SELECTOR");
        }
        String body = s.startsWith(PREFIX) ? s.substring(s.indexOf('#') + 1) : s;
        Fn fn = Fn.NONE;
        Duration window = Duration.ZERO;
        Matcher function = FUNCTION.matcher(body.strip());
        if (function.matches()) {
            fn = function.group(1).equals("rate") ? Fn.RATE : Fn.INCREASE;
            body = function.group(2);
            window = Durations.parse(function.group(3));
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("the window of '" + s + "' must be between 1s and 1h");
            }
        }
        if (!s.startsWith(PREFIX)) {
            String key = body.strip();
            Metric metric = Metric.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                    "unknown metric '" + key + "': use one of " + Metric.keys() + ", or prometheus:URL#SELECTOR"));
            if (fn == Fn.RATE || fn == Fn.INCREASE && metric != Metric.RESTARTS) {
                throw new IllegalArgumentException("'" + s + "': only increase(restarts[WINDOW]) is a window "
                        + "over Warden's own metrics; rate() is for prometheus: counters");
            }
            return new Builtin(s, metric, fn, window);
        }
        int hash = s.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("'" + s + "' names no series: write prometheus:URL#SELECTOR, "
                    + "for example prometheus:http://127.0.0.1:8000/metrics#http_requests_total");
        }
        URI url = httpUrl(s.substring(PREFIX.length(), hash), "the scrape URL");
        return new Scraped(s, url, Selector.parse(body), fn, window);
    }

    /**
     * An absolute http(s) URL with a host.
     *
     * @param what how messages name it
     * @throws IllegalArgumentException naming the value
     */
    static URI httpUrl(String text, String what) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            url = null;
        }
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new IllegalArgumentException(what + " '" + text + "' is not an absolute http:// or https:// URL "
                    + "with a host, for example http://127.0.0.1:9093/hook");
        }
        return url;
    }
}
