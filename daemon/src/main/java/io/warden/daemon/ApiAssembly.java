package io.warden.daemon;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.warden.api.ComponentHealth;
import io.warden.api.HealthRoutes;
import io.warden.api.MetricsRoutes;
import io.warden.api.auth.AdminToken;
import io.warden.api.dashboard.DashboardRoutes;
import io.warden.api.doctor.DoctorRoutes;
import io.warden.api.fleet.HostRoutes;
import io.warden.api.auth.Tokens;
import io.warden.api.deploy.ConfigRoutes;
import io.warden.api.deploy.DeployRoutes;
import io.warden.api.limit.ClientAddress;
import io.warden.api.limit.RateLimiter;
import io.warden.api.limit.SharedBuckets;
import io.warden.api.route.Guard;
import io.warden.api.route.RequestMetrics;
import io.warden.api.route.Route;
import io.warden.api.route.RouteTable;
import io.warden.api.governance.AssessmentRoutes;
import io.warden.api.services.ServiceCode;
import io.warden.api.services.ServiceMeters;
import io.warden.api.services.ServiceRoutes;
import io.warden.api.stream.StreamHub;
import io.warden.api.system.SampleMeters;
import io.warden.api.system.SystemRoutes;
import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import io.warden.fleet.Fleet;
import io.warden.fleet.HeartbeatHealth;
import io.warden.lock.InstanceLock;
import io.warden.metrics.MetricsSampler;
import io.warden.os.HostClock;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.doctor.Doctor;
import io.warden.supervisor.doctor.HostScanner;
import io.warden.supervisor.identity.CodeStamps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The API's half of the composition root: guard, route table and what they need; what of them
 * {@code warden apply} changes at runtime (tokens, rate limits, alert rules and receivers).
 */
final class ApiAssembly implements ConfigApply.Runtime, AutoCloseable {

    private final Guard guard;
    private final RouteTable routes;
    private final ScheduledExecutorService housekeeping;
    private final MetricsSampler.Subscription sampleMeters;
    private final ServiceMeters serviceMeters;
    private final StreamHub streams;
    private final AutoCloseable hangUps;
    private final AlertsPart alerts;
    private final RateLimiter limiter;
    private final String adminToken;

    ApiAssembly(WardenConfig config, Path baseDir, InstanceLock lock, Supervisor supervisor, MetricsSampler sampler,
                GovernancePart governance, DeployPart deploys, ConfigApply apply, String version, HostClock clock,
                CodeStamps stamps, ProbeWindows probes, Fleet fleet) {
        Path state = lock.lockFile().getParent();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        limiter = new RateLimiter(config.rateLimits(), RateLimiter.monotonic(clock),
                SharedBuckets.open(config.rateLimits(), config.storage().url(), clock));
        housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warden-housekeeping").daemon().factory());
        housekeeping.scheduleWithFixedDelay(limiter::evictIdle, 1, 1, TimeUnit.MINUTES);

        sampleMeters = SampleMeters.bind(sampler, registry);
        ConfigMapper mapper = ConfigMapper.create();
        adminToken = AdminToken.loadOrCreate(state);
        Tokens tokens = Tokens.of(FleetPart.tokens(config), adminToken);
        RequestMetrics requestMetrics = new RequestMetrics(registry, clock);
        hangUps = HangUpFilter.install(requestMetrics);
        guard = new Guard(tokens, limiter, new ClientAddress(config.server().trustedProxies()), mapper,
                config.server().maxBodySize().bytes(), requestMetrics);

        List<Route> all = new ArrayList<>();
        all.addAll(new HealthRoutes(components(lock, supervisor, sampler, governance, limiter, clock, fleet)).routes());
        all.addAll(new MetricsRoutes(registry).routes());
        all.addAll(new SystemRoutes(sampler, mapper.jsonMapper(),
                () -> new LinkedHashSet<>(supervisor.names())).routes());
        Doctor doctor = Doctor.builder(config.services(), state).baseDir(baseDir).supervisor(supervisor)
                .json(mapper.jsonMapper()).holder("warden up (doctor fix)", version).build();
        all.addAll(new ServiceRoutes(supervisor, supervisor.logFiles()::tail,
                ServiceCode.of(stamps, doctor::diagnose, HostScanner.platform())).routes());
        all.addAll(new DoctorRoutes(doctor).routes());
        serviceMeters = ServiceMeters.bind(supervisor, doctor::diagnose, config.metrics().doctorInterval(), registry,
                stamps::stale);
        all.addAll(new AssessmentRoutes(governance::service).routes());
        all.addAll(new DeployRoutes(deploys::deployer, supervisor::spec, apply::update).routes());
        all.addAll(new ConfigRoutes(apply).routes());
        all.addAll(new HostRoutes(fleet).routes());
        streams = new StreamHub(sampler, supervisor, mapper.jsonMapper(), guard, config.stream(), registry);
        all.add(streams.route());
        alerts = AlertsPart.open(config, state, clock, supervisor, sampler, serviceMeters::latestScan, probes,
                stamps::stamp, requestMetrics, streams, registry, limiter);
        all.addAll(alerts.routes());
        deploys.observe(alerts.metrics(), DeployPart.announce(supervisor, streams), alerts.poster());
        all.addAll(DashboardRoutes.load(this::routes).routes());
        routes = RouteTable.of(all, config.auth().publicRoutes());
    }

    @Override
    public Runnable prepare(String file, WardenConfig current, WardenConfig next) {
        Tokens tokens;
        try {
            tokens = Tokens.of(FleetPart.tokens(next), adminToken);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, 0, "auth.tokens", e.getMessage());
        }
        boolean alertsChanged = ConfigDiff.alertsChanged(current, next);
        List<io.warden.alerts.rule.AlertRule> rules = next.alertRules();
        return () -> {
            guard.reload(tokens, next.rateLimits());
            if (alertsChanged) {
                alerts.reconfigure(next.alerts(), rules);
            }
        };
    }

    Guard guard() {
        return guard;
    }

    RouteTable routes() {
        return routes;
    }

    StreamHub streams() {
        return streams;
    }

    @Override
    public void close() {
        alerts.close();
        streams.close();
        sampleMeters.close();
        serviceMeters.close();
        housekeeping.shutdownNow();
        try {
            hangUps.close();
        } catch (Exception e) {
            throw new IllegalStateException(e); // removing a filter from a list does not fail
        }
        limiter.close();
    }

    private static Map<String, Supplier<ComponentHealth>> components(InstanceLock lock, Supervisor supervisor,
                                                                     MetricsSampler sampler,
                                                                     GovernancePart governance, RateLimiter limiter,
                                                                     HostClock clock, Fleet fleet) {
        Map<String, Supplier<ComponentHealth>> components = new LinkedHashMap<>();
        components.put("lock", () -> lock.isHeld() ? ComponentHealth.up(lock.lockFile().toString())
                : ComponentHealth.down("instance lock lost"));
        components.put("supervisor", () -> {
            List<String> failed = supervisor.services().stream().filter(s -> s.state() == ServiceState.FAILED)
                    .map(s -> s.name()).toList();
            return failed.isEmpty() ? ComponentHealth.up(supervisor.names().size() + " service(s)")
                    : ComponentHealth.down("failed: " + String.join(", ", failed));
        });
        components.put("metrics", () -> sampler.latest()
                .filter(sample -> Duration.between(sample.at(), clock.instant()).compareTo(
                        sampler.settings().interval().multipliedBy(5)) < 0)
                .map(sample -> ComponentHealth.up("sample #" + sample.sequence()))
                .orElse(ComponentHealth.down("no recent sample")));
        components.put("governance", governance::health);
        components.put("rateLimits", limiter::health);
        if (fleet.shared()) { // with SQLite the fleet is this agent alone: nothing to heartbeat
            components.put("fleet", () -> {
                HeartbeatHealth heartbeat = fleet.heartbeatHealth();
                return new ComponentHealth(heartbeat.current(), "postgresql, " + heartbeat.detail());
            });
        }
        return components;
    }
}
