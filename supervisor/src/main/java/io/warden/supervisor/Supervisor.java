package io.warden.supervisor;

import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.logs.LogChunk;
import io.warden.supervisor.logs.LogCursor;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.logs.ServiceLog;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Spawner;
import io.warden.supervisor.process.Subreaper;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.ServiceSpecs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

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
 * leaves them running for the next one to adopt.
 *
 * <p>Thread safety: all methods may be called from any thread. {@code start}, {@code stop} and
 * {@code restart} block until the action is done (a stop up to the stop timeout plus the KILL);
 * call them on virtual threads.
 */
public final class Supervisor implements AutoCloseable {

    /** How long a start by hand waits for its dependencies before it answers (the CLI waits 60 s). */
    public static final Duration DEPENDENCY_PATIENCE = Duration.ofSeconds(50);

    /** How the reason of a service not started because of a dependency begins. */
    private static final String DEPENDENCY_FAILED = "not started: dependency ";

    private static final Executor VIRTUAL = command -> Thread.ofVirtual().name("warden-start").start(command);

    private final Map<String, ServiceRunner> runners;
    private final List<String> startOrder;
    private final EventLog events;
    private final ScheduledExecutorService scheduler;
    private final ProbeClient http = new ProbeClient();
    private final Path stateDir;
    private final StopMarks stopMarks;
    private final Clock clock;
    private final AtomicBoolean closing = new AtomicBoolean();

    private Supervisor(Builder builder) {
        this.stateDir = builder.stateDir.toAbsolutePath();
        this.stopMarks = new StopMarks(stateDir);
        this.clock = builder.clock;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "warden-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.events = new EventLog(builder.stateDir, builder.eventCapacity, builder.eventLog);
        RunnerContext context = new RunnerContext(builder.stateDir.toAbsolutePath(), builder.baseDir.toAbsolutePath(),
                builder.clock, builder.random, events, ProcessTree.platform(), Spawner.platform(), http, scheduler,
                builder.holderCommand, builder.version, ConcurrentHashMap.newKeySet(), closing::get);
        Map<String, ServiceRunner> byName = new LinkedHashMap<>();
        builder.specs.forEach((name, spec) -> byName.put(name, new ServiceRunner(name, spec, context)));
        this.runners = Collections.unmodifiableMap(byName);
        this.startOrder = ServiceSpecs.startOrder(builder.specs);
        if (builder.subreaper) {
            Subreaper.enable();
        }
    }

    /**
     * A builder over validated specs (see {@link ServiceSpecs#validate}) and the state directory.
     */
    public static Builder builder(Map<String, ServiceSpec> specs, Path stateDir) {
        return new Builder(specs, stateDir);
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
        Map<String, CompletableFuture<Void>> launched = startInOrder(runners.keySet(), "started with all services",
                this::keptStopped);
        return CompletableFuture.allOf(launched.values().toArray(CompletableFuture[]::new));
    }

    /**
     * Starts every service by hand, in dependency order: like {@link #startAll()}, but services
     * stopped by hand are started too, and forget that stop.
     */
    public CompletableFuture<Void> startAllByHand() {
        refuseWhenClosing("services");
        Map<String, CompletableFuture<Void>> launched = startInOrder(runners.keySet(),
                "started by hand with all services", name -> Optional.empty());
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
        rememberStop(name);
        return status;
    }

    /** Stops, then starts one service (after its dependencies, as {@link #start}); a failed service starts afresh. */
    public StartReport restart(String name) {
        refuseWhenClosing(name);
        runner(name).stop("restart requested");
        return startWithDependencies(name, "restarted by hand");
    }

    // ---- watch (issue 21): a restart that says why, and waits for the declared port ----
    /**
     * Stops, then starts one service as {@link #restart(String)} does, with {@code why} as the
     * reason of both events (a restart on change names the file); between them waits up to the
     * stop timeout for the declared port to be free, so the new process can bind it.
     */
    public StartReport restart(String name, String why) {
        refuseWhenClosing(name);
        ServiceRunner target = runner(name);
        target.stop(why);
        io.warden.supervisor.doctor.PortCheck.awaitFree(target.spec().port(), target.spec().stop().timeout());
        return startWithDependencies(name, why);
    }
    // ---- end watch ----

    // ---- code stamps (issue 21): an event that changes no state ----
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
    // ---- end code stamps ----

    /**
     * Stops every service by hand, dependants before their dependencies, independent ones in
     * parallel; {@code unless-stopped} services remember the stop across daemon restarts.
     */
    public void stopAll() {
        stopInOrder("stopped by hand");
        runners.keySet().forEach(this::rememberStop);
    }

    private StartReport startWithDependencies(String name, String why) {
        ServiceRunner target = runner(name);
        refuseWhenClosing(name);
        Set<String> needed = withDependencies(name);
        List<String> notUp = startOrder.stream()
                .filter(other -> !other.equals(name) && needed.contains(other))
                .filter(other -> !runners.get(other).status().state().isUp())
                .toList();
        Map<String, CompletableFuture<Void>> launched = startInOrder(needed, other -> other.equals(name) ? why
                : "started by hand as a dependency of " + name, other -> Optional.empty());
        try {
            launched.get(name).get(DEPENDENCY_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Answered as it is: still starting, its reason names what it waits for.
        } catch (ExecutionException e) {
            throw new IllegalStateException("starting " + name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServiceStatus status = target.status();
        if (status.state() == ServiceState.FAILED && status.reason().startsWith(DEPENDENCY_FAILED)) {
            throw new SupervisorException(status.reason());
        }
        return new StartReport(status, notUp.stream().map(other -> runners.get(other).status()).toList());
    }

    /** {@code name} and everything it depends on, directly or not. */
    private Set<String> withDependencies(String name) {
        Set<String> needed = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(name));
        while (!pending.isEmpty()) {
            String next = pending.removeLast();
            if (needed.add(next)) {
                pending.addAll(runners.get(next).spec().dependsOn().conditions().keySet());
            }
        }
        return needed;
    }

    /**
     * The one dependency-ordered start: each of {@code names} (closed under dependencies) is
     * started as soon as its dependencies reach their conditions; one whose dependency failed is
     * failed, naming it. A service for which {@code kept} has a reason is not started (it says why).
     */
    private Map<String, CompletableFuture<Void>> startInOrder(Set<String> names, String why,
                                                              Function<String, Optional<String>> kept) {
        return startInOrder(names, name -> why, kept);
    }

    private Map<String, CompletableFuture<Void>> startInOrder(Set<String> names, Function<String, String> why,
                                                              Function<String, Optional<String>> kept) {
        Map<String, CompletableFuture<Void>> launched = new LinkedHashMap<>();
        Map<String, String> keptReasons = new HashMap<>();
        for (String name : startOrder) {
            if (!names.contains(name)) {
                continue;
            }
            ServiceRunner runner = runners.get(name);
            Optional<String> keptStopped = kept.apply(name);
            if (keptStopped.isPresent()) {
                keptReasons.put(name, keptStopped.get());
                runner.keptStopped(keptStopped.get());
                launched.put(name, CompletableFuture.completedFuture(null));
                continue;
            }
            Map<String, DependencyCondition> dependencies = runner.spec().dependsOn().conditions();
            if (dependencies.isEmpty()) {
                launched.put(name, CompletableFuture.runAsync(() -> started(name, why.apply(name)), VIRTUAL));
                continue;
            }
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            dependencies.forEach((dependency, condition) -> ready.add(launched.get(dependency)
                    .thenCompose(ignored -> reached(dependency, condition))));
            long ticket = runner.waiting("waiting for " + describe(dependencies, keptReasons));
            launched.put(name, CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .handleAsync((ignored, error) -> {
                        if (error != null) {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            runner.dependencyFailed(ticket, "not started: " + cause.getMessage());
                        } else {
                            forgetStop(name);
                            runner.startAfterWaiting(ticket, why.apply(name));
                        }
                        return null;
                    }, VIRTUAL));
        }
        return launched;
    }

    /** When {@code dependency} reaches {@code condition}; failed, naming it and why, when it will not. */
    private CompletableFuture<Void> reached(String dependency, DependencyCondition condition) {
        ServiceRunner runner = runners.get(dependency);
        return runner.whenReached(condition).exceptionallyCompose(error -> {
            ServiceStatus status = runner.status();
            return CompletableFuture.failedFuture(new SupervisorException(
                    "dependency " + dependency + " " + status.state() + ": " + status.reason()));
        });
    }

    private void started(String name, String why) {
        forgetStop(name);
        runners.get(name).start(why);
    }

    /** The reason a service stopped by hand stays stopped at the daemon's start, if it does. */
    private Optional<String> keptStopped(String name) {
        if (runners.get(name).spec().restart().policy() != RestartPolicy.UNLESS_STOPPED) {
            return Optional.empty();
        }
        return stopMarks.read(name).map(mark -> mark + "; restart policy unless-stopped keeps it stopped "
                + "until warden start " + name);
    }

    private void rememberStop(String name) {
        if (runners.get(name).spec().restart().policy() != RestartPolicy.UNLESS_STOPPED) {
            return;
        }
        try {
            stopMarks.mark(name, clock.instant());
        } catch (IOException e) {
            System.getLogger(Supervisor.class.getName()).log(System.Logger.Level.WARNING, "cannot remember the stop of "
                    + name + " in " + stopMarks.file(name) + " (" + e.getMessage() + "): it will be started with the "
                    + "next daemon");
        }
    }

    private void forgetStop(String name) {
        try {
            stopMarks.clear(name);
        } catch (IOException e) {
            System.getLogger(Supervisor.class.getName()).log(System.Logger.Level.WARNING, "cannot remove "
                    + stopMarks.file(name) + " (" + e.getMessage() + "): the next daemon may leave " + name + " stopped");
        }
    }

    private void stopInOrder(String why) {
        Map<String, CompletableFuture<Void>> stopped = new LinkedHashMap<>();
        for (String name : startOrder.reversed()) {
            List<CompletableFuture<Void>> dependants = new ArrayList<>();
            runners.forEach((other, runner) -> {
                if (runner.spec().dependsOn().conditions().containsKey(name)) {
                    dependants.add(stopped.get(other));
                }
            });
            stopped.put(name, CompletableFuture.allOf(dependants.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> runners.get(name).stop(why), VIRTUAL));
        }
        CompletableFuture.allOf(stopped.values().toArray(CompletableFuture[]::new)).join();
    }

    /** Snapshots of every service, in declaration order. */
    public List<ServiceStatus> services() {
        return runners.values().stream().map(ServiceRunner::status).toList();
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
        runners.forEach((name, runner) -> runner.process().ifPresent(id -> processes.put(name, id)));
        return processes;
    }

    /** The root process of one service; empty when it does not run. */
    public Optional<ProcessId> process(String name) {
        return runner(name).process();
    }

    /**
     * The last {@code lines} lines of a service's log (rotated files included), whether it runs
     * or not.
     *
     * @throws ServiceNotFoundException for an unknown name
     */
    public List<LogLine> tail(String name, int lines) {
        return ServiceLog.tail(stateDir, name, spec(name).logs(), lines);
    }

    /**
     * The last {@code lines} lines of a service's log and the cursor after them, to follow the log
     * from with {@link #readLog}.
     *
     * @throws ServiceNotFoundException for an unknown name
     */
    public LogChunk tailLog(String name, int lines) {
        return ServiceLog.tailAndCursor(stateDir, name, spec(name).logs(), lines);
    }

    /**
     * Whole lines of a service's log after {@code from} (about {@code maxBytes} at most), whether
     * it runs or not; see {@link ServiceLog#read}.
     *
     * @throws ServiceNotFoundException for an unknown name
     */
    public LogChunk readLog(String name, LogCursor from, int maxBytes) {
        return ServiceLog.read(stateDir, name, spec(name).logs(), from, maxBytes);
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
        return List.copyOf(runners.keySet());
    }

    /** Stops every service, then releases what the supervisor holds. */
    @Override
    public void close() {
        closing.set(true);
        try {
            stopInOrder("daemon shutdown");
        } finally {
            runners.values().forEach(ServiceRunner::close);
            scheduler.shutdownNow();
            events.close();
            http.close();
        }
    }

    /** A start asked for while the daemon shuts down (a request in flight, say) is refused, not left running. */
    private void refuseWhenClosing(String what) {
        if (closing.get()) {
            throw new SupervisorException("the daemon is shutting down: " + what + " not started");
        }
    }

    private ServiceRunner runner(String name) {
        ServiceRunner runner = runners.get(name);
        if (runner == null) {
            throw new ServiceNotFoundException(name, runners.keySet());
        }
        return runner;
    }

    private static String describe(Map<String, DependencyCondition> dependencies, Map<String, String> keptStopped) {
        List<String> parts = new ArrayList<>();
        dependencies.forEach((name, condition) -> parts.add(name + " (" + condition + ")"
                + (keptStopped.containsKey(name) ? ", which stays stopped until warden start " + name : "")));
        return String.join(", ", parts);
    }

    /** Options of a supervisor; every one but the specs and the state directory has a default. */
    public static final class Builder {
        private final Map<String, ServiceSpec> specs;
        private final Path stateDir;
        private Path baseDir = Path.of("");
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SplittableRandom();
        private String holderCommand = "warden up";
        private String version = "";
        private boolean subreaper = true;
        private int eventCapacity = 1000;
        private EventLogSettings eventLog = EventLogSettings.DEFAULT;

        private Builder(Map<String, ServiceSpec> specs, Path stateDir) {
            this.specs = new LinkedHashMap<>(Objects.requireNonNull(specs, "specs"));
            this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        }

        /** The folder relative workdirs are resolved against (the config file's); default the current one. */
        public Builder baseDir(Path dir) {
            this.baseDir = Objects.requireNonNull(dir);
            return this;
        }

        /** The clock for events, uptime and restart decisions; default UTC system clock. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock);
            return this;
        }

        /** The random source for backoff jitter; it must be safe to use from several threads' turns. */
        public Builder random(RandomGenerator newRandom) {
            this.random = Objects.requireNonNull(newRandom);
            return this;
        }

        /** What the PID files name as the holder's command, and its version. */
        public Builder holder(String command, String programVersion) {
            this.holderCommand = Objects.requireNonNull(command);
            this.version = Objects.requireNonNull(programVersion);
            return this;
        }

        /** Whether to make this JVM a child subreaper on Linux (default true). */
        public Builder subreaper(boolean enable) {
            this.subreaper = enable;
            return this;
        }

        /** How many events are kept in memory (default 1,000). */
        public Builder eventCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("eventCapacity must be at least 1, was " + capacity);
            }
            this.eventCapacity = capacity;
            return this;
        }

        /** When {@code events.log} is rotated and how many rotated files are kept (default 10MB, 3). */
        public Builder eventLog(EventLogSettings settings) {
            this.eventLog = Objects.requireNonNull(settings);
            return this;
        }

        public Supervisor build() {
            return new Supervisor(this);
        }
    }
}
