package io.warden.api.stream;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.warden.api.auth.Scope;
import io.warden.api.route.Guard;
import io.warden.api.route.Route;
import io.warden.metrics.MetricsSampler;
import io.warden.metrics.Sample;
import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.logs.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The topics of {@code /api/v1/stream} and their subscribers. Each push is rendered and encoded
 * as a WebSocket frame once ({@link Frame}) and the same bytes written to every subscriber by a
 * few workers ({@link FanOut}), so the sampler thread and the supervisor's threads are never held
 * up by clients. {@code services} is
 * coalesced: a burst of events makes one snapshot, taken on the hub's own thread.
 *
 * <p>Thread safety: all methods from any thread.
 */
public final class StreamHub implements AutoCloseable {

    /** The endpoint's path. */
    public static final String PATH = "/api/v1/stream";
    static final String LOGS = "logs:";

    private final MetricsSampler sampler;
    private final Supervisor supervisor;
    private final ObjectMapper json;
    private final Guard guard;
    private final StreamSettings settings;
    private final Set<StreamConnection> connections = ConcurrentHashMap.newKeySet();
    /** The same connections by their Helidon session (identity), for {@link #ended}. */
    private final Map<WsSession, StreamConnection> bySession = new ConcurrentHashMap<>();
    private final Map<String, Set<StreamConnection>> subscribers = new ConcurrentHashMap<>();
    private final Map<String, AutoCloseable> logFollows = new ConcurrentHashMap<>();
    private final ReentrantLock logLock = new ReentrantLock();
    private final AtomicBoolean servicesDirty = new AtomicBoolean();
    private final ExecutorService services = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("warden-stream-services").factory());
    /** Auth deadlines of connections that sent no token with the upgrade. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("warden-stream-timer").factory());
    private final FanOut fanOut = new FanOut(timer, Runtime.getRuntime().availableProcessors());
    private final Counter dropped;
    private final List<AutoCloseable> sources = new ArrayList<>();
    /** Topics other parts publish to ({@code alerts}), with what a new subscriber gets first. */
    private final Map<String, java.util.function.Supplier<?>> extraTopics = new ConcurrentHashMap<>();

    public StreamHub(MetricsSampler sampler, Supervisor supervisor, ObjectMapper json, Guard guard,
                     StreamSettings settings, MeterRegistry registry) {
        this.sampler = sampler;
        this.supervisor = supervisor;
        // Jackson keeps its parse and render buffers per thread by default: every connection's reader
        // thread (virtual, alive as long as its socket) would keep about 12 KB of them after its
        // first message. A shared pool holds a few sets for all of them.
        this.json = json.copy(); // a copy of the factory too: the shared mapper is left as it is
        this.json.getFactory().setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
        this.guard = guard;
        this.settings = settings;
        Gauge.builder("warden.stream.clients", connections, Set::size)
                .description("Connected WebSocket clients").register(registry);
        dropped = Counter.builder("warden.stream.dropped")
                .description("WebSocket clients dropped for not reading their pushes").register(registry);
        timer.setRemoveOnCancelPolicy(true);
        long ping = settings.pingInterval().toNanos();
        timer.scheduleAtFixedRate(this::pingAll, ping, ping, TimeUnit.NANOSECONDS);
        sources.add(sampler.subscribe(this::onSample));
        sources.add(supervisor.subscribe(this::onEvent));
    }

    /** The route-table entry of the endpoint: read scope, STREAM bucket for connects. */
    public Route route() {
        return Route.websocket(PATH, Scope.READ);
    }

    /**
     * Adds the endpoint to a server: its WebSocket routing and the upgrade gate that rate limits
     * and authenticates every upgrade on the paths of {@code websockets} before it happens, and
     * refuses pages of origins other than the API's own and {@code allowedOrigins}.
     */
    public void install(WebServerConfig.BuilderBase<?, ?> server, Map<String, Scope> websockets,
                        List<String> allowedOrigins) {
        if (!websockets.keySet().equals(Set.of(PATH))) {
            throw new IllegalStateException("the route table declares WebSocket endpoints " + websockets.keySet()
                    + " but the server has one, " + PATH);
        }
        server.addRouting(WsRouting.builder().endpoint(PATH, () -> new StreamListener(this)));
        // The server discovers no protocols (ApiServer): the WebSocket's own is added here.
        server.addProtocol(WsConfig.create());
        server.addProtocol(new StreamProtocol(guard, websockets, new OriginPolicy(allowedOrigins), this::ended));
    }

    /** Connected clients now. */
    public int clients() {
        return connections.size();
    }

    /** The longest outbound queue now (bounded by {@code stream.queueMessages}). */
    public int longestQueue() {
        return connections.stream().mapToInt(StreamConnection::queued).max().orElse(0);
    }

    Guard guard() {
        return guard;
    }

    ObjectMapper json() {
        return json;
    }

    StreamSettings settings() {
        return settings;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    Runnable dropCounter() {
        return dropped::increment;
    }

    void opened(StreamConnection connection) {
        connections.add(connection);
        bySession.put(connection.session(), connection);
    }

    /** Helidon stopped handling {@code session}: its connection is closed if no listener call said so. */
    void ended(WsSession session) {
        StreamConnection connection = bySession.get(session);
        if (connection != null) {
            closed(connection);
        }
    }

    void closed(StreamConnection connection) {
        bySession.remove(connection.session());
        if (connections.remove(connection)) {
            connection.closed();
            for (String topic : List.copyOf(connection.topics())) {
                unsubscribe(connection, topic);
            }
        }
    }

    /** Subscribes to a topic; the problem for the client when there is no such topic. */
    String subscribe(StreamConnection connection, String topic) {
        if (topic.startsWith(LOGS)) {
            String service = topic.substring(LOGS.length());
            if (!supervisor.names().contains(service)) {
                return "no service named '" + service + "' for topic " + topic + ". Services: "
                        + String.join(", ", supervisor.names());
            }
        } else if (!Set.of("system", "services", "events").contains(topic) && !extraTopics.containsKey(topic)) {
            return "unknown topic '" + topic + "': use system, services, events, "
                    + extraTopics.keySet().stream().sorted().map(t -> t + ", ").reduce("", String::concat)
                    + "or logs:NAME";
        }
        if (!connection.topics().add(topic)) {
            return null;
        }
        subscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(connection);
        if (topic.startsWith(LOGS)) {
            followLogs(topic);
        } else if (topic.equals("system")) {
            sampler.latest().ifPresent(sample -> connection.offer(Outbound.push(json, "system", sample)));
        } else if (topic.equals("services")) {
            connection.offer(Outbound.push(json, "services", supervisor.services()));
        } else if (extraTopics.containsKey(topic)) {
            connection.offer(Outbound.push(json, topic, extraTopics.get(topic).get()));
        }
        return null;
    }

    /**
     * Adds a topic another part publishes to with {@link #push}; a new subscriber first gets
     * {@code snapshot}'s value.
     */
    public void addTopic(String topic, java.util.function.Supplier<?> snapshot) {
        extraTopics.put(topic, snapshot);
    }

    /** Sends a message on a topic added with {@link #addTopic} to its subscribers; never blocks. */
    public void push(String topic, Object payload) {
        Set<StreamConnection> set = subscribers.get(topic);
        if (set != null && !set.isEmpty()) {
            publish(set, Outbound.push(json, topic, payload));
        }
    }

    void unsubscribe(StreamConnection connection, String topic) {
        connection.topics().remove(topic);
        Set<StreamConnection> set = subscribers.get(topic);
        if (set != null) {
            set.remove(connection);
        }
        if (topic.startsWith(LOGS)) {
            unfollowLogsIfUnused(topic);
        }
    }

    private void onSample(Sample sample) {
        Set<StreamConnection> set = subscribers.get("system");
        if (set != null && !set.isEmpty()) {
            publish(set, Outbound.push(json, "system", sample));
        }
    }

    private void onEvent(ServiceEvent event) {
        Set<StreamConnection> set = subscribers.get("events");
        if (set != null && !set.isEmpty()) {
            publish(set, Outbound.push(json, "events", event));
        }
        Set<StreamConnection> watching = subscribers.get("services");
        if (watching != null && !watching.isEmpty() && servicesDirty.compareAndSet(false, true)) {
            // On the hub's thread: the event's thread may hold the service's lock.
            services.execute(this::publishServices);
        }
    }

    private void publishServices() {
        servicesDirty.set(false);
        Set<StreamConnection> set = subscribers.get("services");
        if (set != null && !set.isEmpty()) {
            publish(set, Outbound.push(json, "services", supervisor.services()));
        }
    }

    private void followLogs(String topic) {
        logLock.lock();
        try {
            if (!logFollows.containsKey(topic)) {
                logFollows.put(topic, supervisor.follow(topic.substring(LOGS.length()), line -> onLine(topic, line)));
            }
        } finally {
            logLock.unlock();
        }
    }

    private void unfollowLogsIfUnused(String topic) {
        logLock.lock();
        try {
            Set<StreamConnection> set = subscribers.get(topic);
            if (set == null || set.isEmpty()) {
                AutoCloseable follow = logFollows.remove(topic);
                if (follow != null) {
                    follow.close();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop following " + topic, e);
        } finally {
            logLock.unlock();
        }
    }

    private void onLine(String topic, LogLine line) {
        Set<StreamConnection> set = subscribers.get(topic);
        if (set != null && !set.isEmpty()) {
            publish(set, Outbound.push(json, topic, line));
        }
    }

    /**
     * A ping is delivered like a push (so a client that reads nothing is still dropped). The client's
     * pong is a frame from it: without one in 5 minutes the web server closes the connection as
     * idle, and a client that only listens sends nothing else.
     */
    private void pingAll() {
        fanOut.send(connections, Frame.PING);
    }

    private void publish(Set<StreamConnection> set, String message) {
        fanOut.send(set, Frame.text(message));
    }

    /** Closes every client (going away) and stops listening to the sources. */
    @Override
    public void close() {
        for (AutoCloseable source : sources) {
            try {
                source.close();
            } catch (Exception e) {
                // closing subscriptions does not fail; nothing to do on shutdown
            }
        }
        for (StreamConnection connection : connections) {
            connection.close(1001, "the server is shutting down");
        }
        services.shutdownNow();
        timer.shutdownNow();
        logFollows.values().forEach(follow -> {
            try {
                follow.close();
            } catch (Exception e) {
                // as above
            }
        });
    }
}
