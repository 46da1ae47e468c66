package io.warden.fleet;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent in its fleet: its heartbeat, the list of agents, and control requests forwarded to
 * the agent that owns a service. Built by the daemon before its API starts; {@link #start} begins
 * the heartbeats once the API's address is known. Thread safe; closing writes the row as stopped.
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    private final FleetSettings settings;
    private final String id;
    private final String hostName;
    private final String version;
    private final HostRegistry registry;
    private final boolean shared;
    private final Supplier<List<HostService>> services;
    private final Forwarder forwarder;
    private final ScheduledExecutorService beats;
    private final InstantSource clock;
    /** Set while an early heartbeat (a service changed) is queued, so that a burst of changes writes once. */
    private final AtomicBoolean early = new AtomicBoolean();
    private volatile Agent self; // null until start
    private volatile Instant started; // null until start
    private volatile Instant written; // the last heartbeat written, null before the first
    private volatile String failure; // why the last heartbeat failed, null once one is written
    private boolean failing; // on the heartbeat thread only: log an outage once, and its end
    private boolean closed; // guarded by this

    private Fleet(FleetSettings settings, String id, String version, HostRegistry registry, boolean shared,
                  Supplier<List<HostService>> services, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.id = id;
        this.hostName = Agent.localHostName();
        this.version = version;
        this.registry = registry;
        this.shared = shared;
        this.services = services;
        this.forwarder = new Forwarder(settings.forwardTimeout());
        this.beats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warden-fleet-heartbeat").daemon().factory());
    }

    /**
     * The fleet of agent {@code id}: the shared table at {@code postgresUrl} (opened and migrated
     * now), or this agent alone when it is null (SQLite storage).
     *
     * @param services the agent's services as they stand, read at each heartbeat
     * @throws FleetException when the shared database cannot be reached or migrated
     */
    public static Fleet open(FleetSettings settings, String id, String version, String postgresUrl,
                             Supplier<List<HostService>> services, InstantSource clock) {
        HostRegistry registry = postgresUrl == null ? new LocalRegistry(clock)
                : SharedRegistry.open(postgresUrl, settings.staleAfter());
        return new Fleet(settings, id, version, registry, postgresUrl != null, services, clock);
    }

    /**
     * Registers this agent, reachable at {@code apiUrl} unless {@code fleet.advertise} says
     * otherwise, and heartbeats every {@code fleet.heartbeat} from now on. A failed registration is
     * logged and retried by the heartbeats: the agent's own services do not depend on the fleet.
     */
    public void start(String apiUrl) {
        self = new Agent(id, hostName, version, settings.advertise() != null ? settings.advertise() : apiUrl);
        started = clock.instant();
        beats.execute(() -> beat(true));
        long every = settings.heartbeat().toMillis();
        beats.scheduleWithFixedDelay(() -> beat(false), every, every, TimeUnit.MILLISECONDS);
        LOG.info("fleet: agent {} at {}, heartbeat every {} ms", id, self.apiUrl(), every);
    }

    /** A service changed: heartbeat now rather than at the next tick, so other agents see it soon. */
    public void changed() {
        if (self != null && early.compareAndSet(false, true)) {
            try {
                beats.execute(() -> {
                    early.set(false);
                    beat(false);
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                early.set(false); // closing: the last write says stopped
            }
        }
    }

    private void beat(boolean first) {
        Agent agent = self;
        try {
            registry.beat(agent, services.get(), first);
            written = clock.instant();
            failure = null;
            if (failing) {
                failing = false;
                LOG.info("fleet: heartbeat of agent {} written again", id);
            }
        } catch (RuntimeException e) {
            failure = e.getMessage();
            if (!failing) {
                failing = true;
                LOG.warn("fleet: heartbeat of agent {} failed, retrying every {} ms (other agents will show it"
                        + " unreachable after {} ms): {}", id, settings.heartbeat().toMillis(),
                        settings.staleAfter().toMillis(), e.getMessage());
            }
        }
    }

    /**
     * Whether this agent's heartbeat is current, for {@code /health}: it is when one was written
     * within {@code fleet.staleAfter}, or the agent started less than that ago (its first write may
     * still be under way); otherwise the other agents see it {@code unreachable}, and the answer
     * says why with the last write's error.
     */
    public HeartbeatHealth heartbeatHealth() {
        Instant now = clock.instant();
        Instant last = written;
        Instant since = started;
        Duration stale = settings.staleAfter();
        if (last != null && Duration.between(last, now).compareTo(stale) <= 0) {
            return new HeartbeatHealth(true, "heartbeat " + Duration.between(last, now).toMillis() + " ms ago");
        }
        if (last == null && (since == null || Duration.between(since, now).compareTo(stale) <= 0)) {
            return new HeartbeatHealth(true, "registering");
        }
        String age = last == null ? "no heartbeat written since the start"
                : "no heartbeat written for " + Duration.between(last, now).toMillis() + " ms";
        String why = failure;
        return new HeartbeatHealth(false, age + " (fleet.staleAfter " + stale.toMillis() + " ms)"
                + (why == null ? "" : ": " + why));
    }

    /** This agent's id (stable per state directory). */
    public String id() {
        return id;
    }

    /** Whether the agents share a database (PostgreSQL); otherwise the fleet is this agent alone. */
    public boolean shared() {
        return shared;
    }

    /** The settings in force. */
    public FleetSettings settings() {
        return settings;
    }

    /**
     * Every agent, by host name then id.
     *
     * @throws FleetException when the shared database fails
     */
    public List<Host> hosts() {
        return registry.hosts(id);
    }

    /** The agent {@code hostId}. */
    public Optional<Host> host(String hostId) {
        return hosts().stream().filter(host -> host.id().equals(hostId)).findFirst();
    }

    /**
     * Passes {@code request} to {@code owner} and returns its answer as it is. To this agent itself
     * it goes with the caller's own {@code callerAuthorization} (already accepted here); to another
     * agent with {@code fleet.token}, which that agent accepts as the user {@code fleet}.
     *
     * @throws ForwardException 503 when another agent is asked but no {@code fleet.token} is set;
     *                          502 when the owner does not answer, or refuses this agent's token;
     *                          504 when it does not answer in time
     */
    public Forwarded forward(Host owner, ForwardRequest request, String callerAuthorization)
            throws InterruptedException {
        String authorization;
        if (owner.self()) {
            authorization = callerAuthorization;
        } else if (settings.token() == null) {
            throw new ForwardException(503, "forwarding to agent " + owner.id() + " (" + owner.hostName()
                    + ") needs fleet.token: set the same token (16+ characters) under fleet: on every agent, or"
                    + " send the request to " + owner.apiUrl() + " directly", null);
        } else {
            authorization = "Bearer " + settings.token();
        }
        Forwarded answer = forwarder.send(owner, request, authorization, id);
        if (!owner.self() && answer.status() == 401) {
            throw new ForwardException(502, "agent " + owner.id() + " (" + owner.hostName() + ", " + owner.apiUrl()
                    + ") refused this agent's fleet.token: set the same fleet.token on every agent", null);
        }
        return answer;
    }

    /** Stops the heartbeats and writes this agent's row as stopped, with its services as they are now. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        beats.shutdown(); // a heartbeat in flight finishes; the scheduled ones are dropped
        try {
            if (!beats.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("fleet: a heartbeat of agent {} still runs after 10 s; closing anyway", id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Agent agent = self;
        if (agent != null) {
            try {
                registry.stopped(agent, services.get());
            } catch (RuntimeException e) {
                LOG.warn("fleet: could not mark agent {} stopped (others will show it unreachable after {} ms): {}",
                        id, settings.staleAfter().toMillis(), e.getMessage());
            }
        }
        registry.close();
    }
}
