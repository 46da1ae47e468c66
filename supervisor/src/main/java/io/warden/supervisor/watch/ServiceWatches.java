package io.warden.supervisor.watch;

import io.warden.supervisor.ServiceState;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.SupervisorException;
import io.warden.supervisor.spec.ServiceSpec;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The watches of a supervisor's services that declare {@code watch:}: a change restarts the
 * service through the supervisor (the whole tree stopped, the port free, then the start), with
 * the file that triggered it in the events' reason and the log. A service stopped by hand stays
 * stopped; a crashed or failed one is started again, since the change may be its fix.
 *
 * <p>Thread safety: {@link #close()} from any thread.
 */
public final class ServiceWatches implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceWatches.class.getName());

    private final List<ChangeWatch> watches;

    private ServiceWatches(List<ChangeWatch> watches) {
        this.watches = List.copyOf(watches);
    }

    /**
     * Starts a watch for every service with {@code watch:}. A watch that cannot start (a path that
     * does not exist) is logged and left out; the service runs unwatched.
     *
     * @param baseDir  the config file's folder, against which workdirs resolve
     * @param stateDir ignored by every watch: logs, PID files and events are written there
     */
    public static ServiceWatches start(Supervisor supervisor, Map<String, ServiceSpec> specs, Path baseDir,
                                       Path stateDir) {
        List<ChangeWatch> watches = new ArrayList<>();
        specs.forEach((name, spec) -> {
            if (spec.watch() == null) {
                return;
            }
            try {
                watches.add(ChangeWatch.start(spec.watch(), spec.workdirIn(baseDir), List.of(stateDir),
                        change -> restart(supervisor, name, change)));
            } catch (WatchException e) {
                LOG.log(Level.WARNING, name + ": not watched: " + e.getMessage());
            }
        });
        return new ServiceWatches(watches);
    }

    static void restart(Supervisor supervisor, String name, Change change) {
        ServiceState state = supervisor.service(name).state();
        if (state == ServiceState.STOPPED || state == ServiceState.STOPPING) {
            LOG.log(Level.INFO, name + ": " + change.reason() + "; not restarted, it was stopped by hand");
            return;
        }
        LOG.log(Level.INFO, name + ": restarting, " + change.reason());
        try {
            supervisor.restart(name, "restarted on change, " + change.reason());
        } catch (SupervisorException e) {
            LOG.log(Level.WARNING, name + ": restart on change failed: " + e.getMessage());
        }
    }

    /** How many services are watched. */
    public int size() {
        return watches.size();
    }

    @Override
    public void close() {
        watches.forEach(ChangeWatch::close);
    }
}
