package io.warden.deploy.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.governance.GovernanceConfig;
import io.warden.governance.GovernanceService;
import io.warden.governance.Samples;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.policy.Policy;
import io.warden.governance.store.GovernanceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

    @TempDir
    Path dir;
    GovernanceStore store;
    GovernanceService governance;
    Gate gate;

    @BeforeEach
    void open() {
        store = GovernanceStore.openSqlite(dir.resolve("warden.db"));
        governance = new GovernanceService(store, GovernanceConfig.DEFAULTS, Clock.systemUTC());
        gate = new Gate(governance);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Assessment medium(String service) {
        return governance.create(Samples.ALICE, Samples.complete(service, 3, 2));
    }

    private Assessment approved(String service) {
        Assessment a = medium(service);
        governance.submit(a.id(), Samples.ALICE);
        governance.approve(a.id(), Samples.BOB, "ok");
        return governance.approve(a.id(), Samples.DAVE, "ok");
    }

    @Test
    void productionDeployWithoutAssessment_isRefused_namingTheRuleAndTheFix() {
        GateDecision decision = gate.check("web", "production", List.of(), null);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rules()).containsExactly("environment production");
        assertThat(decision.explanation()).isEqualTo("deploy of web refused by policy (environment production): it"
                + " needs an approved assessment; file an assessment naming service web, have it approved, then"
                + " deploy with --assessment ID");
    }

    @Test
    void refusal_namesTheApprovedAssessmentToUse() {
        Assessment a = approved("web");

        GateDecision decision = gate.check("web", "production", List.of("security"), null);

        assertThat(decision.rules()).containsExactly("tag security", "environment production");
        assertThat(decision.assessmentId()).isEqualTo(a.id());
        assertThat(decision.explanation()).endsWith("deploy with --assessment " + a.id());
    }

    @Test
    void stagingUntaggedDeploy_needsNothing() {
        assertThat(gate.check("web", "staging", List.of(), null).allowed()).isTrue();
    }

    @Test
    void reconfiguredPolicy_decidesTheNextCheck() {
        assertThat(gate.check("web", "staging", List.of(), null).allowed()).isTrue();

        governance.reconfigure(new GovernanceConfig(null, null, new Policy(RiskLevel.MEDIUM, List.of(),
                List.of("production", "staging"))));

        GateDecision decision = gate.check("web", "staging", List.of(), null);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rules()).containsExactly("environment staging");
    }

    @Test
    void draftAssessmentNoRuleRequires_goesWithTheDeployForItsThresholds() {
        Assessment low = governance.create(Samples.ALICE, Samples.complete("web", 1, 1));

        GateDecision decision = gate.check("web", "staging", List.of(), low.id());

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.assessmentId()).isEqualTo(low.id());
        assertThat(decision.explanation()).endsWith("is draft: its thresholds are watched, its lifecycle is not moved");
    }

    @Test
    void assessmentInReview_isRefused_namingTheMissingApprovals() {
        Assessment a = medium("web");
        governance.submit(a.id(), Samples.ALICE);
        governance.approve(a.id(), Samples.BOB, "ok");

        GateDecision decision = gate.check("web", "", List.of(), a.id());

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.missing()).containsExactly("approval by one of (qa, security)");
        assertThat(decision.explanation()).contains("(level MEDIUM >= MEDIUM)").contains("still needs one of (qa,"
                + " security); ask them to run `warden assessment approve " + a.id() + "`");
    }

    @Test
    void approvedAssessment_allows_onceOnly_andOnlyForItsService() {
        Assessment a = approved("web");

        assertThat(gate.check("web", "production", List.of(), a.id()).allowed()).isTrue();
        assertThat(gate.check("db", "production", List.of(), a.id()).explanation())
                .contains("covers [web], not db");
        governance.transition(a.id(), Samples.ALICE, Status.DEPLOYED, "");
        assertThat(gate.check("web", "production", List.of(), a.id()).explanation())
                .contains("is deployed: it covered an earlier deploy");
        assertThat(gate.check("web", "production", List.of(), "nope").explanation())
                .startsWith("assessment nope does not exist");
    }
}
