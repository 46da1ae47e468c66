package io.warden.alerts;

import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.rule.AlertRule;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/** The collaborators of {@link Alerts}; all but the state file have defaults. Not thread safe. */
public final class AlertsBuilder {

    private final AlertsConfig config;
    private final List<AlertRule> rules;
    private InstantSource clock = InstantSource.system();
    private MetricSource metrics = (metric, subject) -> io.warden.alerts.metric.Reading.noData("no metric source");
    private Path stateFile;
    private HttpClient http;

    AlertsBuilder(AlertsConfig config, List<AlertRule> rules) {
        this.config = Objects.requireNonNull(config, "config");
        this.rules = List.copyOf(rules);
    }

    /** The clock every decision reads (for, keepFiringFor, silences); the system clock by default. */
    public AlertsBuilder clock(InstantSource newClock) {
        this.clock = Objects.requireNonNull(newClock, "clock");
        return this;
    }

    /** Where Warden's own metrics are read. */
    public AlertsBuilder metrics(MetricSource source) {
        this.metrics = Objects.requireNonNull(source, "metrics");
        return this;
    }

    /** The file of alert states, silences and deliveries, usually {@code STATE_DIR/alerts.json}. */
    public AlertsBuilder stateFile(Path file) {
        this.stateFile = Objects.requireNonNull(file, "stateFile");
        return this;
    }

    /** The client for scrapes and webhooks; by default one with a 5 s connect timeout. */
    public AlertsBuilder http(HttpClient client) {
        this.http = Objects.requireNonNull(client, "http");
        return this;
    }

    /** Builds, restoring the state file; sends what was left undelivered. Evaluates nothing until started. */
    public Alerts build() {
        if (stateFile == null) {
            throw new IllegalStateException("the alerts need a state file: call stateFile(STATE_DIR/alerts.json)");
        }
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return new Alerts(this);
    }

    AlertsConfig config() {
        return config;
    }

    List<AlertRule> rules() {
        return rules;
    }

    InstantSource clock() {
        return clock;
    }

    MetricSource metrics() {
        return metrics;
    }

    Path stateFile() {
        return stateFile;
    }

    HttpClient http() {
        return http;
    }
}
