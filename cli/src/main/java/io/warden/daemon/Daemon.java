package io.warden.daemon;

import io.github.bucket4j.TimeMeter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.warden.api.ApiServer;
import io.warden.api.ComponentHealth;
import io.warden.api.HealthRoutes;
import io.warden.api.MetricsRoutes;
import io.warden.api.auth.AdminToken;
import io.warden.api.auth.Tokens;
import io.warden.api.limit.ClientAddress;
import io.warden.api.limit.RateLimiter;
import io.warden.api.route.Guard;
import io.warden.api.route.RequestMetrics;
import io.warden.api.route.Route;
import io.warden.api.route.RouteTable;
import io.warden.config.ConfigMapper;
import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Warden daemon: its instance lock in the state directory and the API. The object graph
 * is built by hand here and nowhere else. Thread safety: {@link #close()} may be called from any
 * thread, once or more.
 */
public final class Daemon implements AutoCloseable {

    /** The daemon's own instance name; no service may use it. */
    public static final String LOCK_NAME = "warden";

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final InstanceLock lock;
    private final List<AutoCloseable> parts;
    private final RouteTable routes;
    private final int port;
    private boolean closed;

    private Daemon(InstanceLock lock, List<AutoCloseable> parts, RouteTable routes, int port) {
        this.lock = lock;
        this.parts = parts;
        this.routes = routes;
        this.port = port;
    }

    /**
     * Takes the daemon lock for {@code stateDir} and starts serving.
     *
     * @param command how the daemon was started, for the PID file
     * @throws io.warden.lock.AlreadyRunningException when a daemon already runs on this state dir
     */
    public static Daemon start(WardenConfig config, Path stateDir, String command, String version) {
        PidRecord self = PidRecord.ofCurrentProcess(command, config.server().port(), version);
        InstanceLock lock = InstanceLock.acquire(stateDir, LOCK_NAME, self);
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            RateLimiter limiter = new RateLimiter(config.rateLimits(), TimeMeter.SYSTEM_NANOTIME);
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("warden-housekeeping").daemon().factory());
            housekeeping.scheduleWithFixedDelay(limiter::evictIdle, 1, 1, TimeUnit.MINUTES);
            parts.add(housekeeping::shutdownNow);

            Tokens tokens = Tokens.of(config.auth().tokens(), AdminToken.loadOrCreate(lock.lockFile().getParent()));
            Guard guard = new Guard(tokens, limiter, new ClientAddress(config.server().trustedProxies()),
                    ConfigMapper.create(), config.server().maxBodySize().bytes(), new RequestMetrics(registry));

            Map<String, Supplier<ComponentHealth>> components = new LinkedHashMap<>();
            components.put("lock", () -> lock.isHeld() ? ComponentHealth.up(lock.lockFile().toString())
                    : ComponentHealth.down("instance lock lost"));
            List<Route> routes = new ArrayList<>();
            routes.addAll(new HealthRoutes(components).routes());
            routes.addAll(new MetricsRoutes(registry).routes());
            RouteTable table = RouteTable.of(routes, config.auth().publicRoutes());

            ApiServer api = ApiServer.start(config.server(), table, guard);
            parts.addFirst(api);
            if (api.port() != config.server().port()) {
                lock.update(lock.record().withPort(api.port()));
            }
            LOG.info("Warden {} listening on http://{}:{} (state dir {})", version, config.server().host(),
                    api.port(), lock.lockFile().getParent());
            return new Daemon(lock, parts, table, api.port());
        } catch (RuntimeException e) {
            closeAll(parts);
            lock.close();
            throw e;
        }
    }

    /** Every route the API serves, with its scope and rate class. */
    public RouteTable routes() {
        return routes;
    }

    /** The port the API listens on. */
    public int port() {
        return port;
    }

    /** Stops serving and releases the lock (the PID file goes with it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(parts);
        lock.close();
        LOG.info("Warden stopped");
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
    }
}
