package io.warden.deploy;

import io.warden.alerts.AlertPoster;
import io.warden.alerts.eval.Scraper;
import io.warden.alerts.metric.MetricBoard;
import io.warden.deploy.history.DeployHistory;
import io.warden.governance.GovernanceConfig;
import io.warden.governance.GovernanceService;
import io.warden.governance.Samples;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Threshold;
import io.warden.governance.store.GovernanceStore;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real deploy setting for one test: the fixture HTTP service (python3) on a free port under a
 * supervisor, the governance store in a SQLite file, a deployer over both, a load generator, and
 * the events heard. Its timeouts are generous (a loaded machine can take seconds to answer); a
 * test about a deadline {@link #skip}s the deployer's clock past it instead.
 */
final class DeployRig implements AutoCloseable {

    static final String SERVICE = "web";
    /** The agent the rig's deploys are recorded for. */
    static final String HOST = "agent-a";
    /** Every timeout of the rig: a loaded machine can take seconds to start or answer. */
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    final int port;
    final Path script;
    final GovernanceStore store;
    final GovernanceService governance;
    final SupervisorControl supervisor;
    final ServiceControl control;
    final List<DeployEvent> events = new CopyOnWriteArrayList<>();
    final Deployer.Wiring wiring;
    Deployer deployer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(GENEROUS).build();
    private final AtomicReference<Duration> skipped = new AtomicReference<>(Duration.ZERO);
    private volatile boolean loading;
    private Thread load;

    DeployRig(Path dir) throws Exception {
        this(dir, freePort(), "v1", "good");
    }

    /** A rig whose service starts (or adopts a survivor) with the fixture {@code version} in {@code mode}. */
    DeployRig(Path dir, int port, String version, String mode) throws Exception {
        this.port = port;
        script = Path.of(DeployRig.class.getResource("fixture_service.py").toURI());
        store = GovernanceStore.openSqlite(dir.resolve("warden.db"));
        governance = new GovernanceService(store, GovernanceConfig.DEFAULTS, Clock.systemUTC());
        supervisor = new SupervisorControl(SERVICE, spec(version, mode), dir.resolve("state"));
        control = supervisor.control;
        wiring = new Deployer.Wiring(control, governance,
                new DeployHistory(store.jdbi(), HOST), new MetricBoard(), new Scraper(http, GENEROUS),
                () -> Instant.now().plus(skipped.get()), Sleeper.REAL, events::add, AlertPoster.NONE);
        deployer = new Deployer(wiring);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Moves the deployer's clock (real time until now) forward by {@code by}. */
    void skip(Duration by) {
        skipped.accumulateAndGet(by, Duration::plus);
    }

    /** The fixture in {@code mode} (good, bad, crash, unhealthy, nometrics), probed every 100ms. */
    ServiceSpec spec(String version, String mode) {
        return new ServiceSpec(List.of("python3", script.toString(), Integer.toString(port), version, mode), null,
                null, port, null, null, null, new HealthSpec("http://127.0.0.1:" + port + "/health", null, null,
                Duration.ofMillis(100), GENEROUS, 1, null, null), null, null, null);
    }

    /** An approved MEDIUM assessment of the service for production, watching {@code thresholds}. */
    String approvedAssessment(Threshold... thresholds) {
        AssessmentContent c = Samples.complete(SERVICE, 3, 2);
        AssessmentContent content = new AssessmentContent(c.title(), c.summary(), c.kind(), c.services(), c.change(),
                c.tags(), "production", null, c.risks(), c.testing(), c.rollback(), List.of(thresholds),
                c.checklists(), c.followUps());
        Assessment created = governance.create(Samples.ALICE, content);
        governance.submit(created.id(), Samples.ALICE);
        governance.approve(created.id(), Samples.BOB, "ok");
        governance.approve(created.id(), Samples.DAVE, "ok");
        return created.id();
    }

    /** The 5xx rate threshold: warning above 0.5/s, critical above 2/s. */
    Threshold errorRate() {
        return new Threshold("prometheus:#rate(http_requests_total{code=\"500\"}[5s])", "0/s", "> 0.5", "> 2");
    }

    /** Sends a request to / every 10ms until closed, as users would. */
    void startLoad() {
        loading = true;
        load = Thread.ofVirtual().start(() -> {
            while (loading) {
                get("/");
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** The body of GET {@code path}, or null when the service does not answer 200. */
    String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).timeout(GENEROUS).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    DeployEvent event(DeployEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).findFirst().orElseThrow(() -> new AssertionError(
                "no " + kind + " event in " + events));
    }

    @Override
    public void close() {
        loading = false;
        if (load != null) {
            try {
                load.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deployer.close();
        supervisor.close();
        store.close();
    }
}
