package io.warden.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.Reading;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestWindowTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final RequestWindow window = new RequestWindow(Duration.ofSeconds(12), nanos::get);

    private static final long MS = 1_000_000L;

    @Test
    void ratiosAndP99_overTheWindow_thenNoDataOnceItHasPassed() {
        for (int i = 0; i < 90; i++) {
            window.answered("GET /api/v1/services", 200, 10 * MS);
        }
        window.answered("GET /api/v1/services", 200, 2_000 * MS);
        window.answered("GET /api/v1/services", 200, 2_000 * MS);
        for (int i = 0; i < 6; i++) {
            window.answered("GET /api/v1/services", 429, 0);
        }
        window.answered("POST /api/v1/services/{name}/restart", 500, 9_000 * MS);
        window.answered("GET /health", 503, MS);
        window.refresh();

        assertThat(value(Metric.API_ERROR_RATIO, null)).isEqualTo(1.0 / 100);
        assertThat(value(Metric.API_RATE_LIMITED_SHARE, null)).isEqualTo(6.0 / 100);
        // 92 timed GETs (the 429s and the POST are not timed): the 92nd is one of the two slow ones.
        assertThat(value(Metric.API_LATENCY_P99, "GET /api/v1/services")).isBetween(2.0, 2.2);
        assertThat(value(Metric.API_LATENCY_P99, null)).isBetween(2.0, 2.2);
        assertThat(window.read(Metric.API_LATENCY_P99, "POST /api/v1/services/{name}/restart"))
                .isInstanceOf(Reading.NoData.class);

        nanos.addAndGet(Duration.ofSeconds(13).toNanos());
        window.refresh();
        assertThat(window.read(Metric.API_ERROR_RATIO, null)).isInstanceOf(Reading.NoData.class);
        assertThat(window.read(Metric.API_LATENCY_P99, null)).isInstanceOf(Reading.NoData.class);
    }

    @Test
    void fastRequests_giveAP99WithinTenPercent() {
        for (int i = 0; i < 1000; i++) {
            window.answered("GET /api/v1/system", 200, 110 * MS);
        }
        window.refresh();
        assertThat(value(Metric.API_LATENCY_P99, null)).isBetween(0.110, 0.121);
        assertThat(value(Metric.API_ERROR_RATIO, null)).isZero();
    }

    private double value(Metric metric, String route) {
        Reading reading = window.read(metric, route);
        assertThat(reading).isInstanceOf(Reading.Value.class);
        return ((Reading.Value) reading).value();
    }
}
