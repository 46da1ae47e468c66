package io.warden.supervisor;

import io.warden.os.HostClock;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Options of a {@link Supervisor}, from {@link Supervisor#builder}. Besides the specs and the
 * state directory, the scheduler and the probes' HTTP client are required: they are the
 * process's, owned by the composition root, which closes them after the supervisor. Every other
 * option has a default.
 *
 * <p>Not thread safe: one thread builds. The fields are read by the supervisor's constructor.
 */
public final class SupervisorBuilder {

    final Map<String, ServiceSpec> specs;
    final Path stateDir;
    Scheduler scheduler;
    ProbeClient probes;
    Path baseDir = Path.of("");
    HostClock clock = HostClock.system();
    RandomGenerator random = new SplittableRandom();
    String holderCommand = "warden up";
    String version = "";
    int eventCapacity = 1000;
    EventLogSettings eventLog = EventLogSettings.DEFAULT;
    ClusterGate gate = ClusterGate.NONE;

    SupervisorBuilder(Map<String, ServiceSpec> specs, Path stateDir) {
        this.specs = new LinkedHashMap<>(Objects.requireNonNull(specs, "specs"));
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    }

    /** The folder relative workdirs are resolved against (the config file's); default the current one. */
    public SupervisorBuilder baseDir(Path dir) {
        this.baseDir = Objects.requireNonNull(dir);
        return this;
    }

    /**
     * Runs the restarts after their backoff and the housekeeping after a spawn (required);
     * tasks are short and hand their work to virtual threads.
     */
    public SupervisorBuilder scheduler(Scheduler newScheduler) {
        this.scheduler = Objects.requireNonNull(newScheduler);
        return this;
    }

    /**
     * What the health probes share (required): the HTTP client, built on the first HTTP probe, and
     * the {@link io.warden.supervisor.health.ProbeListener} told every probe's result.
     */
    public SupervisorBuilder probes(ProbeClient client) {
        this.probes = Objects.requireNonNull(client);
        return this;
    }

    /**
     * The time every decision of the supervisor reads: instants for events, uptime and restart
     * decisions, the monotonic counter for intervals; default the system's.
     */
    public SupervisorBuilder clock(HostClock newClock) {
        this.clock = Objects.requireNonNull(newClock);
        return this;
    }

    /** The random source for backoff jitter; it must be safe to use from several threads' turns. */
    public SupervisorBuilder random(RandomGenerator newRandom) {
        this.random = Objects.requireNonNull(newRandom);
        return this;
    }

    /** What the PID files name as the holder's command, and its version. */
    public SupervisorBuilder holder(String command, String programVersion) {
        this.holderCommand = Objects.requireNonNull(command);
        this.version = Objects.requireNonNull(programVersion);
        return this;
    }

    /** How many events are kept in memory (default 1,000). */
    public SupervisorBuilder eventCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("eventCapacity must be at least 1, was " + capacity);
        }
        this.eventCapacity = capacity;
        return this;
    }

    /** When {@code events.log} is rotated and how many rotated files are kept (default 10MB, 3). */
    public SupervisorBuilder eventLog(EventLogSettings settings) {
        this.eventLog = Objects.requireNonNull(settings);
        return this;
    }

    /**
     * Who lets this agent run its cluster singletons ({@code singleton: cluster}): the cluster
     * module's leases; default {@link ClusterGate#NONE}, which never does.
     */
    public SupervisorBuilder clusterGate(ClusterGate newGate) {
        this.gate = Objects.requireNonNull(newGate);
        return this;
    }

    /** @throws IllegalStateException when the scheduler or the probe client is missing */
    public Supervisor build() {
        if (scheduler == null || probes == null) {
            throw new IllegalStateException("a supervisor needs a scheduler and a probe client from its "
                    + "composition root: call scheduler(...) and probes(...)");
        }
        return new Supervisor(this);
    }
}
