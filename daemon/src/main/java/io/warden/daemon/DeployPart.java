package io.warden.daemon;

import io.warden.alerts.AlertPoster;
import io.warden.alerts.eval.Scraper;
import io.warden.alerts.metric.MetricBoard;
import io.warden.alerts.metric.MetricSource;
import io.warden.api.stream.StreamHub;
import io.warden.deploy.DeployListener;
import io.warden.deploy.Deployer;
import io.warden.deploy.ServiceControl;
import io.warden.deploy.Sleeper;
import io.warden.deploy.history.DeployHistory;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.spec.ServiceSpec;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's deploys: a {@link Deployer} over the supervisor and the governance store, built on
 * the first deploy call (it opens the store, see {@link GovernancePart}), and what a start needs
 * of the history: the spec each service last deployed, and the recovery of unfinished deploys.
 *
 * <p>Thread safe; closing stops the deploy threads where they are (the next start recovers them).
 */
final class DeployPart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeployPart.class);

    private final GovernancePart governance;
    private final WardenConfig config;
    private final InstantSource clock;
    /** This agent's id, recorded with its deploys (agents sharing a database share the history). */
    private final String agentId;
    /** The WebSocket topic of deploy events. */
    static final String TOPIC = "deploys";

    private volatile Supervisor supervisor; // set once, before the first deployer() call
    private volatile MetricSource metrics = new MetricBoard(); // the alerts' metrics once observe() was called
    private volatile DeployListener listener = DeployListener.NONE;
    private volatile AlertPoster alerts = AlertPoster.NONE; // the standing alerts once observe() was called
    private Deployer deployer; // guarded by this
    private boolean closed; // guarded by this

    DeployPart(WardenConfig config, GovernancePart governance, InstantSource clock, String agentId) {
        this.config = config;
        this.governance = governance;
        this.clock = clock;
        this.agentId = agentId;
    }

    /**
     * The specs to start the services with: each one's config spec, unless a deploy of it that was
     * not rolled back is on record (by this agent), whose new spec then runs (so a deploy promoted before a restart
     * stays deployed, and a watch cut by a restart can resume). The store is read only when it holds
     * data already (a SQLite file that exists), so a daemon that never deployed opens nothing.
     */
    Map<String, ServiceSpec> startSpecs() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>(config.services());
        if (!governance.hasData()) {
            return specs;
        }
        DeployHistory history = new DeployHistory(governance.store().jdbi(), agentId);
        specs.replaceAll((name, spec) -> history.forService(name).stream()
                .filter(deploy -> deploy.phase() != Phase.ROLLED_BACK && deploy.phase() != Phase.FAILED)
                .findFirst().map(DeployRecord::next).orElse(spec));
        return specs;
    }

    /**
     * Once the services were started: deploys run on {@code running}'s services from now on, and
     * what a killed daemon left unfinished is resumed or rolled back, on a virtual thread (a
     * rollback waits for health; the API need not wait for it).
     */
    void recover(Supervisor running) {
        this.supervisor = running;
        if (!governance.hasData()) {
            return;
        }
        Thread.ofVirtual().name("warden-deploy-recovery").start(() -> {
            try {
                List<DeployRecord> recovered = deployer().recover();
                recovered.forEach(deploy -> LOG.info("deploy {} of {} recovered: {} ({})", deploy.id(),
                        deploy.service(), deploy.phase().wire(), deploy.reason()));
            } catch (RuntimeException e) {
                LOG.error("recovering unfinished deploys failed: {}", e.getMessage(), e);
            }
        });
    }

    /**
     * Before the first deploy: the metrics a watch reads (the alerts'), who hears the deploys' events,
     * and where their warnings, rollbacks and failures are raised as standing alerts.
     */
    void observe(MetricSource alertMetrics, DeployListener deployListener, AlertPoster standing) {
        this.metrics = alertMetrics;
        this.listener = deployListener;
        this.alerts = standing;
    }

    /**
     * Each deploy event in {@code events.log} (kind {@code deploy}) and on the stream's
     * {@value #TOPIC} topic.
     */
    static DeployListener announce(Supervisor supervisor, StreamHub streams) {
        streams.addTopic(TOPIC, List::of);
        return event -> {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("deploy", event.deployId());
            fields.put("service", event.service());
            fields.put("event", event.kind().name().toLowerCase(java.util.Locale.ROOT));
            fields.put("message", event.message());
            supervisor.note(event.at(), "deploy", fields);
            streams.push(TOPIC, event);
        };
    }

    /**
     * The deployer, built on the first call.
     *
     * @throws io.warden.governance.StorageException when the store cannot be opened or the daemon stops
     */
    synchronized Deployer deployer() {
        if (closed) {
            throw new io.warden.governance.StorageException("deploys are closed: the daemon is stopping");
        }
        if (deployer == null) {
            var store = governance.store();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            deployer = new Deployer(new Deployer.Wiring(ServiceControl.of(supervisor), governance.service(),
                    new DeployHistory(store.jdbi(), agentId), metrics,
                    new Scraper(http, Duration.ofSeconds(2)), clock, Sleeper.REAL, listener, alerts));
        }
        return deployer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (deployer != null) {
            deployer.close();
        }
    }
}
