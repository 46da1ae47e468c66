package io.warden.supervisor;

import io.warden.supervisor.process.ProcessTree;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/** What every runner of one supervisor shares; built once by {@link Supervisor}. */
record RunnerContext(Path stateDir, Path baseDir, Clock clock, RandomGenerator random, EventLog events,
                     ProcessTree tree, HealthHttp http,
                     ScheduledExecutorService scheduler, String holderCommand, String version) {
}
