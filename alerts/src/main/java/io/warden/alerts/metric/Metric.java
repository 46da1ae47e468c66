package io.warden.alerts.metric;

import java.util.Arrays;
import java.util.Optional;

/**
 * Warden's own metrics an alert rule may name, with what they are about. Service metrics need
 * the rule's {@code service}; API metrics may name a {@code route} (latency only) and otherwise
 * read the whole API; host metrics name neither.
 */
public enum Metric {
    UP("up", Scope.SERVICE, "1 while a process of the service runs, else 0"),
    FAILED("failed", Scope.SERVICE, "1 while the service is in state failed (start failure, start limit hit)"),
    HEALTHY("healthy", Scope.SERVICE, "1 healthy, 0 unhealthy; no data without a health check"),
    RESTARTS("restarts", Scope.SERVICE, "automatic restarts since the last start by hand (a counter)"),
    COPIES("copies", Scope.SERVICE, "copies of the service running: the supervised one plus duplicates"),
    PID_FILE_ERRORS("pidFileErrors", Scope.SERVICE, "stale or corrupt PID files of the service"),
    STALE("stale", Scope.SERVICE, "1 while a code file on disk is newer than the service's process (it runs "
            + "older code), else 0; no data while no process of it runs"),
    CPU("cpu", Scope.SERVICE, "CPU of the process tree, percent of one core"),
    RSS("rss", Scope.SERVICE, "resident memory of the process tree, bytes"),
    PROBE_LATENCY("probeLatency", Scope.SERVICE, "duration of the latest health probe, seconds"),
    PROBE_FAILURE_RATIO("probeFailureRatio", Scope.SERVICE, "share of the last 10 health probes (of the last minute) that failed, 0..1"),
    HOST_CPU("host.cpu", Scope.HOST, "CPU busy share of the host, percent"),
    HOST_MEMORY("host.memory", Scope.HOST, "used physical memory, percent"),
    HOST_LOAD1("host.load1", Scope.HOST, "1-minute load average; no data on Windows"),
    STATE_DIR_FREE("stateDir.free", Scope.HOST, "free space of the file system holding the state dir "
            + "(logs, events.log, the database), percent"),
    API_ERROR_RATIO("api.errorRatio", Scope.API, "share of API responses with a 5xx status, 0..1"),
    API_RATE_LIMITED_SHARE("api.rateLimitedShare", Scope.API, "share of API requests answered 429, 0..1"),
    API_LATENCY_P99("api.latencyP99", Scope.API, "99th percentile API latency, seconds; the worst route "
            + "unless the rule names a route"),
    API_RATE_LIMIT_STORE_DOWN("api.rateLimitStoreDown", Scope.API, "1 while the shared rate-limit store "
            + "(rateLimits.store) does not answer and its fallback decides, else 0; no data with local buckets");

    /** What a metric is about, and so which of {@code service}/{@code route} a rule gives. */
    public enum Scope { SERVICE, HOST, API }

    private final String key;
    private final Scope scope;
    private final String meaning;

    Metric(String key, Scope scope, String meaning) {
        this.key = key;
        this.scope = scope;
        this.meaning = meaning;
    }

    /** The name written in {@code metric:}. */
    public String key() {
        return key;
    }

    public Scope scope() {
        return scope;
    }

    /** What it measures, for docs and messages. */
    public String meaning() {
        return meaning;
    }

    /** The metric written as {@code key}, if there is one. */
    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }

    /** Every key, for "did you mean" messages. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Metric::key).toList());
    }

    @Override
    public String toString() {
        return key;
    }
}
