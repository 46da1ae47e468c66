package io.warden.daemon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.warden.alerts.Alert;
import io.warden.alerts.AlertEvent;
import io.warden.alerts.AlertPoster;
import io.warden.alerts.Alerts;
import io.warden.alerts.AlertsConfig;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.metric.Reading;
import io.warden.alerts.metric.StateDirSpace;
import io.warden.alerts.metric.SupervisorMetrics;
import io.warden.alerts.notify.ReceiverConfig;
import io.warden.api.alerts.AlertMeters;
import io.warden.api.alerts.AlertRoutes;
import io.warden.api.alerts.RequestWindow;
import io.warden.api.limit.RateLimiter;
import io.warden.api.route.RequestMetrics;
import io.warden.api.route.Route;
import io.warden.api.stream.StreamHub;
import io.warden.metrics.MetricsSampler;
import io.warden.os.HostClock;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.doctor.Diagnosis;
import io.warden.supervisor.identity.CodeStamp;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The standing alerts of the daemon: built over the supervisor's statuses, the sampler's latest
 * sample, the doctor scan {@code ServiceMeters} already runs (one scan for both), the health
 * probes' results, the API's request window and the state dir's free space (also in /metrics); evaluated every {@code alerts.interval} from {@link #open}; transitions and
 * deliveries go to {@code events.log} and the stream's {@code alerts} topic.
 */
final class AlertsPart implements AutoCloseable {

    /** The WebSocket topic of alert transitions and deliveries. */
    static final String TOPIC = "alerts";

    private final Alerts alerts;
    private final AutoCloseable subscription;
    private final HostClock clock;
    private final MetricSource metrics;
    private final MeterRegistry registry;

    private AlertsPart(Alerts alerts, AutoCloseable subscription, HostClock clock, MetricSource metrics,
                       MeterRegistry registry) {
        this.alerts = alerts;
        this.subscription = subscription;
        this.clock = clock;
        this.metrics = metrics;
        this.registry = registry;
    }

    /** Takes a changed {@code alerts:} section and its resolved rules ({@code warden apply}). */
    void reconfigure(AlertsConfig config, List<AlertRule> rules) {
        alerts.reconfigure(config, rules);
        AlertMeters.bindReceivers(alerts, config.receivers().stream().map(ReceiverConfig::name).toList(), registry);
    }

    /** Where alerts raised outside the rules go (a deploy's warnings and rollbacks). */
    AlertPoster poster() {
        return alerts;
    }

    /** Warden's own metrics the rules read; a deploy's watch reads the same. */
    MetricSource metrics() {
        return metrics;
    }

    /**
     * Builds the alerts from {@code STATE_DIR/alerts.json} (a restart keeps states and sends nothing twice),
     * feeds the request window from {@code requests}, registers the meters and starts evaluating.
     *
     * @param scans  the latest doctor scan of {@code ServiceMeters}, empty until the first
     * @param probes the health probes' latency and failure ratio
     * @param stamps the code stamp of each service's running process, for {@code stale}
     */
    static AlertsPart open(WardenConfig config, Path state, HostClock clock, Supervisor supervisor,
                           MetricsSampler sampler, Supplier<Optional<Diagnosis>> scans, ProbeWindows probes,
                           Function<String, Optional<CodeStamp>> stamps,
                           RequestMetrics requests, StreamHub streams, MeterRegistry registry, RateLimiter limiter) {
        RequestWindow window = new RequestWindow(config.alerts().apiWindow(), clock::nanoTime);
        requests.observe(window);
        StateDirSpace space = new StateDirSpace(state);
        MetricSource metrics = MetricSource.firstOf(new SupervisorMetrics(supervisor::services, sampler::latest, scans, stamps),
                probes, window, rateLimitStore(config.rateLimits().shared(), limiter), space);
        Alerts alerts = Alerts.builder(config.alerts(), config.alertRules()).clock(clock).metrics(metrics)
                .stateFile(state.resolve("alerts.json")).build();
        streams.addTopic(TOPIC, alerts::alerts);
        AutoCloseable subscription = alerts.subscribe(event -> {
            switch (event) {
                case AlertEvent.Transition t -> supervisor.note(t.at(), "alert", fields(t));
                case AlertEvent.Delivery d -> supervisor.note(d.at(), "alert-delivery", fields(d));
            }
            streams.push(TOPIC, event);
        });
        AlertMeters.bind(alerts, config.alerts().receivers().stream().map(ReceiverConfig::name).toList(), registry);
        Gauge.builder("warden.state.dir.free", space, StateDirSpace::freeBytes).baseUnit("bytes")
                .description("space left for the state dir (logs, events.log, the database)")
                .strongReference(true).register(registry);
        Gauge.builder("warden.state.dir.size", space, StateDirSpace::totalBytes).baseUnit("bytes")
                .description("size of the file system holding the state dir").strongReference(true).register(registry);
        alerts.start();
        return new AlertsPart(alerts, subscription, clock, metrics, registry);
    }

    /** {@code api.rateLimitStoreDown}: 1 while the shared bucket store does not answer; no data with local buckets. */
    private static MetricSource rateLimitStore(boolean shared, RateLimiter limiter) {
        return (metric, subject) -> metric != Metric.API_RATE_LIMIT_STORE_DOWN ? Reading.noData(metric + " is not read here")
                : shared ? Reading.value(limiter.health().up() ? 0 : 1)
                : Reading.noData("rateLimits.store is local");
    }

    /** The alert and silence routes. */
    List<Route> routes() {
        return new AlertRoutes(alerts, clock).routes();
    }

    private static Map<String, String> fields(AlertEvent.Transition transition) {
        Alert alert = transition.alert();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("alert", alert.name());
        fields.put("fingerprint", alert.fingerprint());
        if (alert.labels().containsKey("service")) {
            fields.put("service", alert.labels().get("service"));
        }
        fields.put("from", transition.from().wireName());
        fields.put("to", alert.state().wireName());
        fields.put("severity", alert.severity());
        fields.put("startsAt", String.valueOf(alert.startsAt()));
        fields.put("summary", alert.annotations().getOrDefault("summary", ""));
        return fields;
    }

    private static Map<String, String> fields(AlertEvent.Delivery delivery) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("receiver", delivery.receiver());
        fields.put("fingerprint", delivery.fingerprint());
        fields.put("status", delivery.status());
        fields.put("delivered", Boolean.toString(delivery.delivered()));
        fields.put("attempts", Integer.toString(delivery.attempts()));
        fields.put("error", delivery.error());
        return fields;
    }

    /** Stops evaluating and delivering; the states are saved for the next start. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // removing a listener does not fail
        }
        alerts.close();
    }
}
