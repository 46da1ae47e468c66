package io.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.deploy.history.DeployHistory;
import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.deploy.history.SpecJson;
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
            Duration.ofSeconds(4), Duration.ofMillis(250), 3, 4, null, null);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private DeployRequest request(DeployRig rig, String version, String mode, String assessment) {
        return request(rig, version, mode, assessment, FAST);
    }

    private DeployRequest request(DeployRig rig, String version, String mode, String assessment,
                                  UpdateSettings settings) {
        return new DeployRequest(DeployRig.SERVICE, rig.spec(version, mode), assessment, "production", List.of(),
                Samples.ALICE, settings, List.of());
    }

    /** A rig whose v1 serves. */
    private DeployRig servingV1() throws Exception {
        DeployRig rig = new DeployRig(dir);
        await().atMost(PATIENCE).until(() -> "v1".equals(rig.get("/")));
        return rig;
    }

    /** Deploys v2 in {@code mode} under an approved assessment watching the 5xx rate, to its end. */
    private static DeployRecord deployV2(DeployRig rig, String mode, UpdateSettings settings) throws Exception {
        DeployRequest request = new DeployRequest(DeployRig.SERVICE, rig.spec("v2", mode),
                rig.approvedAssessment(rig.errorRate()), "production", List.of(), Samples.ALICE, settings, List.of());
        return rig.deployer.await(rig.deployer.deploy(request).id(), PATIENCE);
    }

    /** Deploys a good v2 without assessment and waits until it is watched. */
    private static DeployRecord watchedV2(DeployRig rig, UpdateSettings settings) {
        DeployRecord started = rig.deployer.deploy(new DeployRequest(DeployRig.SERVICE, rig.spec("v2", "good"), null,
                "", List.of(), Samples.ALICE, settings, List.of()));
        await().atMost(PATIENCE).until(() -> rig.deployer.find(started.id()).orElseThrow().phase() == Phase.WATCHING);
        return started;
    }

    private static void assertRolledBack(DeployRig rig, DeployRecord done, Verdict verdict) {
        assertThat(done.phase()).as(done.reason()).isEqualTo(Phase.ROLLED_BACK);
        assertThat(done.verdict()).isEqualTo(verdict);
        assertThat(rig.get("/")).isEqualTo("v1");
    }

    @Test
    void badVersion_rolledBackWithinIntervalTimesFailureLimitPlusRestart_oldServesAgain() throws Exception {
        try (DeployRig rig = servingV1()) {
            rig.startLoad();
            String assessment = rig.approvedAssessment(rig.errorRate());
            // A window far longer than the failed rounds take: the failures decide, not the window's end
            UpdateSettings longWindow = FAST.withWindow(Duration.ofMinutes(1));
            DeployRecord started = rig.deployer.deploy(request(rig, "v2", "bad", assessment, longWindow));

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
            // Slack for scrapes and scheduling on a loaded machine, still a fraction of the window
            assertThat(watched).isLessThanOrEqualTo(FAST.interval().multipliedBy(FAST.failureLimit())
                    .plusSeconds(15));
            System.out.println("bad version: watched " + watched.toMillis() + "ms, rollback restart "
                    + restart.toMillis() + "ms");
            List<AuditEntry> audit = rig.governance.history(assessment);
            assertThat(rig.governance.get(assessment).status()).isEqualTo(Status.CLOSED);
            assertThat(rig.governance.get(assessment).retrospective().actualLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(audit.getLast().after() + audit.get(audit.size() - 2).after())
                    .contains("rolled back at").contains("by warden").contains("critical: value");
            assertThat(new DeployHistory(rig.store.jdbi(), DeployRig.HOST).steps(done.id())).extracting(DeployHistory.Step::phase)
                    .containsExactly(Phase.PENDING, Phase.APPLYING, Phase.WATCHING, Phase.ROLLING_BACK,
                            Phase.ROLLED_BACK);
        }
    }

    @Test
    void goodVersion_passesItsWindow_assessmentClosedWithRetrospective() throws Exception {
        try (DeployRig rig = servingV1()) {
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
            assertThat(rig.deployer.recent(10)).extracting(DeployRecord::id).containsExactly(started.id());
            assertThat(SpecJson.diff(done.previous(), done.next())).singleElement().asString()
                    .startsWith("command: ").contains("\"v1\",\"good\"] -> ").endsWith("\"v2\",\"good\"]");
            assertThat(rig.deployer.steps(started.id())).extracting(DeployHistory.Step::phase)
                    .containsExactly(Phase.PENDING, Phase.APPLYING, Phase.WATCHING, Phase.PROMOTED);
        }
    }

    @Test
    void changeNeedingApproval_isRefused_thenProceedsWithApprovedAssessment_oneDeployPerService() throws Exception {
        try (DeployRig rig = servingV1()) {
            assertThatThrownBy(() -> rig.deployer.deploy(request(rig, "v2", "good", null)))
                    .isInstanceOfSatisfying(DeployRefusedException.class, e -> {
                        assertThat(e.decision().rules()).containsExactly("environment production");
                        assertThat(e.decision().missing()).containsExactly("an approved assessment naming web");
                    });
            assertThat(rig.deployer.history(DeployRig.SERVICE)).isEmpty();
            assertThat(rig.get("/")).isEqualTo("v1");

            DeployRecord started = rig.deployer.deploy(request(rig, "v2", "good",
                    rig.approvedAssessment(rig.errorRate())));
            assertThatThrownBy(() -> watchedV2(rig, FAST)).isInstanceOf(DeployException.class)
                    .hasMessageStartingWith("deploy " + started.id() + " of web is ");
            assertThat(rig.deployer.await(started.id(), PATIENCE).phase()).isEqualTo(Phase.PROMOTED);
        }
    }

    @Test
    void crashLoopingVersion_isRolledBack() throws Exception {
        try (DeployRig rig = servingV1()) {
            assertRolledBack(rig, deployV2(rig, "crash", FAST), Verdict.UNHEALTHY);
        }
    }

    @Test
    void neverHealthyVersion_isRolledBackAtItsDeadline() throws Exception {
        try (DeployRig rig = servingV1()) {
            // The restored v1 must be healthy within the same deadline, so it is generous; the test
            // moves the deployer's clock past it rather than waiting it out.
            UpdateSettings deadline = new UpdateSettings(Duration.ofMinutes(1), Duration.ofMillis(500),
                    Duration.ofSeconds(4), Duration.ofMillis(250), 3, 4, null, null);
            DeployRecord started = rig.deployer.deploy(request(rig, "v2", "unhealthy",
                    rig.approvedAssessment(rig.errorRate()), deadline));
            await().atMost(PATIENCE).until(() -> "v2".equals(rig.get("/")));
            assertThat(rig.deployer.find(started.id()).orElseThrow().phase()).isEqualTo(Phase.APPLYING);

            rig.skip(deadline.healthyDeadline());
            DeployRecord done = rig.deployer.await(started.id(), PATIENCE);

            assertRolledBack(rig, done, Verdict.UNHEALTHY);
            assertThat(done.reason()).contains("was not healthy for 500ms within healthyDeadline 60000ms");
        }
    }

    @Test
    void versionWithoutMetricsEndpoint_isInconclusive_notPromoted() throws Exception {
        try (DeployRig rig = servingV1()) {
            DeployRecord done = deployV2(rig, "nometrics", FAST);

            assertRolledBack(rig, done, Verdict.INCONCLUSIVE);
            assertThat(done.reason()).contains("answered HTTP 404");
        }
    }

    @Test
    void manualRollback_stopsTheWatch_andRestoresTheStableSpec() throws Exception {
        try (DeployRig rig = servingV1()) {
            watchedV2(rig, FAST.withWindow(Duration.ofMinutes(5)));

            DeployRecord rolledBack = rig.deployer.rollback(DeployRig.SERVICE, Samples.BOB, "customers complain");

            assertRolledBack(rig, rolledBack, Verdict.MANUAL);
            assertThat(rolledBack.reason()).contains("by bob (manual): customers complain");
            assertThatThrownBy(() -> rig.deployer.rollback(DeployRig.SERVICE, Samples.BOB, null))
                    .isInstanceOf(DeployException.class).hasMessageContaining("is already rolled_back");
        }
    }

    @Test
    void daemonStoppedMidWatch_recoverResumesTheWatch_andRecordsIt() throws Exception {
        try (DeployRig rig = servingV1()) {
            DeployRecord started = watchedV2(rig, FAST);
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
        try (DeployRig rig = servingV1()) {
            var now = java.time.Instant.now();
            DeployRecord half = new DeployRecord("dep-half", DeployRig.SERVICE, null, "alice", "", Phase.APPLYING,
                    null, "stopping web and starting the new spec", rig.spec("v1", "good"), rig.spec("v2", "good"),
                    FAST, now, now, null, DeployRig.HOST);
            rig.wiring.history().insert(half);

            rig.deployer.recover();
            DeployRecord done = rig.deployer.await("dep-half", PATIENCE);

            assertRolledBack(rig, done, Verdict.INTERRUPTED);
            assertThat(done.reason()).contains("recovered after a daemon restart during applying");
        }
    }
}
