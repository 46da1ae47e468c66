package io.warden.cluster;

import io.warden.os.HostClock;
import io.warden.supervisor.ClusterGate;
import io.warden.supervisor.ClusterTerm;
import io.warden.supervisor.Supervisor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.api.FlywayException;

/**
 * The cluster singletons of one agent ({@code singleton: cluster}): one {@link Elector} per
 * service, each on its own dedicated PostgreSQL session, and the {@link ClusterGate} the supervisor
 * asks before it starts one. Built before the supervisor (which needs the gate), started with it.
 * docs/cluster.md tells the protocol and its failure modes.
 *
 * <p>Thread safety: {@link #term} and {@link #standbyReason} from any thread; {@link #start} once,
 * {@link #close} once or more.
 */
public final class Cluster implements ClusterGate, AutoCloseable {

    private final ClusterSettings settings;
    private final String url;
    private final String agent;
    private final List<String> services;
    private final HostClock clock;
    private final ScheduledThreadPoolExecutor timer;
    private volatile Map<String, Elector> electors = Map.of();

    private Cluster(ClusterSettings settings, String url, String agent, List<String> services, HostClock clock) {
        this.settings = settings;
        this.url = url;
        this.agent = agent;
        this.services = List.copyOf(services);
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "warden-cluster-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Migrates the lease table at {@code url} (PostgreSQL) and prepares the electors of
     * {@code services}, known to the fleet as held by {@code agent}.
     *
     * @throws ClusterException when the table cannot be migrated, naming the database
     */
    public static Cluster open(ClusterSettings settings, String url, String agent, List<String> services,
                               HostClock clock) {
        try {
            LeaseTable.migrate(url);
        } catch (FlywayException e) {
            throw new ClusterException("cannot prepare the cluster lease table at "
                    + url.replaceAll("(?i)(password=)[^&;]*", "$1***") + ": " + e.getMessage()
                    + "; check that PostgreSQL runs and storage.url is right", e);
        }
        return new Cluster(settings, url, agent, services, clock);
    }

    /**
     * The name this daemon holds leases under: {@code AGENT/PID-RANDOM}, where {@code agent} is the
     * fleet's id of this agent ({@code HOST-8HEX}, kept in the state directory). New with every
     * daemon, so a restarted agent never takes its predecessor's live lease for its own.
     */
    public static String holderId(String agent) {
        return agent + "/" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    /** This agent's name in the lease rows. */
    public String agent() {
        return agent;
    }

    /** Starts electing, each singleton of {@code supervisor} on its own session. */
    public synchronized void start(Supervisor supervisor) {
        if (!electors.isEmpty()) {
            throw new IllegalStateException("the cluster was started already");
        }
        Map<String, Elector> started = new LinkedHashMap<>();
        for (String service : services) {
            started.put(service, new Elector(service, url, agent, settings, supervisor, timer, clock));
        }
        electors = Map.copyOf(started);
        started.values().forEach(Elector::start);
    }

    @Override
    public Optional<ClusterTerm> term(String service) {
        Elector elector = electors.get(service);
        return elector == null ? Optional.empty() : elector.term();
    }

    @Override
    public String standbyReason(String service) {
        Elector elector = electors.get(service);
        return elector == null ? "standby: waiting for the cluster lease" : elector.reason();
    }

    /** Stops electing; leases this agent holds are ended at once, after their copies stopped. */
    @Override
    public void close() {
        electors.values().forEach(Elector::close);
        timer.shutdownNow();
    }
}
