package io.warden.alerts;

import io.warden.alerts.notify.ReceiverConfig;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.AlertRules;
import io.warden.config.ConfigMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code alerts:} section of warden.yaml (docs/alerts.md). Bound by the config module's
 * strict mapper; {@link #validate} then checks what needs the rest of the file (known services).
 *
 * @param defaults     whether the default rules are on (default true)
 * @param interval     how often every rule is evaluated, 100ms..1m (default 1s)
 * @param externalUrl  the daemon's URL as receivers should link to it, null for none
 * @param keepResolved how long a resolved alert stays listed, default 15m
 * @param scrapeTimeout the limit of one scrape of a {@code prometheus:} target, 100ms..30s (default 2s)
 * @param receivers    webhooks that get every notification
 * @param rules        the rules, and overrides of default rules by name
 * @param apiWindow    the window the API's error ratio, 429 share and p99 are computed over, 1s..1h (default 1m)
 */
public record AlertsConfig(Boolean defaults, Duration interval, String externalUrl, Duration keepResolved,
                           Duration scrapeTimeout,
                           List<ReceiverConfig> receivers, List<AlertRule> rules, Duration apiWindow) {

    public AlertsConfig {
        defaults = defaults == null || defaults;
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        if (interval.compareTo(Duration.ofMillis(100)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("interval must be 100ms..1m, was " + interval.toMillis() + "ms");
        }
        keepResolved = keepResolved == null ? Duration.ofMinutes(15) : keepResolved;
        scrapeTimeout = scrapeTimeout == null ? Duration.ofSeconds(2) : scrapeTimeout;
        if (scrapeTimeout.compareTo(Duration.ofMillis(100)) < 0 || scrapeTimeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("scrapeTimeout must be 100ms..30s, was " + scrapeTimeout.toMillis() + "ms");
        }
        externalUrl = externalUrl == null || externalUrl.isBlank() ? "" : externalUrl.strip();
        apiWindow = apiWindow == null ? Duration.ofMinutes(1) : apiWindow;
        if (apiWindow.compareTo(Duration.ofSeconds(1)) < 0 || apiWindow.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("apiWindow must be 1s..1h, was " + apiWindow.toMillis() + "ms");
        }
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        rules = rules == null ? List.of() : List.copyOf(rules);
        Set<String> names = new java.util.HashSet<>();
        for (ReceiverConfig receiver : receivers) {
            if (!names.add(receiver.name())) {
                throw new IllegalArgumentException("two receivers are named '" + receiver.name() + "'");
            }
        }
    }

    /** No {@code alerts:} section: the default rules, no receivers. */
    public static AlertsConfig defaultConfig() {
        return new AlertsConfig(null, null, null, null, null, null, null, null);
    }

    /**
     * Checks the rules against the configured services and returns them resolved: defaults
     * merged, absent keys at their defaults, {@code service: "*"} expanded, disabled ones left out.
     *
     * @param keyPrefix the section's path in the document, usually {@code alerts}
     * @throws io.warden.config.ConfigException at the offending key with file and line
     */
    public List<AlertRule> validate(ConfigMapper mapper, String source, String text, boolean isJson,
                                    String keyPrefix, Set<String> services) {
        return AlertRules.resolve(defaults, rules, services,
                (key, problem) -> mapper.errorAt(source, text, isJson, keyPrefix + "." + key, problem));
    }

    /**
     * As {@link #validate} for rules given without a file (tests, the deploy watch): errors name
     * the key under {@code alerts} without a line.
     */
    public List<AlertRule> resolve(Set<String> services) {
        return AlertRules.resolve(defaults, rules, services,
                (key, problem) -> new io.warden.config.ConfigException("alerts", 0, "alerts." + key, problem));
    }
}
