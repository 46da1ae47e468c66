package io.warden.daemon;

import io.warden.metrics.SamplerSettings;
import java.time.Duration;

/**
 * {@code metrics} in {@code warden.yaml}.
 *
 * @param interval how often host and services are sampled; default 1s, at least 500ms
 * @param history  how far back charts reach; default 1h
 * @param doctorInterval how often the host is scanned for copies of the services running outside
 *                 supervision ({@code warden_service_copies}); default 60s, at least 1s
 */
record MetricsConfig(Duration interval, Duration history, Duration doctorInterval) {

    public MetricsConfig {
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        history = history == null ? Duration.ofHours(1) : history;
        doctorInterval = doctorInterval == null ? Duration.ofSeconds(60) : doctorInterval;
        if (doctorInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("doctorInterval must be at least 1s (each scan reads every process "
                    + "on the host), was " + doctorInterval);
        }
        if (history.compareTo(interval) < 0) {
            throw new IllegalArgumentException("history (" + history + ") must be at least one interval (" + interval + ")");
        }
        settings(interval, history);
    }

    /** The defaults. */
    public static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null);
    }

    /** The sampler settings these stand for. */
    public SamplerSettings samplerSettings() {
        return settings(interval, history);
    }

    private static SamplerSettings settings(Duration interval, Duration history) {
        SamplerSettings defaults = SamplerSettings.defaults().withInterval(interval);
        return defaults.withHistoryPoints((int) Math.min(1_000_000, history.toMillis() / interval.toMillis()));
    }
}
