package io.warden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Fleet#heartbeatHealth()} against a real PostgreSQL: current while heartbeats are written,
 * stale with the database's error once they fail for longer than {@code fleet.staleAfter} (the
 * {@code hosts} table renamed away), current again once they succeed.
 */
class FleetHealthTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final FleetSettings FAST = new FleetSettings(Duration.ofMillis(200), Duration.ofSeconds(1), null,
            null, null);

    private PostgresSchema schema;
    private Fleet fleet;

    @BeforeEach
    void open() {
        schema = PostgresSchema.create();
        fleet = Fleet.open(FAST, "agent-a", "1.0", schema.url(), List::of, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        fleet.close();
        schema.close();
    }

    @Test
    void heartbeatHealth_followsTheWrites_andNamesWhyTheyFail() throws Exception {
        assertThat(fleet.heartbeatHealth()).as("not started: nothing due yet")
                .isEqualTo(new HeartbeatHealth(true, "registering"));
        fleet.start("http://127.0.0.1:1111");
        await().atMost(PATIENCE).until(() -> fleet.heartbeatHealth().detail().startsWith("heartbeat "));
        assertThat(fleet.heartbeatHealth().current()).isTrue();

        schema.execute("ALTER TABLE hosts RENAME TO hosts_away");
        HeartbeatHealth stale = await().atMost(PATIENCE).until(fleet::heartbeatHealth, health -> !health.current());
        assertThat(stale.detail()).startsWith("no heartbeat written for ").contains("(fleet.staleAfter 1000 ms): ")
                .contains("hosts");

        schema.execute("ALTER TABLE hosts_away RENAME TO hosts");
        await().atMost(PATIENCE).until(() -> fleet.heartbeatHealth().current());
        assertThat(fleet.heartbeatHealth().detail()).startsWith("heartbeat ");
    }
}
