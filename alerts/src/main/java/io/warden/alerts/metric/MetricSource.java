package io.warden.alerts.metric;

import java.util.List;

/**
 * Where alert rules read Warden's own metrics. The daemon gives one built from the supervisor,
 * the metrics sampler and the doctor ({@link SupervisorMetrics}) and from the API's counters
 * ({@link MetricBoard}), combined with {@link #firstOf}. Implementations must be safe to call
 * from the evaluation thread while others update them.
 */
public interface MetricSource {

    /**
     * Reads one metric.
     *
     * @param subject the service for service metrics, the route (or null for all) for API
     *                metrics, null for host metrics
     */
    Reading read(Metric metric, String subject);

    /** Called once before each evaluation round, so a source can take one snapshot per round. */
    default void refresh() {
    }

    /**
     * The first value or error any source gives, in order; no data only when none has more.
     */
    static MetricSource firstOf(MetricSource... sources) {
        List<MetricSource> all = List.of(sources);
        return new MetricSource() {
            @Override
            public Reading read(Metric metric, String subject) {
                Reading first = null;
                for (MetricSource source : all) {
                    Reading reading = source.read(metric, subject);
                    if (!(reading instanceof Reading.NoData)) {
                        return reading;
                    }
                    first = first == null ? reading : first;
                }
                return first != null ? first : Reading.noData("no source provides " + metric);
            }

            @Override
            public void refresh() {
                all.forEach(MetricSource::refresh);
            }
        };
    }
}
