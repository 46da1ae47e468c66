package io.warden.daemon;

import io.warden.api.ApiServer;
import io.warden.api.deploy.ApplyPlan;
import io.warden.cluster.Cluster;
import io.warden.config.ConfigMapper;
import io.warden.fleet.Fleet;
import io.warden.governance.approval.Approver;
import io.warden.api.route.RouteTable;
import io.warden.api.stream.StreamHub;
import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import io.warden.metrics.MetricsSampler;
import io.warden.os.HostClock;
import io.warden.supervisor.ClusterGate;
import io.warden.supervisor.Scheduler;
import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.health.ProbeListener;
import io.warden.supervisor.process.Subreaper;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.identity.CodeStamps;
import io.warden.supervisor.watch.ServiceWatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Warden daemon: its instance lock in the state directory, the supervisor and its
 * services, the metrics sampler and the API. The object graph is built by hand here and in
 * {@link ApiAssembly}, nowhere else. Thread safety: {@link #close()} may be called from any
 * thread, once or more.
 */
public final class Daemon implements AutoCloseable {

    /** The daemon's own instance name; no service may use it. */
    public static final String LOCK_NAME = "warden";

    /** The exit status when the API's listener is lost: 1, a failure a service manager restarts. */
    static final int LISTENER_LOST_EXIT = 1;

    /**
     * Looked up on first use, not when the class loads: the first lookup configures Logback (about
     * 1,000 classes with its XML parser), and the services start before that.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    }

    private final InstanceLock lock;
    private final List<AutoCloseable> parts;
    private final Supervisor supervisor;
    private final RouteTable routes;
    private final StreamHub streams;
    private final ConfigApply apply;
    private final int port;
    private boolean closed;

    private Daemon(InstanceLock lock, List<AutoCloseable> parts, Supervisor supervisor, RouteTable routes,
                   StreamHub streams, ConfigApply apply, int port) {
        this.lock = lock;
        this.parts = parts;
        this.supervisor = supervisor;
        this.routes = routes;
        this.streams = streams;
        this.apply = apply;
        this.port = port;
    }

    /**
     * Takes the daemon lock for {@code stateDir}, starts the services in dependency order (adopting
     * those a killed daemon left running) in the background, then the sampler and the API.
     *
     * @param baseDir relative service workdirs are resolved against it (the config file's folder)
     * @param command how the daemon was started, for the PID file
     * @throws io.warden.lock.AlreadyRunningException when a daemon already runs on this state dir
     */
    public static Daemon start(WardenConfig config, Path baseDir, Path stateDir, String command, String version) {
        return start(config, baseDir, stateDir, command, version, event -> { });
    }

    /**
     * As above; {@code onEvent} hears every service event from before the first start on (on the
     * supervisor's event thread: it must not block), so {@code warden up} can say each start.
     */
    public static Daemon start(WardenConfig config, Path baseDir, Path stateDir, String command, String version,
                               Consumer<ServiceEvent> onEvent) {
        PidRecord self = PidRecord.ofCurrentProcess(command, config.server().port(), version);
        InstanceLock lock = InstanceLock.acquire(stateDir, LOCK_NAME, self);
        Path state = lock.lockFile().getParent();
        // Closed in reverse order of creation: API first, then the governance store (no request
        // uses it any more), services before the sampler, lock last.
        List<AutoCloseable> parts = new ArrayList<>();
        HostClock clock = HostClock.system(); // the one clock every part below reads time from
        try {
            ApiServer.checkPort(config.server()); // before any service starts: nothing half-started
            String agentId = FleetPart.agentId(state);
            GovernancePart governance = GovernancePart.open(config, state, clock);
            parts.addFirst(governance);
            DeployPart deploys = new DeployPart(config, governance, clock, agentId);
            ProbeWindows probes = new ProbeWindows(clock); // every probe's result, for the alerts
            // The cluster's leases before the supervisor, which asks them; closed after it, so a
            // lease ends (and another agent takes over at once) only once its copy is stopped.
            Cluster cluster = config.singletons().isEmpty() ? null : Cluster.open(config.cluster(),
                    config.storage().jdbcUrl(state), Cluster.holderId(agentId), config.singletons(), clock);
            if (cluster != null) {
                parts.addFirst(cluster);
            }
            Supervisor supervisor = supervisor(config, deploys.startSpecs(), baseDir, state, command, version, clock,
                    probes, cluster == null ? ClusterGate.NONE : cluster, parts);
            parts.addFirst(deploys); // its watches stop before the services do
            parts.addFirst(supervisor.subscribe(onEvent));
            // Services first: creating the sampler (OSHI), its first readings and the API's
            // start-up take seconds on a small machine, and a service need not wait for them. startAll returns at once; the services start on virtual threads.
            try {
                supervisor.startAll();
            } catch (RuntimeException e) {
                Log.LOG.error("starting the services failed: {}", e.getMessage(), e);
            }
            if (cluster != null) {
                cluster.start(supervisor);
            }
            // The development loop (issue 21): restarts on change, and which code each process runs.
            CodeStamps stamps = CodeStamps.start(supervisor, config.services(), baseDir, state,
                    config.metrics().interval(), clock);
            parts.addFirst(stamps);
            parts.addFirst(ServiceWatches.start(supervisor, config.services(), baseDir, state));
            MetricsSampler sampler = MetricsSampler.create(config.metrics().samplerSettings(), clock);
            parts.add(parts.indexOf(supervisor) + 1, sampler); // closed after the services
            ProcessTracking tracking = new ProcessTracking(supervisor, sampler);
            parts.addFirst(tracking.follow());
            tracking.syncAll(); // those that started before the subscription; events tell the rest
            sampler.start();
            parts.addFirst(HeapTrim.start());

            Fleet fleet = FleetPart.open(config, agentId, version, supervisor, clock, parts);

            ConfigApply apply = new ConfigApply(config, supervisor, deploys, governance);
            ApiAssembly assembly = new ApiAssembly(config, baseDir, lock, supervisor, sampler, governance, deploys,
                    apply, version, clock, stamps, probes, fleet);
            apply.attach(assembly);
            deploys.recover(supervisor); // after observe(): a resumed watch reads the alerts' metrics
            ApiServer api = ApiServer.start(config.server(), assembly.routes(), assembly.guard(), assembly.streams(),
                    () -> listenerLost(config));
            parts.addFirst(api);
            parts.addFirst(assembly::close);
            if (api.port() != config.server().port()) {
                lock.update(lock.record().withPort(api.port()));
            }
            FleetPart.start(fleet, config, api.port());
            Log.LOG.info("Warden {} listening on http://{}:{} (state dir {}, {} service(s))", version,
                    config.server().host(), api.port(), state, config.services().size());
            return new Daemon(lock, parts, supervisor, assembly.routes(), assembly.streams(), apply, api.port());
        } catch (RuntimeException e) {
            closeAll(parts);
            lock.close();
            throw e;
        }
    }

    /**
     * A live daemon with a dead port is the worst state: `warden status` cannot reach it and a new
     * `warden up` is refused by the lock. So it ends at once, as if killed: the services keep
     * running, and a daemon restarted by the service manager (systemd Restart=on-failure) adopts
     * them. No close: closing would stop the services.
     */
    private static void listenerLost(WardenConfig config) {
        Log.LOG.error("the API listener on {}:{} stopped (see the web server's error above); exiting with status {} "
                + "so a service manager restarts Warden; the services keep running and are adopted",
                config.server().host(), config.server().port(), LISTENER_LOST_EXIT);
        Runtime.getRuntime().halt(LISTENER_LOST_EXIT);
    }

    /** Every route the API serves, with its scope and rate class. */
    public RouteTable routes() {
        return routes;
    }

    /** The WebSocket stream's topics and clients. */
    public StreamHub streams() {
        return streams;
    }

    /** The supervisor of this daemon's services. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /**
     * Re-reads {@code file} and applies the difference, as {@code warden apply} does (SIGHUP).
     *
     * @return a line per service changed ({@code beta change}, {@code gamma remove failed: ...}), one
     *         per change of a reloaded section ({@code auth.tokens: + bob (read)}), and one naming the
     *         keys that need a restart, if any
     * @throws io.warden.config.ConfigException          when it fails validation: nothing changed
     * @throws io.warden.deploy.DeployRefusedException when the policy refuses a change: nothing changed
     */
    public List<String> apply(Path file) {
        ApplyPlan plan = apply.apply(file.toString(), ConfigMapper.readText(file), false,
                Approver.of("warden (SIGHUP)"));
        List<String> lines = new ArrayList<>();
        plan.services().stream().filter(change -> !change.action().equals("unchanged"))
                .forEach(change -> lines.add(change.service() + " " + change.action()
                        + (change.error() == null ? "" : " failed: " + change.error())));
        plan.reloaded().forEach(section -> section.changes().forEach(change -> lines.add(section.section() + ": "
                + change)));
        if (!plan.needsRestart().isEmpty()) {
            lines.add("needs a restart (read at start only): " + String.join(", ", plan.needsRestart()));
        }
        return lines;
    }

    /** The port the API listens on. */
    public int port() {
        return port;
    }

    /** Stops serving, stops the services, and releases the lock (the PID file goes with it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(parts);
        lock.close();
        Log.LOG.info("Warden stopped");
    }

    /**
     * The supervisor, with what it borrows from the process: the child subreaper (a flag of the
     * process, never cleared), one scheduler thread for restarts and housekeeping, and the probes'
     * HTTP client, which tells {@code listener} every probe's result. Each is added to {@code parts}
     * so that it closes after the supervisor.
     */
    private static Supervisor supervisor(WardenConfig config, Map<String, ServiceSpec> specs, Path baseDir,
                                         Path state, String command, String version, HostClock clock,
                                         ProbeListener listener, ClusterGate gate,
                                         List<AutoCloseable> parts) {
        Subreaper.enable();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "warden-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        parts.addFirst(scheduler::shutdownNow);
        ProbeClient probes = new ProbeClient(listener);
        parts.addFirst(probes);
        Supervisor supervisor = Supervisor.builder(specs, state)
                .scheduler(Scheduler.of(scheduler))
                .probes(probes)
                .clock(clock)
                .baseDir(baseDir)
                .holder(command, version)
                .eventLog(config.events())
                .clusterGate(gate)
                .build();
        parts.addFirst(supervisor);
        return supervisor;
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                Log.LOG.warn("while stopping: {}", e.toString());
            }
        }
    }
}
