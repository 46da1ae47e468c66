package io.warden.daemon;

import io.warden.api.ApiServer;
import io.warden.api.ComponentHealth;
import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Warden daemon: its instance lock in the state directory and the API server. Built by
 * hand here and nowhere else. Thread safety: {@link #close()} may be called from any thread, once
 * or more.
 */
public final class Daemon implements AutoCloseable {

    /** The daemon's own instance name; no service may use it. */
    public static final String LOCK_NAME = "warden";

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final InstanceLock lock;
    private final ApiServer api;
    private boolean closed;

    private Daemon(InstanceLock lock, ApiServer api) {
        this.lock = lock;
        this.api = api;
    }

    /**
     * Takes the daemon lock for {@code stateDir} and starts serving.
     *
     * @param command how the daemon was started, for the PID file
     * @throws io.warden.lock.AlreadyRunningException when a daemon already runs on this state dir
     */
    public static Daemon start(WardenConfig config, Path stateDir, String command, String version) {
        PidRecord self = PidRecord.ofCurrentProcess(command, config.server().port(), version);
        InstanceLock lock = InstanceLock.acquire(stateDir, LOCK_NAME, self);
        try {
            Map<String, Supplier<ComponentHealth>> components = new LinkedHashMap<>();
            components.put("lock", () -> lock.isHeld() ? ComponentHealth.up(lock.lockFile().toString())
                    : ComponentHealth.down("instance lock lost"));
            ApiServer api = ApiServer.start(config.server().host(), config.server().port(), components);
            if (api.port() != config.server().port()) {
                lock.update(lock.record().withPort(api.port()));
            }
            LOG.info("Warden {} listening on http://{}:{} (state dir {})", version, config.server().host(),
                    api.port(), lock.lockFile().getParent());
            return new Daemon(lock, api);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** The port the API listens on. */
    public int port() {
        return api.port();
    }

    /** Stops serving and releases the lock (the PID file goes with it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        api.close();
        lock.close();
        LOG.info("Warden stopped");
    }
}
