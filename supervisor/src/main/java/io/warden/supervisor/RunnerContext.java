package io.warden.supervisor;

import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Spawner;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/** What every runner of one supervisor shares; built once by {@link Supervisor}. */
record RunnerContext(Path stateDir, Path baseDir, Clock clock, RandomGenerator random, EventLog events,
                     ProcessTree tree, Spawner spawner, ProbeClient probeClient,
                     ScheduledExecutorService scheduler, String holderCommand, String version) {

    /** The HTTP client of the health probes, built when the first HTTP probe starts. */
    HttpClient http() {
        return probeClient.get();
    }
}
