package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.GovernanceFixture.AUTHOR;
import static io.warden.daemon.GovernanceFixture.LEAD;
import static io.warden.daemon.GovernanceFixture.QA;
import static io.warden.daemon.GovernanceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents as separate daemon processes, each with its state dir and port, sharing one PostgreSQL
 * schema (fresh per test, dropped after): they see each other, a control request sent to one for a
 * service of the other runs there, a killed agent shows unreachable, and governance is shared.
 */
@EnabledOnOs(OS.LINUX)
class FleetTest {

    private static final String FLEET_TOKEN = "fleet-token-0123456789abcdef";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * fleet.staleAfter of the agents: many heartbeats (300ms), as a loaded machine can stall one agent's
     * heartbeat for seconds, and a live agent seen as unreachable would refuse the forwarded calls.
     */
    private static final Duration STALE_AFTER = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private PostgresSchema schema;
    private final List<AgentProcess> agents = new ArrayList<>();
    /** Services a killed agent left running: its own children outlive it by design. */
    private final List<ProcessHandle> leftovers = new ArrayList<>();

    @BeforeEach
    void database() {
        schema = PostgresSchema.create("warden_fleet");
    }

    @AfterEach
    void stop() throws Exception {
        for (AgentProcess agent : agents) {
            agent.close();
        }
        leftovers.forEach(ProcessHandle::destroyForcibly);
        if (schema != null) {
            schema.close();
        }
    }

    private AgentProcess agent(String name, String service, String fleetToken) throws Exception {
        AgentProcess agent = AgentProcess.start(dir.resolve(name), """
                server: {port: 0}
                auth:
                  tokens:
                    - {user: ann, token: %s, scope: admin, roles: [developer, lead]}
                    - {user: lee, token: %s, scope: admin, roles: [lead]}
                    - {user: quinn, token: %s, scope: admin, roles: [qa]}
                    - {user: vic, token: %s, scope: read}
                rateLimits:
                  read: {capacity: 10000, refill: 10000, period: 1s}
                  write: {capacity: 10000, refill: 10000, period: 1s}
                storage: {url: "%s"}
                fleet: {heartbeat: 300ms, staleAfter: %dms, token: "%s"}
                update: {healthyDeadline: 20s, minHealthyTime: 300ms, window: 1s, interval: 100ms}
                services:
                  %s: {command: [sleep, "600"]}
                """.formatted(AUTHOR, LEAD, QA, VIEWER, schema.url(), STALE_AFTER.toMillis(), fleetToken, service));
        agents.add(agent);
        return agent;
    }

    @Test
    void twoAgents_listEachOther_forwardARestart_andAKilledOneShowsUnreachable() throws Exception {
        AgentProcess a = agent("a", "alpha", FLEET_TOKEN);
        AgentProcess b = agent("b", "beta", FLEET_TOKEN);
        String aId = a.id();
        String bId = b.id();

        for (AgentProcess agent : List.of(a, b)) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode hosts = json(agent.api().get(VIEWER, "/api/v1/hosts"));
                assertThat(hosts.path("shared").asBoolean()).isTrue();
                assertThat(host(hosts, aId)).map(h -> h.path("state").asText()).contains("running");
                assertThat(host(hosts, bId)).map(h -> h.path("state").asText()).contains("running");
                assertThat(serviceState(host(hosts, aId).orElseThrow(), "alpha")).isEqualTo("running");
                assertThat(serviceState(host(hosts, bId).orElseThrow(), "beta")).isEqualTo("running");
            });
        }
        // /health reports the heartbeat (PostgreSQL storage), its detail for callers with a token only.
        JsonNode fleetHealth = json(a.api().get(VIEWER, "/health")).at("/components/fleet");
        assertThat(fleetHealth.path("up").asBoolean()).as(fleetHealth.toString()).isTrue();
        assertThat(fleetHealth.path("detail").asText()).startsWith("postgresql, heartbeat ");
        assertThat(json(a.api().get(null, "/health")).at("/components/fleet/detail").asText()).isEmpty();
        JsonNode seenFromA = json(a.api().get(VIEWER, "/api/v1/hosts/" + bId));
        assertThat(seenFromA.path("self").asBoolean()).isFalse();
        assertThat(seenFromA.path("apiUrl").asText()).endsWith(":" + b.port());
        assertThat(a.api().send(VIEWER, "GET", "/api/v1/hosts", null, null).statusCode()).isEqualTo(200);

        long before = json(b.api().get(VIEWER, "/api/v1/services/beta")).path("pid").asLong();
        HttpResponse<String> restarted = a.api().postJson(AUTHOR, "/api/v1/hosts/" + bId + "/services/beta/restart",
                "");
        assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
        long after = json(restarted).path("pid").asLong();
        assertThat(after).isNotEqualTo(before).isPositive();
        assertThat(json(b.api().get(VIEWER, "/api/v1/services/beta")).path("pid").asLong()).isEqualTo(after);
        assertThat(ProcessHandle.of(before)).isEmpty();
        await().atMost(PATIENCE).until(() -> host(json(a.api().get(VIEWER, "/api/v1/hosts")), bId)
                .map(h -> h.path("services").get(0).path("pid").asLong()).orElse(0L) == after);

        // Refused: no token, a read-only token, a wrong token straight to the owner.
        assertProblem(a.api().postJson(null, "/api/v1/hosts/" + bId + "/services/beta/restart", ""), 401, null);
        assertProblem(a.api().postJson(VIEWER, "/api/v1/hosts/" + bId + "/services/beta/restart", ""), 403, null);
        assertProblem(b.api().postJson("fleet-token-wrong-0123456789", "/api/v1/services/beta/restart", ""), 401,
                null);
        assertProblem(a.api().postJson(AUTHOR, "/api/v1/hosts/nobody/services/beta/restart", ""), 404, "nobody");
        assertThat(json(b.api().get(VIEWER, "/api/v1/services/beta")).path("pid").asLong()).isEqualTo(after);

        // An agent whose fleet.token differs is refused by the owner: 502 naming the owner.
        AgentProcess c = agent("c", "gamma", "another-fleet-token-0123456789");
        HttpResponse<String> mismatch = c.api().postJson(AUTHOR, "/api/v1/hosts/" + bId
                + "/services/beta/restart", "");
        assertProblem(mismatch, 502, "refused this agent's fleet.token");
        assertThat(json(mismatch).path("detail").asText()).contains(bId);
        assertThat(json(b.api().get(VIEWER, "/api/v1/services/beta")).path("pid").asLong()).isEqualTo(after);

        ProcessHandle.of(after).ifPresent(leftovers::add);
        b.kill();
        long killedAt = System.nanoTime();
        await().atMost(PATIENCE).until(() -> host(json(a.api().get(VIEWER, "/api/v1/hosts")), bId)
                .map(h -> h.path("state").asText()).orElse("").equals("unreachable"));
        Duration seen = Duration.ofNanos(System.nanoTime() - killedAt);
        // Unreachable once the heartbeat is older than staleAfter; the slack is for a busy machine.
        assertThat(seen).isLessThan(STALE_AFTER.plusSeconds(10));
        assertThat(host(json(a.api().get(VIEWER, "/api/v1/hosts")), aId).map(h -> h.path("state").asText()))
                .contains("running");
        HttpResponse<String> gone = a.api().postJson(AUTHOR, "/api/v1/hosts/" + bId + "/services/beta/restart", "");
        assertProblem(gone, 502, bId);
        assertThat(json(gone).path("detail").asText()).contains("unreachable", "127.0.0.1:" + b.port());
    }

    @Test
    void assessmentApprovedThroughA_gatesADeployThroughB_andBsDeployIsInAsHistory() throws Exception {
        AgentProcess a = agent("a", "alpha", FLEET_TOKEN);
        AgentProcess b = agent("b", "beta", FLEET_TOKEN);
        String bId = b.id();
        String deployBody = "{\"spec\": \"command: [sleep, \\\"601\\\"]\", \"environment\": \"production\"";

        HttpResponse<String> refused = b.api().postJson(AUTHOR, "/api/v1/services/beta/deploy", deployBody + "}");
        assertProblem(refused, 409, "approved assessment");

        // Filed and submitted through B (B's store remembers it in review), approved through A.
        String yaml = GovernanceFixture.example("process-management.yaml")
                .replace("services: [control-center-backend]", "services: [beta]")
                .replace("environment: development", "environment: production");
        String id = json(b.api().post(AUTHOR, "/api/v1/assessments", "application/yaml", yaml)).path("id").asText();
        assertThat(b.api().postJson(AUTHOR, "/api/v1/assessments/" + id + "/submit", "").statusCode()).isEqualTo(200);
        assertThat(a.api().postJson(LEAD, "/api/v1/assessments/" + id + "/approve", "{\"comment\": \"ok\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> approved = a.api().postJson(QA, "/api/v1/assessments/" + id + "/approve",
                "{\"comment\": \"ok\"}");
        assertThat(json(approved).path("status").asText()).as(approved.body()).isEqualTo("approved");

        HttpResponse<String> accepted = b.api().postJson(AUTHOR, "/api/v1/services/beta/deploy",
                deployBody + ", \"assessment\": \"" + id + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String deployId = json(accepted).path("id").asText();
        assertThat(json(accepted).path("host").asText()).isEqualTo(bId);

        // Seen from A as it ends on B (the example's thresholds name no Warden metric, so its watch may
        // end inconclusive and roll back; the gate's part is done once B accepted the deploy).
        JsonNode inA = await().atMost(PATIENCE).until(() -> json(a.api().get(VIEWER, "/api/v1/deploys")),
                list -> deploy(list, deployId).map(d -> d.path("phase").asText()).orElse("")
                        .matches("promoted|rolled_back"));
        assertThat(deploy(inA, deployId).orElseThrow().path("host").asText()).isEqualTo(bId);
        assertThat(deploy(inA, deployId).orElseThrow().path("assessmentId").asText()).isEqualTo(id);
        assertThat(deploy(json(a.api().get(VIEWER, "/api/v1/deploys?host=" + bId)), deployId)).isPresent();
        assertThat(deploy(json(a.api().get(VIEWER, "/api/v1/deploys?host=self")), deployId)).isEmpty();
        assertThat(json(a.api().get(VIEWER, "/api/v1/assessments/" + id)).path("assessment").path("status")
                .asText()).isIn("deployed", "observing", "closed");

        // A clean stop says so: stopped, not unreachable.
        b.close();
        await().atMost(PATIENCE).until(() -> host(json(a.api().get(VIEWER, "/api/v1/hosts")), bId)
                .map(h -> h.path("state").asText()).orElse("").equals("stopped"));
    }

    private static Optional<JsonNode> host(JsonNode hosts, String id) {
        return StreamSupport.stream(hosts.path("hosts").spliterator(), false)
                .filter(host -> host.path("id").asText().equals(id)).findFirst();
    }

    private static Optional<JsonNode> deploy(JsonNode deploys, String id) {
        return StreamSupport.stream(deploys.path("deploys").spliterator(), false)
                .filter(deploy -> deploy.path("id").asText().equals(id)).findFirst();
    }

    private static String serviceState(JsonNode host, String service) {
        return StreamSupport.stream(host.path("services").spliterator(), false)
                .filter(s -> s.path("name").asText().equals(service)).findFirst()
                .map(s -> s.path("state").asText()).orElse("absent");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        if (detail != null) {
            assertThat(json(response).path("detail").asText()).contains(detail);
        }
    }
}
