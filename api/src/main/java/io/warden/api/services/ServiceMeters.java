package io.warden.api.services;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.doctor.Diagnosis;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The supervisor's view of each service on {@code /metrics}: {@code warden_service_up},
 * {@code _state} (one-hot, as kube-state-metrics does), {@code _healthy},
 * {@code _restarts_total}, {@code _last_exit_code} and {@code _copies}. A scrape reads a snapshot
 * of the statuses, read again on a thread of its own after every service event. Copies are the supervised process plus the
 * duplicates and orphans the doctor lists: that needs a scan of every process on the host, so it
 * runs on its own thread every {@code scanInterval} and a scrape shows the latest.
 *
 * <p>Thread safety: scrapes from any thread; the scan on its own.
 */
public final class ServiceMeters implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceMeters.class.getName());

    private final Supervisor supervisor;
    private final Supplier<Diagnosis> doctor;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("warden-service-meters").factory());
    /** The restart count of each status last read; touched by the refresher only. */
    private final Map<String, Integer> restartsSeen = new HashMap<>();
    private final AutoCloseable events;
    private final ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("warden-copies-scan").factory());
    private volatile Map<String, ServiceStatus> statuses = Map.of();
    private final Map<String, AtomicLong> restarts = new ConcurrentHashMap<>();
    /** Per service, the whole trees running its command outside supervision at the latest scan. */
    private volatile Map<String, Integer> strays = Map.of();
    /** The latest scan, shared with the alerts so that the host is scanned once per interval. */
    private volatile Diagnosis latestScan;

    private ServiceMeters(Supervisor supervisor, Supplier<Diagnosis> doctor) {
        this.supervisor = supervisor;
        this.doctor = doctor;
        this.events = supervisor.subscribe(this::onEvent);
    }

    /**
     * Registers the meters of every configured service and starts the copies scan.
     *
     * @param doctor       a diagnosis of the host ({@code Doctor::diagnose})
     * @param scanInterval how often copies are counted again
     */
    public static ServiceMeters bind(Supervisor supervisor, Supplier<Diagnosis> doctor, Duration scanInterval,
                                     MeterRegistry registry) {
        return bind(supervisor, doctor, scanInterval, registry, name -> false);
    }

    /**
     * As above, with {@code warden_service_stale}: 1 while the service's code files on disk are
     * newer than its process ({@code CodeStamps::stale}).
     */
    public static ServiceMeters bind(Supervisor supervisor, Supplier<Diagnosis> doctor, Duration scanInterval,
                                     MeterRegistry registry, java.util.function.Predicate<String> stale) {
        ServiceMeters meters = new ServiceMeters(supervisor, doctor);
        meters.refresher.execute(meters::refresh);
        List<String> names = List.copyOf(supervisor.names());
        meters.gauge(registry, names, "warden.service.up", "1 while the service's process runs (running, healthy "
                + "or unhealthy), else 0", s -> s.state() == ServiceState.RUNNING || s.state() == ServiceState.HEALTHY
                || s.state() == ServiceState.UNHEALTHY ? 1 : 0);
        meters.gauge(registry, names, "warden.service.healthy", "1 while the service passes its health check, else 0",
                s -> s.state() == ServiceState.HEALTHY ? 1 : 0);
        meters.gauge(registry, names, "warden.service.last.exit.code", "exit code of the service's last run, "
                + "NaN before it first exits", s -> s.lastExitCode() == null ? Double.NaN : s.lastExitCode());
        meters.gauge(registry, names, "warden.service.copies", "copies of the service running: the supervised one "
                + "plus duplicates and orphans outside supervision (found by the doctor's scan)",
                s -> (s.pid() == null ? 0 : 1) + meters.strays.getOrDefault(s.name(), 0));
        meters.gauge(registry, names, "warden.service.stale", "1 while the service's code files on disk are newer "
                + "than its process (it serves older code), else 0", s -> stale.test(s.name()) ? 1 : 0);
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        for (String name : names) {
            for (ServiceState state : ServiceState.values()) {
                states.add(MultiGauge.Row.of(Tags.of("service", name, "state", state.wireName()), meters,
                        m -> m.read(name, s -> s.state() == state ? 1 : 0)));
            }
            FunctionCounter.builder("warden.service.restarts", meters, m -> m.restarts(name))
                    .description("restarts of the service by its restart policy since the daemon started (not by hand)")
                    .tags("service", name).register(registry);
        }
        MultiGauge.builder("warden.service.state").description("1 for the service's current state, 0 for the others")
                .register(registry).register(states);
        meters.scans.scheduleWithFixedDelay(meters::scan, 0, scanInterval.toMillis(), TimeUnit.MILLISECONDS);
        return meters;
    }

    private void gauge(MeterRegistry registry, List<String> names, String metric, String description,
                       ToDoubleFunction<ServiceStatus> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(MultiGauge.Row.of(Tags.of("service", name), this, m -> m.read(name, value)));
        }
        MultiGauge.builder(metric).description(description).register(registry).register(rows);
    }

    /** On the event's thread, which may hold the service's lock: the snapshot is read on another. */
    private void onEvent(ServiceEvent event) {
        if (refreshQueued.compareAndSet(false, true)) {
            refresher.execute(this::refresh);
        }
    }

    /**
     * Reads every status again. The restart counter is kept here, not read from the status, whose
     * count starts again at 0 at each start by hand: a Prometheus counter only goes up, so a count
     * lower than the last one seen is counted as restarts since such a start.
     */
    private void refresh() {
        refreshQueued.set(false);
        Map<String, ServiceStatus> fresh = new LinkedHashMap<>();
        for (ServiceStatus status : supervisor.services()) {
            fresh.put(status.name(), status);
            int seen = restartsSeen.getOrDefault(status.name(), 0);
            int now = status.restarts();
            restarts.computeIfAbsent(status.name(), name -> new AtomicLong()).addAndGet(now >= seen ? now - seen : now);
            restartsSeen.put(status.name(), now);
        }
        statuses = fresh;
    }

    private double restarts(String service) {
        AtomicLong count = restarts.get(service);
        return count == null ? 0 : count.get();
    }

    private double read(String service, ToDoubleFunction<ServiceStatus> value) {
        ServiceStatus status = statuses.get(service);
        return status == null ? Double.NaN : value.applyAsDouble(status);
    }

    private void scan() {
        try {
            Map<String, Integer> found = new HashMap<>();
            Diagnosis diagnosis = doctor.get();
            for (Diagnosis.ServiceReport report : diagnosis.services()) {
                found.put(report.name(), report.duplicates().size() + report.orphans().size());
            }
            strays = found;
            latestScan = diagnosis;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot count copies of the services (warden_service_copies keeps the last "
                    + "count): " + e, e);
        }
    }

    /** The latest doctor scan (every {@code scanInterval}), empty until the first one. */
    public java.util.Optional<Diagnosis> latestScan() {
        return java.util.Optional.ofNullable(latestScan);
    }

    @Override
    public void close() {
        scans.shutdownNow();
        refresher.shutdownNow();
        try {
            events.close();
        } catch (Exception e) {
            // closing a subscription does not fail
        }
    }
}
