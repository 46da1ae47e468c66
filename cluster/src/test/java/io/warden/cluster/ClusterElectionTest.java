package io.warden.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.os.HostClock;
import io.warden.supervisor.Scheduler;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.health.ProbeClient;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents in one JVM, each a real supervisor and cluster on its own state dir, over one real PostgreSQL schema. */
class ClusterElectionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ClusterSettings SHORT = new ClusterSettings(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(500));

    @TempDir
    Path dir;

    private TestSchema schema;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void createSchema() {
        schema = TestSchema.create("cluster_election");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable part : closing.reversed()) {
            part.close();
        }
        schema.close();
    }

    @Test
    void twoAgents_oneRunsTheSingleton_theOtherStandsByNamingIt_andTakesOverWhenTheHolderLeaves() throws Exception {
        Agent first = agent("a");
        Supervisor holder = await().atMost(PATIENCE).until(() -> first.supervisor, s -> s.service("job").state().isUp());
        Agent second = agent("b");

        ServiceStatus standby = await().atMost(PATIENCE).until(() -> second.supervisor.service("job"),
                status -> status.state() == ServiceState.STANDBY && status.reason().contains(first.cluster.agent()));
        assertThat(standby.reason()).isEqualTo("standby: held by " + first.cluster.agent() + ", epoch 1");
        assertThat(holder.service("job").state().isUp()).isTrue();
        awaitEpochs(first, "1");

        first.close(); // a clean shutdown ends the lease at once
        await().atMost(PATIENCE).until(() -> second.supervisor.service("job").state().isUp());
        awaitEpochs(second, "2");
        assertThat(schema.query("SELECT epoch FROM cluster_lease WHERE service = 'job'")).isEqualTo(2L);
    }

    @Test
    void holderCutOffFromPostgres_stopsItsCopyBeforeTheLeaseEnds() throws Exception {
        Agent agent = agent("a");
        ServiceStatus running = await().atMost(PATIENCE).until(() -> agent.supervisor.service("job"),
                status -> status.state().isUp());
        List<ProcessId> tree = tree(running.pid());

        Timestamp leaseEnd = (Timestamp) schema.query("SELECT expires_at FROM cluster_lease WHERE service = 'job'");
        assertThat(schema.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                + "'warden-cluster " + agent.cluster.agent() + " job'")).isEqualTo(true);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> tree.stream().noneMatch(process -> process.live().isPresent()));
        Timestamp gone = (Timestamp) schema.query("SELECT now()");

        // The lease could not be renewed after the session ended: the copy was gone before its end.
        assertThat(gone).isBefore(leaseEnd);
        assertThat(agent.events()).anyMatch(reason -> reason.startsWith("standby: this agent lost its session"));
        // The same agent leads again, with the next epoch, once its copy is stopped.
        await().atMost(PATIENCE).until(() -> agent.supervisor.service("job").state().isUp());
        awaitEpochs(agent, "1", "2");
    }

    @Test
    void holderPartitionedFromPostgres_queriesHang_stopsItsCopyBeforeTheLeaseEnds() throws Exception {
        FreezableProxy proxy = new FreezableProxy(5432);
        closing.add(proxy);
        Agent agent = agent("a", schema.url.replace(":5432/", ":" + proxy.port() + "/"));
        ServiceStatus running = await().atMost(PATIENCE).until(() -> agent.supervisor.service("job"),
                status -> status.state().isUp());
        List<ProcessId> tree = tree(running.pid());
        proxy.freeze(); // renewals hang from now on: no error reaches the agent
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
                .until(() -> tree.stream().noneMatch(process -> process.live().isPresent()));
        Timestamp gone = (Timestamp) schema.query("SELECT now()");

        // No renewal passes the frozen proxy: the row holds the lease's final end (a renewal that
        // reached the server just before the freeze included, though its answer never came back).
        Timestamp leaseEnd = (Timestamp) schema.query("SELECT expires_at FROM cluster_lease WHERE service = 'job'");
        assertThat(gone).isBefore(leaseEnd);
        await().atMost(PATIENCE).until(() -> agent.supervisor.service("job"),
                status -> status.state() == ServiceState.STANDBY
                        && status.reason().startsWith("standby: this agent could not renew its lease within "
                        + "renewDeadline (2000ms) (epoch 1)"));
    }

    /** Waits until the copies run on {@code agent} wrote these epochs (each writes its own at its start). */
    private static void awaitEpochs(Agent agent, String... epochs) {
        Path file = agent.dir.resolve("epochs");
        await().atMost(PATIENCE).until(() -> Files.exists(file) ? Files.readAllLines(file) : List.of(),
                lines -> lines.equals(List.of(epochs)));
    }

    /**
     * The copy's processes by PID and start instant: the test JVM is no subreaper, so its killed
     * grandchildren stay zombies (alive to {@link ProcessHandle#isAlive()}) until init reaps them.
     */
    private static List<ProcessId> tree(long root) {
        ProcessHandle copy = ProcessHandle.of(root).orElseThrow();
        List<ProcessId> tree = new ArrayList<>();
        Stream.concat(Stream.of(copy), copy.descendants()).forEach(process -> ProcessId.of(process)
                .ifPresent(tree::add));
        return tree;
    }

    private Agent agent(String name) throws Exception {
        return agent(name, schema.url);
    }

    private Agent agent(String name, String url) throws Exception {
        Agent agent = new Agent(Files.createDirectories(dir.resolve(name)), url);
        closing.add(agent);
        return agent;
    }

    /** One agent: its state dir, its cluster over the test's schema, its supervisor with one singleton. */
    private final class Agent implements AutoCloseable {

        final Path dir;
        final Cluster cluster;
        final Supervisor supervisor;
        private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        private final ProbeClient probes = new ProbeClient();
        private boolean closed;

        Agent(Path dir, String url) {
            this.dir = dir;
            ServiceSpec job = ServiceSpec.of(List.of("/bin/sh", "-c", "echo \"$WARDEN_EPOCH\" >> epochs; exec sleep 600"))
                    .withSingleton(Singleton.CLUSTER);
            cluster = Cluster.open(SHORT, url, Cluster.holderId("agent-" + dir.getFileName()), List.of("job"), HostClock.system());
            supervisor = Supervisor.builder(Map.of("job", job), dir.resolve(".warden")).baseDir(dir)
                    .scheduler(Scheduler.of(scheduler)).probes(probes).clusterGate(cluster).build();
            supervisor.startAll();
            cluster.start(supervisor);
        }

        List<String> events() {
            return supervisor.events(null).stream().map(event -> event.reason()).toList();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            supervisor.close();
            cluster.close();
            probes.close();
            scheduler.shutdownNow();
        }
    }
}
