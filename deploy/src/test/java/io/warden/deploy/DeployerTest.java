package io.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.deploy.history.DeployHistory;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.deploy.watch.Verdict;
import io.warden.governance.Samples;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys of a real HTTP service under a real supervisor, watched through its Prometheus endpoint. */
class DeployerTest {

    static final UpdateSettings FAST = new UpdateSettings(Duration.ofSeconds(15), Duration.ofMillis(500),
            Duration.ofSeconds(4), Duration.ofMillis(250), 3, 4, null);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private DeployRequest request(DeployRig rig, String version, String mode, String assessment) {
        return new DeployRequest(DeployRig.SERVICE, rig.spec(version, mode), assessment, "production", List.of(),
                Samples.ALICE, FAST, List.of());
    }

    @Test
    void badVersion_rolledBackWithinIntervalTimesFailureLimitPlusRestart_oldServesAgain() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            rig.startLoad();
            String assessment = rig.approvedAssessment(rig.errorRate());
            DeployRecord started = rig.deployer.deploy(request(rig, "v2", "bad", assessment));

            DeployRecord done = rig.deployer.await(started.id(), PATIENCE);

            assertThat(done.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(done.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(done.reason()).contains("threshold 'prometheus:#rate(http_requests_total{code=\"500\"}[5s])'"
                    + " critical: value").contains("by warden");
            assertThat(rig.get("/")).isEqualTo("v1");
            Duration watched = Duration.between(rig.event(DeployEvent.Kind.WATCHING).at(),
                    rig.event(DeployEvent.Kind.ROLLING_BACK).at());
            Duration restart = Duration.between(rig.event(DeployEvent.Kind.ROLLING_BACK).at(),
                    rig.event(DeployEvent.Kind.ROLLED_BACK).at());
            assertThat(watched).isLessThanOrEqualTo(FAST.interval().multipliedBy(FAST.failureLimit())
                    .plusSeconds(2));
            System.out.println("bad version: watched " + watched.toMillis() + "ms, rollback restart "
                    + restart.toMillis() + "ms");
            List<AuditEntry> audit = rig.governance.history(assessment);
            assertThat(rig.governance.get(assessment).status()).isEqualTo(Status.CLOSED);
            assertThat(rig.governance.get(assessment).retrospective().actualLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(audit.getLast().after() + audit.get(audit.size() - 2).after())
                    .contains("rolled back at").contains("by warden").contains("critical: value");
            assertThat(new DeployHistory(rig.store.jdbi()).steps(done.id())).extracting(DeployHistory.Step::phase)
                    .containsExactly(Phase.PENDING, Phase.APPLYING, Phase.WATCHING, Phase.ROLLING_BACK,
                            Phase.ROLLED_BACK);
        }
    }

    @Test
    void goodVersion_passesItsWindow_assessmentClosedWithRetrospective() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            rig.startLoad();
            String assessment = rig.approvedAssessment(rig.errorRate());
            DeployRecord started = rig.deployer.deploy(request(rig, "v2", "good", assessment));
            assertThat(rig.governance.get(assessment).status()).isEqualTo(Status.DEPLOYED);
            await().atMost(PATIENCE).until(() -> rig.deployer.progress(started.id()).isPresent());
            assertThat(rig.deployer.progress(started.id()).orElseThrow().window()).isEqualTo(FAST.window());

            DeployRecord done = rig.deployer.await(started.id(), PATIENCE);

            assertThat(done.phase()).as(done.reason()).isEqualTo(Phase.PROMOTED);
            assertThat(done.verdict()).isEqualTo(Verdict.SUCCESSFUL);
            assertThat(rig.get("/")).isEqualTo("v2");
            var closed = rig.governance.get(assessment);
            assertThat(closed.status()).isEqualTo(Status.CLOSED);
            assertThat(closed.retrospective().predictionHeld()).isTrue();
            assertThat(rig.governance.history(assessment)).extracting(AuditEntry::detail)
                    .anyMatch(d -> d.startsWith("deployed -> observing"));
            assertThat(rig.deployer.history(DeployRig.SERVICE)).first().extracting(DeployRecord::previous)
                    .isEqualTo(rig.spec("v1", "good"));
        }
    }

    @Test
    void crashLoopingVersion_isRolledBack() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            DeployRecord done = rig.deployer.await(rig.deployer.deploy(request(rig, "v2", "crash",
                    rig.approvedAssessment(rig.errorRate()))).id(), PATIENCE);

            assertThat(done.phase()).as(done.reason()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(done.verdict()).isEqualTo(Verdict.UNHEALTHY);
            assertThat(rig.get("/")).isEqualTo("v1");
        }
    }

    @Test
    void neverHealthyVersion_isRolledBackAtItsDeadline() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            UpdateSettings shortDeadline = new UpdateSettings(Duration.ofSeconds(3), Duration.ofMillis(500),
                    Duration.ofSeconds(4), Duration.ofMillis(250), 3, 4, null);
            DeployRequest request = new DeployRequest(DeployRig.SERVICE, rig.spec("v2", "unhealthy"),
                    rig.approvedAssessment(rig.errorRate()), "production", List.of(), Samples.ALICE, shortDeadline,
                    List.of());

            DeployRecord done = rig.deployer.await(rig.deployer.deploy(request).id(), PATIENCE);

            assertThat(done.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(done.verdict()).isEqualTo(Verdict.UNHEALTHY);
            assertThat(done.reason()).contains("was not healthy for 500ms within healthyDeadline 3000ms");
            assertThat(rig.get("/")).isEqualTo("v1");
        }
    }

    @Test
    void versionWithoutMetricsEndpoint_isInconclusive_notPromoted() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            DeployRecord done = rig.deployer.await(rig.deployer.deploy(request(rig, "v2", "nometrics",
                    rig.approvedAssessment(rig.errorRate()))).id(), PATIENCE);

            assertThat(done.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(done.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(done.reason()).contains("answered HTTP 404");
            assertThat(rig.get("/")).isEqualTo("v1");
        }
    }

    @Test
    void manualRollback_stopsTheWatch_andRestoresTheStableSpec() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            DeployRequest request = new DeployRequest(DeployRig.SERVICE, rig.spec("v2", "good"), null, "", List.of(),
                    Samples.ALICE, FAST.withWindow(Duration.ofMinutes(5)), List.of());
            DeployRecord started = rig.deployer.deploy(request);
            await().atMost(PATIENCE).until(() -> rig.deployer.find(started.id()).orElseThrow().phase()
                    == Phase.WATCHING);

            DeployRecord rolledBack = rig.deployer.rollback(DeployRig.SERVICE, Samples.BOB, "customers complain");

            assertThat(rolledBack.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(rolledBack.verdict()).isEqualTo(Verdict.MANUAL);
            assertThat(rolledBack.reason()).contains("by bob (manual): customers complain");
            assertThat(rig.get("/")).isEqualTo("v1");
            assertThatThrownBy(() -> rig.deployer.rollback(DeployRig.SERVICE, Samples.BOB, null))
                    .isInstanceOf(DeployException.class).hasMessageContaining("is already rolled_back");
        }
    }

    @Test
    void daemonStoppedMidWatch_recoverResumesTheWatch_andRecordsIt() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            DeployRequest request = new DeployRequest(DeployRig.SERVICE, rig.spec("v2", "good"), null, "", List.of(),
                    Samples.ALICE, FAST, List.of());
            DeployRecord started = rig.deployer.deploy(request);
            await().atMost(PATIENCE).until(() -> rig.deployer.find(started.id()).orElseThrow().phase()
                    == Phase.WATCHING);
            rig.deployer.close();
            assertThat(rig.wiring.history().find(started.id()).orElseThrow().phase()).isEqualTo(Phase.WATCHING);

            rig.deployer = new Deployer(rig.wiring);
            assertThat(rig.deployer.recover()).extracting(DeployRecord::id).containsExactly(started.id());
            DeployRecord done = rig.deployer.await(started.id(), PATIENCE);

            assertThat(done.phase()).as(done.reason()).isEqualTo(Phase.PROMOTED);
            assertThat(rig.wiring.history().steps(started.id())).extracting(DeployHistory.Step::detail)
                    .anyMatch(d -> d.startsWith("recovered after a daemon restart during watching: watch resumed"));
        }
    }

    @Test
    void daemonStoppedWhileApplying_recoverRollsBack_andRecordsIt() throws Exception {
        try (DeployRig rig = new DeployRig(dir)) {
            await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
            var now = java.time.Instant.now();
            DeployRecord half = new DeployRecord("dep-half", DeployRig.SERVICE, null, "alice", "", Phase.APPLYING,
                    null, "stopping web and starting the new spec", rig.spec("v1", "good"), rig.spec("v2", "good"),
                    FAST, now, now, null);
            rig.wiring.history().insert(half);

            rig.deployer.recover();
            DeployRecord done = rig.deployer.await("dep-half", PATIENCE);

            assertThat(done.phase()).isEqualTo(Phase.ROLLED_BACK);
            assertThat(done.verdict()).isEqualTo(Verdict.INTERRUPTED);
            assertThat(done.reason()).contains("recovered after a daemon restart during applying");
            assertThat(rig.get("/")).isEqualTo("v1");
        }
    }
}
