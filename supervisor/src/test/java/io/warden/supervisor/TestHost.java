package io.warden.supervisor;

import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.process.Subreaper;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * What the daemon's composition root does for its supervisor, done once per test JVM: the child
 * subreaper, one scheduler thread, one probe client (none is closed: they live as long as the JVM,
 * as the daemon's do).
 */
public final class TestHost {

    private static final ScheduledExecutorService EXECUTOR = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "warden-test-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private static final ProbeClient PROBES = new ProbeClient();

    static {
        Subreaper.enable();
    }

    private TestHost() {
    }

    /** A supervisor builder with this JVM's scheduler and probe client, as the daemon makes one. */
    public static SupervisorBuilder supervisor(Map<String, ServiceSpec> specs, Path stateDir) {
        return Supervisor.builder(specs, stateDir).scheduler(Scheduler.of(EXECUTOR)).probes(PROBES);
    }
}
