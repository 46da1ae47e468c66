package io.warden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two agents' {@link Fleet}s in one PostgreSQL schema (fresh per test): rows, heartbeats, staleness, stop. */
class SharedFleetTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final FleetSettings FAST = new FleetSettings(Duration.ofMillis(200), Duration.ofSeconds(2), null,
            null, null);

    private PostgresSchema schema;
    private final AtomicReference<List<HostService>> services = new AtomicReference<>(
            List.of(new HostService("web", "running", 4242L, 0)));
    private Fleet a;
    private Fleet b;

    @BeforeEach
    void open() {
        schema = PostgresSchema.create();
        a = Fleet.open(FAST, "agent-a", "1.0", schema.url(), services::get, Clock.systemUTC());
        b = Fleet.open(FAST, "agent-b", "1.1", schema.url(), List::of, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        schema.close();
    }

    private Host seenByB(String id) {
        return b.host(id).orElse(null);
    }

    @Test
    void started_agentsSeeEachOther_withServices_andAChangeIsSeenSoon() {
        a.start("http://127.0.0.1:1111");
        b.start("http://127.0.0.1:2222");

        await().atMost(PATIENCE).until(() -> b.hosts().size() == 2);
        Host host = seenByB("agent-a");
        assertThat(host.state()).isEqualTo(HostState.RUNNING);
        assertThat(host.self()).isFalse();
        assertThat(host.apiUrl()).isEqualTo("http://127.0.0.1:1111");
        assertThat(host.version()).isEqualTo("1.0");
        assertThat(host.services()).containsExactly(new HostService("web", "running", 4242L, 0));
        assertThat(b.host("agent-b")).map(Host::self).contains(true);
        assertThat(a.shared()).isTrue();

        services.set(List.of(new HostService("web", "stopped", null, 1)));
        a.changed();
        await().atMost(PATIENCE).until(() -> seenByB("agent-a").services().getFirst().state().equals("stopped"));
    }

    @Test
    void heartbeatOlderThanStaleAfter_byTheDatabaseClock_isUnreachable_untilItBeatsAgain() throws Exception {
        Fleet slow = Fleet.open(new FleetSettings(Duration.ofMinutes(5), Duration.ofMinutes(10), null, null, null),
                "agent-slow", "1.0", schema.url(), List::of, Clock.systemUTC());
        try {
            slow.start("http://127.0.0.1:3333");
            await().atMost(PATIENCE).until(() -> seenByB("agent-slow") != null);
            assertThat(seenByB("agent-slow").state()).isEqualTo(HostState.RUNNING);

            // As if its last heartbeat were 5 s old (the database's clock is the only one compared).
            schema.execute("UPDATE hosts SET heartbeat_at = heartbeat_at - 5000 WHERE agent_id = 'agent-slow'");
            Host stale = seenByB("agent-slow");
            assertThat(stale.state()).isEqualTo(HostState.UNREACHABLE);
            assertThat(stale.heartbeatAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));

            slow.changed(); // a heartbeat
            await().atMost(PATIENCE).until(() -> seenByB("agent-slow").state() == HostState.RUNNING);
        } finally {
            slow.close();
        }
    }

    @Test
    void closed_isStopped_notDeleted_andARestartRegistersAgain() {
        a.start("http://127.0.0.1:1111");
        await().atMost(PATIENCE).until(() -> seenByB("agent-a") != null);

        a.close();
        assertThat(seenByB("agent-a").state()).isEqualTo(HostState.STOPPED);

        a = Fleet.open(FAST, "agent-a", "1.2", schema.url(), services::get, Clock.systemUTC());
        a.start("http://127.0.0.1:4444");
        await().atMost(PATIENCE).until(() -> seenByB("agent-a").state() == HostState.RUNNING);
        assertThat(seenByB("agent-a").version()).isEqualTo("1.2");
        assertThat(b.hosts()).extracting(Host::id).containsExactly("agent-a");
    }

    @Test
    void rowDeletedByAnOperator_isWrittenAgainAtTheNextHeartbeat() throws Exception {
        a.start("http://127.0.0.1:1111");
        await().atMost(PATIENCE).until(() -> seenByB("agent-a") != null);
        schema.execute("DELETE FROM hosts");
        await().atMost(PATIENCE).until(() -> seenByB("agent-a") != null);
    }
}
