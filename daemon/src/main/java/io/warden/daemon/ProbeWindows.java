package io.warden.daemon;

import io.warden.alerts.metric.Metric;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.metric.Reading;
import io.warden.supervisor.health.ProbeListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alerts' probe metrics of each service, from every health probe's result: {@code probeLatency}
 * is the latest probe's duration, {@code probeFailureRatio} the share that failed of the last
 * {@value #PROBES} probes. A probe older than {@link #MAX_AGE} no longer counts, so a service
 * that stopped probing (stopped, or its check removed) reads as no data, not as its last failures.
 *
 * <p>Thread safety: {@link #probed} from any probing thread; {@link #refresh} and {@link #read}
 * on the evaluation thread.
 */
final class ProbeWindows implements ProbeListener, MetricSource {

    /** How many of the latest probes the failure ratio is over. */
    static final int PROBES = 10;
    /** How long a probe counts. */
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    private record Check(boolean ok, double seconds, Instant at) {
    }

    private final Map<String, ArrayDeque<Check>> byService = new ConcurrentHashMap<>();
    private final MetricBoard board = new MetricBoard();
    private final InstantSource clock;

    /** @param clock the daemon's, which ages the probes */
    ProbeWindows(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void probed(String service, boolean ok, Duration latency, Instant at) {
        ArrayDeque<Check> checks = byService.computeIfAbsent(service, name -> new ArrayDeque<>(PROBES));
        Check check = new Check(ok, latency.toNanos() / 1e9, at);
        synchronized (checks) {
            if (checks.size() == PROBES) {
                checks.removeFirst();
            }
            checks.addLast(check);
        }
    }

    @Override
    public void refresh() {
        Instant oldest = clock.instant().minus(MAX_AGE);
        byService.forEach((service, checks) -> {
            int total;
            int failed = 0;
            Check latest;
            synchronized (checks) {
                while (!checks.isEmpty() && checks.peekFirst().at().isBefore(oldest)) {
                    checks.removeFirst();
                }
                total = checks.size();
                for (Check check : checks) {
                    failed += check.ok() ? 0 : 1;
                }
                latest = checks.peekLast();
            }
            if (latest == null) {
                board.clear(Metric.PROBE_LATENCY, service);
                board.clear(Metric.PROBE_FAILURE_RATIO, service);
            } else {
                board.set(Metric.PROBE_LATENCY, service, latest.seconds());
                board.set(Metric.PROBE_FAILURE_RATIO, service, (double) failed / total);
            }
        });
    }

    @Override
    public Reading read(Metric metric, String subject) {
        return board.read(metric, subject);
    }
}
