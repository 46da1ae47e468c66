package io.warden.supervisor;

import io.warden.os.HostClock;

import io.warden.supervisor.doctor.PortCheck;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Spawner;
import io.warden.supervisor.process.Watchdog;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The supervision engine's facade: the API and the CLI call only this.
 *
 * <p>Every service is guarded by an instance lock in the state directory ({@code NAME.lock},
 * {@code NAME.pid}, the same as {@code warden run --name NAME}); a service whose lock is held by a
 * process this supervisor does not run is not started, and its state says so. A child left
 * running by a previous daemon (killed with kill -9) is adopted, matched by PID and start instant,
 * never started twice.
 *
 * <p>{@link #close()} stops every service (a clean daemon shutdown); a daemon that dies without it
 * leaves them running for the next one to adopt. What belongs to the whole process (the child
 * subreaper, the scheduler's thread, the probes' HTTP client) is the composition root's: it hands
 * them in through the {@link SupervisorBuilder} and closes them after the supervisor.
 *
 * <p>Thread safety: all methods may be called from any thread. {@code start}, {@code stop} and
 * {@code restart} block until the action is done (a stop up to the stop timeout plus the KILL);
 * call them on virtual threads.
 */
public final class Supervisor implements AutoCloseable {

    /** How long a start by hand waits for its dependencies before it answers (the CLI waits 60 s). */
    public static final Duration DEPENDENCY_PATIENCE = Duration.ofSeconds(50);

    private final ServiceSet services;
    private final EventLog events;
    private final StopMarks stopMarks;
    private final HostClock clock;
    private final LogFiles logFiles;
    private final AtomicBoolean closing = new AtomicBoolean();

    Supervisor(SupervisorBuilder builder) {
        Path stateDir = builder.stateDir.toAbsolutePath();
        this.clock = builder.clock;
        this.logFiles = new LogFiles(stateDir, name -> spec(name).logs());
        this.stopMarks = new StopMarks(stateDir, this::specOrNull, builder.clock);
        this.events = new EventLog(builder.stateDir, builder.eventCapacity, builder.eventLog);
        RunnerContext context = new RunnerContext(stateDir, builder.baseDir.toAbsolutePath(), builder.clock,
                builder.random, events, ProcessTree.platform(), Spawner.platform(), builder.probes, builder.scheduler,
                builder.holderCommand, builder.version, ConcurrentHashMap.newKeySet(), builder.gate, Watchdog.platform(),
                closing::get);
        this.services = new ServiceSet(builder.specs, context);
    }

    /** A builder over validated specs ({@link io.warden.supervisor.spec.ServiceSpecs#validate}) and the state dir. */
    public static SupervisorBuilder builder(Map<String, ServiceSpec> specs, Path stateDir) {
        return new SupervisorBuilder(specs, stateDir);
    }

    /**
     * Starts every service in dependency order, each as soon as its dependencies reach their
     * condition ({@code started} or {@code healthy}); adopts survivors of a previous daemon. This
     * is the start with the daemon: a service with restart policy {@code unless-stopped} that was
     * stopped by hand stays stopped (its dependants wait for it). Returns at once; the future
     * completes when every service was started (or given up on because a dependency failed).
     */
    public CompletableFuture<Void> startAll() {
        refuseWhenClosing("services");
        Map<String, CompletableFuture<Void>> launched = services.order(stopMarks).start(Set.copyOf(names()),
                name -> "started with all services", stopMarks::keptStopped);
        return CompletableFuture.allOf(launched.values().toArray(CompletableFuture[]::new));
    }

    /**
     * Starts every service by hand, in dependency order: like {@link #startAll()}, but services
     * stopped by hand are started too, and forget that stop.
     */
    public CompletableFuture<Void> startAllByHand() {
        refuseWhenClosing("services");
        Map<String, CompletableFuture<Void>> launched = services.order(stopMarks).start(Set.copyOf(names()),
                name -> "started by hand with all services", name -> Optional.empty());
        return CompletableFuture.allOf(launched.values().toArray(CompletableFuture[]::new));
    }

    /**
     * Starts one service by hand, after its {@code dependsOn} dependencies (recursively, each
     * reaching its condition), as {@code docker compose up NAME} does; adopts a survivor. A stop by
     * hand of any of them is forgotten. Blocks until the service was launched, at most
     * {@link #DEPENDENCY_PATIENCE} (then the start goes on, and the service is still
     * {@code starting}).
     *
     * @throws SupervisorException when a dependency failed or exited (the message names it), or
     *                             when the daemon is shutting down
     */
    public StartReport start(String name) {
        return startWithDependencies(name, "started by hand");
    }

    /**
     * Stops one service's whole process tree by hand; blocks until it is gone. Its dependants keep
     * running. With restart policy {@code unless-stopped} the stop is remembered across daemon
     * restarts.
     */
    public ServiceStatus stop(String name) {
        ServiceStatus status = runner(name).stop("stopped by hand");
        stopMarks.remember(name);
        return status;
    }

    /** Stops, then starts one service (after its dependencies, as {@link #start}); a failed service starts afresh. */
    public StartReport restart(String name) {
        return restart(name, "restarted by hand");
    }

    /**
     * Stops, then starts one service as {@link #start} does, with {@code why} as the reason of both
     * events (a restart on change names the file); between them waits up to the stop timeout for
     * the declared port to be free, so the new process can bind it. Restarts of one service run one
     * after the other.
     */
    public StartReport restart(String name, String why) {
        refuseWhenClosing(name);
        ServiceRunner target = runner(name);
        target.restarting.lock();
        try {
            target.stop(why);
            PortCheck.awaitFree(target.spec().port(), target.spec().stop().timeout());
            return startWithDependencies(name, why);
        } finally {
            target.restarting.unlock();
        }
    }

    /**
     * Records an event of {@code name} that changes no state ({@code from == to}): which code its
     * process runs, or that its files changed on disk since. Subscribers, {@code events.log} and
     * the API see it as any other event.
     */
    public void note(String name, String reason) {
        ServiceStatus status = runner(name).status();
        events.record(new ServiceEvent(clock.instant(), name, status.state(), status.state(), reason, status.pid(),
                null));
    }

    /**
     * Stops every service by hand, dependants before their dependencies, independent ones in
     * parallel; {@code unless-stopped} services remember the stop across daemon restarts.
     */
    public void stopAll() {
        services.order(stopMarks).stopAll("stopped by hand");
        services.roster().runners().keySet().forEach(stopMarks::remember);
    }

    private StartReport startWithDependencies(String name, String why) {
        runner(name); // an unknown name is refused before anything starts
        refuseWhenClosing(name);
        return services.order(stopMarks).startWithDependencies(name, why, DEPENDENCY_PATIENCE);
    }

    /**
     * Starts a cluster singleton whose lease this agent now holds (its {@link ClusterGate} admits it),
     * after its dependencies, as {@link #start} does; {@code why} names the epoch.
     */
    public StartReport lead(String name, String why) {
        return startWithDependencies(name, why);
    }

    /**
     * Stops a cluster singleton whose lease this agent lost or never held, and leaves it
     * {@code standby} with {@code why} (who holds it). Its stop signal goes to the whole tree, KILL
     * after its stop timeout or {@code killWithin}, whichever is shorter: the copy must be gone
     * before the lease ends. A service already standing by only takes the new reason.
     */
    public ServiceStatus standby(String name, String why, Duration killWithin) {
        return runner(name).standby(why, killWithin);
    }

    /** Tells a cluster singleton's watchdog that the lease was renewed (nothing when it does not run). */
    public void beat(String name) {
        runner(name).beat();
    }

    /**
     * Gives a service a new spec: stops its whole tree, then starts it with {@code spec} after its
     * dependencies, as {@link #start} does (blocking as long). Its dependants keep running, and
     * their order stays after it; its log and the log's followers carry on.
     *
     * @throws SupervisorException when the new spec would break the graph (an unknown dependency,
     *                             a cycle, ...), naming why; nothing was stopped then
     */
    public StartReport replace(String name, ServiceSpec spec) {
        refuseWhenClosing(name);
        services.replace(name, spec);
        return startWithDependencies(name, "started with a new spec");
    }

    /** Adds a service and starts it as {@link #start} does; a taken name or a broken graph is refused. */
    public StartReport add(String name, ServiceSpec spec) {
        refuseWhenClosing(name);
        services.add(name, spec);
        return startWithDependencies(name, "started as a new service");
    }

    /** Stops a service's tree and forgets it (its logs stay); refused while another depends on it. */
    public ServiceStatus remove(String name) {
        ServiceStatus status = services.remove(name);
        stopMarks.forget(name);
        return status;
    }

    /** Snapshots of every service, in declaration order. */
    public List<ServiceStatus> services() {
        return services.roster().runners().values().stream().map(ServiceRunner::status).toList();
    }

    /** A snapshot of one service. */
    public ServiceStatus service(String name) {
        return runner(name).status();
    }

    /** The spec a service runs with. */
    public ServiceSpec spec(String name) {
        return runner(name).spec();
    }

    /** The root process of every running service, by name, for sampling the process trees. */
    public Map<String, ProcessId> processes() {
        Map<String, ProcessId> processes = new LinkedHashMap<>();
        services.roster().runners().forEach((name, runner) -> runner.process()
                .ifPresent(id -> processes.put(name, id)));
        return processes;
    }

    /** The root process of one service; empty when it does not run. */
    public Optional<ProcessId> process(String name) {
        return runner(name).process();
    }

    /** The services' log files, read by name whether a service runs or not. */
    public LogFiles logFiles() {
        return logFiles;
    }

    /**
     * Calls {@code follower} with every line the service prints from now on, across restarts, on
     * the capturing thread: it must hand the line off at once (a slow follower delays the log,
     * never the child). A follower that throws is removed.
     *
     * @return closing it stops the delivery
     * @throws ServiceNotFoundException for an unknown name
     */
    public AutoCloseable follow(String name, Consumer<LogLine> follower) {
        return runner(name).follow(Objects.requireNonNull(follower, "follower"));
    }

    /** Events after {@code since} (all kept ones when null), oldest first; the latest 1,000 by default. */
    public List<ServiceEvent> events(Instant since) {
        return events.since(since);
    }

    /**
     * Appends an event of another part (an alert's transition) to {@code events.log}, in order
     * with the service events: {@code {"time":..,"kind":KIND, FIELDS...}}. Not kept in memory.
     */
    public void note(Instant time, String kind, Map<String, String> fields) {
        events.note(EventJson.note(Objects.requireNonNull(time, "time"), Objects.requireNonNull(kind, "kind"),
                new LinkedHashMap<>(fields)));
    }

    /** {@code events.log} in the state directory: every event as a JSON line. */
    public Path eventsFile() {
        return events.file();
    }

    /**
     * Calls {@code listener} on every event, in order, on the supervisor's event thread (the one
     * that also writes {@code events.log}): it must not block, it would delay the events after.
     *
     * @return closing it unsubscribes
     */
    public AutoCloseable subscribe(Consumer<ServiceEvent> listener) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** The service names in declaration order. */
    public List<String> names() {
        return List.copyOf(services.roster().runners().keySet());
    }

    /** Stops every service, then releases what the supervisor holds. */
    @Override
    public void close() {
        closing.set(true);
        try {
            services.order(stopMarks).stopAll("daemon shutdown");
        } finally {
            services.roster().runners().values().forEach(ServiceRunner::close);
            events.close();
        }
    }

    private ServiceSpec specOrNull(String name) {
        return services.specOrNull(name);
    }

    /** A start asked for while the daemon shuts down (a request in flight, say) is refused, not left running. */
    private void refuseWhenClosing(String what) {
        if (closing.get()) {
            throw new SupervisorException("the daemon is shutting down: " + what + " not started");
        }
    }

    private ServiceRunner runner(String name) {
        return services.runner(name);
    }
}
