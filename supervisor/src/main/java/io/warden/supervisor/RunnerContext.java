package io.warden.supervisor;

import io.warden.os.HostClock;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Spawner;
import io.warden.supervisor.process.Watchdog;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * What every runner of one supervisor shares; built once by {@link Supervisor}.
 *
 * @param clock     the one source of time of the runners: instants for events, uptime and restart
 *                  decisions, monotonic nanoseconds for the orphan sweep's throttle
 * @param scheduler runs the restarts after their backoff and the housekeeping after a spawn
 * @param roots     the PIDs of the services' current root processes, each added when its run starts
 *                  and removed when it ends: none of them is an orphan of another service, so the
 *                  search for a service's orphans among this daemon's children skips them unread
 * @param gate      whether this agent may run a cluster singleton now, and with which epoch
 * @param watchdog  what a cluster singleton runs under, tied to this daemon's life and lease
 * @param closing   true once the supervisor closes: from then on no runner starts a child (a start
 *                  racing the shutdown's stops would leave one running after it)
 */
record RunnerContext(Path stateDir, Path baseDir, HostClock clock, RandomGenerator random, EventLog events,
                     ProcessTree tree, Spawner spawner, ProbeClient probeClient, Scheduler scheduler,
                     String holderCommand, String version, Set<Long> roots, ClusterGate gate, Watchdog watchdog,
                     BooleanSupplier closing) {

    /** The HTTP client of the health probes, built when the first HTTP probe starts. */
    HttpClient http() {
        return probeClient.get();
    }
}
