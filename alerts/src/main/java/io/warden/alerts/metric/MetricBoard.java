package io.warden.alerts.metric;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metrics pushed by their owner: the API sets its error ratio, 429 share and latency per route,
 * the health probes their latency and failure ratio. A value stays until replaced or cleared.
 * Thread safe: any thread may set while the evaluation thread reads.
 */
public final class MetricBoard implements MetricSource {

    private record Key(Metric metric, String subject) {
    }

    private final Map<Key, Reading> readings = new ConcurrentHashMap<>();

    /** An empty board. */
    public MetricBoard() {
    }

    /** Sets a value; {@code subject} is the service, the route, or null. */
    public void set(Metric metric, String subject, double value) {
        readings.put(new Key(metric, subject), Reading.value(value));
    }

    /** Records that the metric could not be read, with why. */
    public void fail(Metric metric, String subject, String reason) {
        readings.put(new Key(metric, subject), Reading.failed(reason));
    }

    /** Forgets a value: the metric reads as no data again. */
    public void clear(Metric metric, String subject) {
        readings.remove(new Key(metric, subject));
    }

    /**
     * The value set for this subject. An API metric read without a route is the one set without
     * a route, else the worst (largest) over the routes.
     */
    @Override
    public Reading read(Metric metric, String subject) {
        Reading exact = readings.get(new Key(metric, subject));
        if (exact != null || subject != null || metric.scope() != Metric.Scope.API) {
            return exact != null ? exact : Reading.noData(metric + " not reported"
                    + (subject == null ? "" : " for " + subject));
        }
        double worst = Double.NaN;
        for (var entry : readings.entrySet()) {
            if (entry.getKey().metric() == metric && entry.getValue() instanceof Reading.Value(double value)) {
                worst = Double.isNaN(worst) ? value : Math.max(worst, value);
            }
        }
        return Double.isNaN(worst) ? Reading.noData(metric + " not reported") : Reading.value(worst);
    }
}
