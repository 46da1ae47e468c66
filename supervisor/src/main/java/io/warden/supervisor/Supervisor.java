package io.warden.supervisor;

import io.warden.config.ConfigMapper;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.logs.ServiceLog;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Subreaper;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.ServiceSpecs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

    private static final Executor VIRTUAL = command -> Thread.ofVirtual().name("warden-start").start(command);

    private final Map<String, ServiceRunner> runners;
    private final List<String> startOrder;
    private final EventLog events;
    private final ScheduledExecutorService scheduler;
    private final HealthHttp http = new HealthHttp();
    private final Path stateDir;

    private Supervisor(Builder builder) {
        this.stateDir = builder.stateDir.toAbsolutePath();
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "warden-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.events = new EventLog(builder.stateDir, builder.eventCapacity, ConfigMapper.create().jsonMapper());
        RunnerContext context = new RunnerContext(builder.stateDir.toAbsolutePath(), builder.baseDir.toAbsolutePath(),
                builder.clock, builder.random, events, ProcessTree.platform(), http, scheduler,
                builder.holderCommand, builder.version);
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
     * condition ({@code started} or {@code healthy}); adopts survivors of a previous daemon.
     * Returns at once; the future completes when every service was started (or given up on
     * because a dependency failed).
     */
    public CompletableFuture<Void> startAll() {
        Map<String, CompletableFuture<Void>> launched = new LinkedHashMap<>();
        for (String name : startOrder) {
            ServiceRunner runner = runners.get(name);
            Map<String, DependencyCondition> dependencies = runner.spec().dependsOn().conditions();
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            dependencies.forEach((dependency, condition) -> ready.add(launched.get(dependency)
                    .thenCompose(ignored -> runners.get(dependency).whenReached(condition))));
            if (!dependencies.isEmpty()) {
                runner.waiting("waiting for " + describe(dependencies));
            }
            launched.put(name, CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .handleAsync((ignored, error) -> {
                        if (error != null) {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            runner.dependencyFailed("not started: " + cause.getMessage());
                        } else {
                            runner.start("started with all services");
                        }
                        return null;
                    }, VIRTUAL));
        }
        return CompletableFuture.allOf(launched.values().toArray(CompletableFuture[]::new));
    }

    /** Starts one service (its dependencies are not started); adopts a survivor. */
    public ServiceStatus start(String name) {
        ServiceRunner runner = runner(name);
        runner.start("started by hand");
        return runner.status();
    }

    /** Stops one service's whole process tree; blocks until it is gone. */
    public ServiceStatus stop(String name) {
        return runner(name).stop("stopped by hand");
    }

    /** Stops, then starts one service; a failed service starts afresh. */
    public ServiceStatus restart(String name) {
        ServiceRunner runner = runner(name);
        runner.stop("restart requested");
        runner.start("restarted by hand");
        return runner.status();
    }

    /** Stops every service, dependants before their dependencies, independent ones in parallel. */
    public void stopAll() {
        Map<String, CompletableFuture<Void>> stopped = new LinkedHashMap<>();
        for (String name : startOrder.reversed()) {
            List<CompletableFuture<Void>> dependants = new ArrayList<>();
            runners.forEach((other, runner) -> {
                if (runner.spec().dependsOn().conditions().containsKey(name)) {
                    dependants.add(stopped.get(other));
                }
            });
            stopped.put(name, CompletableFuture.allOf(dependants.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> runners.get(name).stop("daemon shutdown"), VIRTUAL));
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
        try {
            stopAll();
        } finally {
            scheduler.shutdownNow();
            events.close();
            http.close();
        }
    }

    private ServiceRunner runner(String name) {
        ServiceRunner runner = runners.get(name);
        if (runner == null) {
            throw new ServiceNotFoundException(name, runners.keySet());
        }
        return runner;
    }

    private static String describe(Map<String, DependencyCondition> dependencies) {
        List<String> parts = new ArrayList<>();
        dependencies.forEach((name, condition) -> parts.add(name + " (" + condition + ")"));
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

        public Supervisor build() {
            return new Supervisor(this);
        }
    }
}
