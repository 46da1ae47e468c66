package io.warden.daemon;

import static io.warden.daemon.ApiClient.json;
import static io.warden.daemon.AssessmentLifecycleContract.assertProblem;
import static io.warden.daemon.GovernanceFixture.AUTHOR;
import static io.warden.daemon.GovernanceFixture.LEAD;
import static io.warden.daemon.GovernanceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.daemon.TestDaemon.Token;
import io.warden.supervisor.ServiceState;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /api/v1/config/apply} reloading {@code governance}: the deploy gate decides with the
 * new policy, an assessment's missing approvals follow the new matrix, a dry run changes nothing,
 * and the risk bands wait for a restart.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class GovernanceReloadTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String STAGING_DEPLOY =
            "{\"spec\": \"command: [/bin/sh, -c, 'exec sleep 999']\", \"environment\": \"staging\"}";
    private static final String MEDIUM_RULE = "      medium: {allOf: [lead], anyOf: [[qa, security]]}\n";

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(
                    new Token("ann", AUTHOR, "admin", "developer", "lead"),
                    new Token("lee", LEAD, "admin", "lead"),
                    new Token("vic", VIEWER, "read"))
            .config(dir -> """
                    rateLimits:
                      read: {capacity: 10000, refill: 10000, period: 1s}
                      write: {capacity: 10000, refill: 10000, period: 1s}
                    governance:
                      approvals:
                        roles: [developer, lead, qa, security, stakeholder, business-owner, cto]
                        rules:
                          low: {allOf: [developer, lead]}
                    """ + MEDIUM_RULE + """
                          high: {allOf: [lead, qa, security, stakeholder]}
                          critical: {allOf: [business-owner, cto]}
                      policy:
                        minimumLevel: medium
                        environments: [production]
                    services:
                      alpha:
                        command: [/bin/sh, -c, "exec sleep 1000"]
                    """);

    private ApiClient api;
    private Path file;
    private String original;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void up() throws Exception {
        api = new ApiClient(daemon.port());
        file = daemon.dir().resolve("warden.yaml");
        original = Files.readString(file);
        await().atMost(PATIENCE).until(() -> daemon.supervisor().service("alpha").state() == ServiceState.RUNNING);
    }

    private HttpResponse<String> apply(String text, boolean dryRun) throws Exception {
        return api.postJson(AUTHOR, "/api/v1/config/apply", mapper.writeValueAsString(
                Map.of("config", text, "file", file.toString(), "dryRun", dryRun)));
    }

    private JsonNode applied(String text, boolean dryRun) throws Exception {
        HttpResponse<String> response = apply(text, dryRun);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> governance(JsonNode plan) {
        return StreamSupport.stream(plan.path("reloaded").spliterator(), false)
                .filter(s -> s.path("section").asText().equals("governance"))
                .flatMap(s -> StreamSupport.stream(s.path("changes").spliterator(), false).map(JsonNode::asText))
                .toList();
    }

    private String stagingGated() {
        return original.replace("environments: [production]", "environments: [production, staging]");
    }

    @Test
    void aTightenedPolicy_refusesTheNextDeploy_andLoosenedAgain_letsItThrough() throws Exception {
        JsonNode plan = applied(stagingGated(), false);

        assertThat(governance(plan)).containsExactly("policy.environments: [production] -> [production, staging]");
        assertThat(plan.path("needsRestart").toString()).isEqualTo("[]");
        assertProblem(api.postJson(LEAD, "/api/v1/services/alpha/deploy", STAGING_DEPLOY), 409, "Deploy Refused",
                "environment staging");

        applied(original, false);
        HttpResponse<String> allowed = api.postJson(LEAD, "/api/v1/services/alpha/deploy", STAGING_DEPLOY);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(202);
    }

    @Test
    void anAddedApprovalRole_showsInTheMissingApprovals_theRecordedOnesKept() throws Exception {
        String yaml = GovernanceFixture.example("process-management.yaml");
        String id = json(api.post(AUTHOR, AssessmentLifecycleContract.BASE, "application/yaml", yaml)).path("id")
                .asText();
        String one = AssessmentLifecycleContract.BASE + "/" + id;
        assertThat(api.postJson(AUTHOR, one + "/submit", "").statusCode()).isEqualTo(200);
        assertThat(api.postJson(LEAD, one + "/approve", "{\"comment\": \"ok\"}").statusCode()).isEqualTo(200);
        assertThat(json(api.get(VIEWER, one)).path("approval").path("stillNeeded").toString())
                .isEqualTo("[\"one of (qa, security)\"]");

        JsonNode plan = applied(original.replace(MEDIUM_RULE,
                "      medium: {allOf: [lead, stakeholder], anyOf: [[qa, security]]}\n"), false);

        assertThat(governance(plan)).containsExactly(
                "approvals.medium: lead + one of (qa, security) -> lead + stakeholder + one of (qa, security)");
        JsonNode approval = json(api.get(VIEWER, one)).path("approval");
        assertThat(approval.path("filledBy").path("lee").asText()).isEqualTo("lead");
        assertThat(approval.path("stillNeeded").toString()).isEqualTo("[\"stakeholder\",\"one of (qa, security)\"]");
    }

    @Test
    void aDryRun_showsTheGovernanceChange_andAppliesNone_whileBandsNeedARestart() throws Exception {
        String changed = stagingGated().replace("governance:\n", "governance:\n  bands: {medium: 6, high: 10,"
                + " critical: 20}\n");

        JsonNode plan = applied(changed, true);

        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(governance(plan)).containsExactly("policy.environments: [production] -> [production, staging]");
        assertThat(plan.path("needsRestart").toString()).isEqualTo("[\"governance.bands\"]");
        HttpResponse<String> allowed = api.postJson(LEAD, "/api/v1/services/alpha/deploy", STAGING_DEPLOY);
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(202);
    }
}
