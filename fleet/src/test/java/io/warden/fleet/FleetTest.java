package io.warden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet without a shared database, its settings, the agent id, and forwarding refusals. */
class FleetTest {

    @TempDir
    Path dir;

    @Test
    void withoutSharedDatabase_theFleetIsThisAgent() {
        try (Fleet fleet = Fleet.open(FleetSettings.DEFAULTS, "solo", "1.0", null,
                () -> List.of(new HostService("web", "running", 7L, 0)), Clock.systemUTC())) {
            assertThat(fleet.hosts()).isEmpty(); // not registered before the API listens
            fleet.start("http://127.0.0.1:54112");
            org.awaitility.Awaitility.await().until(() -> !fleet.hosts().isEmpty());
            Host self = fleet.hosts().getFirst();
            assertThat(self.id()).isEqualTo("solo");
            assertThat(self.self()).isTrue();
            assertThat(self.state()).isEqualTo(HostState.RUNNING);
            assertThat(self.services()).extracting(HostService::name).containsExactly("web");
            assertThat(fleet.shared()).isFalse();
        }
    }

    @Test
    void agentId_isMadeOnce_andStableForTheStateDir() throws Exception {
        String id = Agent.idOf(dir);
        assertThat(id).matches("[a-z0-9-]+-[0-9a-f]{8}");
        assertThat(Agent.idOf(dir)).isEqualTo(id);
        assertThat(Files.readString(dir.resolve(Agent.ID_FILE)).strip()).isEqualTo(id);
        assertThat(Agent.idOf(Files.createDirectory(dir.resolve("other")))).isNotEqualTo(id);
    }

    @Test
    void defaultApiUrl_namesTheHost_whenBoundToEveryAddress() {
        assertThat(Agent.defaultApiUrl("127.0.0.1", 8080)).isEqualTo("http://127.0.0.1:8080");
        assertThat(Agent.defaultApiUrl("0.0.0.0", 8080)).isEqualTo("http://" + Agent.localHostName() + ":8080");
        assertThat(Agent.defaultApiUrl("::1", 8080)).isEqualTo("http://[::1]:8080");
    }

    @Test
    void settings_refuseWhatCannotWork_andNeverPrintTheToken() {
        assertThat(FleetSettings.DEFAULTS.staleAfter()).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> new FleetSettings(Duration.ofSeconds(5), Duration.ofSeconds(6), null, null, null))
                .hasMessageContaining("fleet.staleAfter (6000ms) must be at least two heartbeats (10000ms)");
        assertThatThrownBy(() -> new FleetSettings(null, null, "host-a:54112", null, null))
                .hasMessageContaining("fleet.advertise must be a URL such as http://host-a:54112, was 'host-a:54112'");
        assertThatThrownBy(() -> new FleetSettings(null, null, null, "short", null))
                .hasMessage("fleet.token is shorter than 16 characters");
        FleetSettings settings = new FleetSettings(null, null, "http://a:1/", "secret-token-0123456789", null);
        assertThat(settings.advertise()).isEqualTo("http://a:1");
        assertThat(settings.toString()).doesNotContain("secret").contains("token=***");
    }

    @Test
    void forwardToAnotherAgent_withoutAFleetToken_isRefusedWithTheFix() {
        try (Fleet fleet = Fleet.open(FleetSettings.DEFAULTS, "solo", "1.0", null, List::of, Clock.systemUTC())) {
            Host other = new Host("agent-b", "host-b", "1.0", "http://127.0.0.1:1", HostState.RUNNING, false,
                    null, null, Duration.ZERO, List.of());
            assertThatThrownBy(() -> fleet.forward(other, new ForwardRequest("POST", "/api/v1/services/web/restart",
                    null, null, null, "ann"), "Bearer x"))
                    .isInstanceOfSatisfying(ForwardException.class, e -> assertThat(e.status()).isEqualTo(503))
                    .hasMessageContaining("forwarding to agent agent-b (host-b) needs fleet.token");
        }
    }

    @Test
    void forwardToAnAgentThatDoesNotListen_is502NamingIt() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FleetSettings settings = new FleetSettings(null, null, null, "fleet-token-0123456789", null);
        try (Fleet fleet = Fleet.open(settings, "solo", "1.0", null, List::of, Clock.systemUTC())) {
            Host other = new Host("agent-b", "host-b", "1.0", "http://127.0.0.1:" + closedPort,
                    HostState.UNREACHABLE, false, null, null, Duration.ofMinutes(1), List.of());
            assertThatThrownBy(() -> fleet.forward(other, new ForwardRequest("POST", "/api/v1/services/web/restart",
                    null, null, null, "ann"), "Bearer x"))
                    .isInstanceOfSatisfying(ForwardException.class, e -> assertThat(e.status()).isEqualTo(502))
                    .hasMessageContaining("agent agent-b (host-b, http://127.0.0.1:" + closedPort + ", unreachable)")
                    .hasMessageNotContaining("fleet-token-0123456789");
        }
    }
}
