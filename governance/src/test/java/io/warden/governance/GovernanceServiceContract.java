package io.warden.governance;

import static io.warden.governance.Samples.ALICE;
import static io.warden.governance.Samples.BOB;
import static io.warden.governance.Samples.CAROL;
import static io.warden.governance.Samples.DAVE;
import static io.warden.governance.Samples.ERIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.approval.ApprovalMatrix;
import io.warden.governance.approval.ApprovalRule;
import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.AssessmentFilter;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Kind;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.store.GovernanceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The facade's rules end to end on a real database, run against every backend by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GovernanceServiceContract {

    private final TestClock clock = new TestClock(Instant.parse("2025-11-10T09:00:00Z"));
    private TestBackend backend;
    private GovernanceStore store;
    private GovernanceService service;

    abstract TestBackend backend() throws Exception;

    @BeforeAll
    void open() throws Exception {
        backend = backend();
        store = GovernanceStore.open(backend.url());
        service = new GovernanceService(store, GovernanceConfig.DEFAULTS, clock);
    }

    @AfterAll
    void closeAll() throws Exception {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static String svc() {
        return "svc-" + UUID.randomUUID();
    }

    @Test
    void plannedMediumChange_fullLifecycle_withSelfApprovalRefused_aRejection_andARetrospective() {
        String svc = svc();
        Assessment draft = service.create(ALICE, Samples.complete(svc, 3, 2));
        assertThat(draft.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(draft.status()).isEqualTo(Status.DRAFT);

        clock.advance(Duration.ofMinutes(1));
        Assessment review = service.submit(draft.id(), ALICE);
        assertThat(review.status()).isEqualTo(Status.IN_REVIEW);
        assertThat(review.round()).isEqualTo(1);

        assertThatThrownBy(() -> service.approve(draft.id(), ALICE, "lgtm"))
                .isInstanceOf(ApprovalRefusedException.class).hasMessageContaining("alice cannot approve");
        assertThat(service.approve(draft.id(), BOB, "ok as lead").status()).isEqualTo(Status.IN_REVIEW);
        assertThat(service.progress(draft.id()).stillNeeded()).containsExactly("one of (qa, security)");
        assertThatThrownBy(() -> service.reject(draft.id(), CAROL, " "))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("comment"));
        Assessment rejected = service.reject(draft.id(), CAROL, "no soak test yet");
        assertThat(rejected.status()).isEqualTo(Status.REJECTED);

        assertThatThrownBy(() -> service.update(draft.id(), ALICE, Samples.complete(svc, 3, 2)))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("only a draft is edited");
        service.transition(draft.id(), ALICE, Status.DRAFT, "adding the soak test");
        AssessmentContent reworked = Samples.complete(svc, 2, 3);
        assertThat(service.update(draft.id(), ALICE, reworked).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(service.submit(draft.id(), ALICE).round()).isEqualTo(2);

        assertThat(service.approve(draft.id(), BOB, "again").status()).isEqualTo(Status.IN_REVIEW);
        clock.advance(Duration.ofMinutes(5));
        Assessment approved = service.approve(draft.id(), DAVE, "security ok");
        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approved.decisions()).hasSize(4);
        assertThat(service.policy(draft.id()).reasons()).containsExactly("level MEDIUM >= MEDIUM");

        assertThatThrownBy(() -> service.transition(draft.id(), BOB, Status.OBSERVING, ""))
                .isInstanceOfSatisfying(IllegalTransitionException.class,
                        e -> assertThat(e.allowed()).containsExactly("deployed"));
        service.transition(draft.id(), BOB, Status.DEPLOYED, "deployed v2");
        service.transition(draft.id(), BOB, Status.OBSERVING, "watching 24h");
        Assessment closed = service.close(draft.id(), BOB,
                new Retrospective(List.of("RSS peaked at 450MB"), null, RiskLevel.LOW, "safer than predicted"));
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.retrospective().predictedLevel()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(service.get(draft.id())).isEqualTo(closed);
        assertThatThrownBy(() -> service.transition(draft.id(), BOB, Status.DEPLOYED, ""))
                .hasMessageContaining("closed is final");

        List<AuditEntry> audit = service.history(draft.id());
        assertThat(audit).extracting(AuditEntry::action).containsExactly("created", "transition", "approved",
                "rejected", "transition", "transition", "updated", "transition", "approved", "approved", "transition",
                "transition", "transition", "retrospective", "transition");
        assertThat(audit).extracting(AuditEntry::detail).contains("draft -> in_review: submitted for review round 1;"
                + " needs lead + one of (qa, security)", "rejected -> draft: adding the soak test");
        AuditEntry rejection = audit.get(3);
        assertThat(rejection.actor()).isEqualTo("carol");
        assertThat(rejection.role()).isEqualTo("qa");
        assertThat(rejection.after()).contains("\"comment\":\"no soak test yet\"");
        AuditEntry completion = audit.get(10);
        assertThat(completion.detail()).isEqualTo("in_review -> approved: approval complete: {bob=lead, dave=security}");
        assertThat(completion.at()).isEqualTo(Instant.parse("2025-11-10T09:06:00Z"));
        assertThat(completion.before()).isEqualTo("{\"status\":\"in_review\"}");
        assertThat(completion.after()).isEqualTo("{\"status\":\"approved\"}");
        assertThat(service.codec().readJson(audit.getFirst().after(), "audit", AssessmentContent.class))
                .isEqualTo(draft.content());
        assertThat(audit.get(6).before()).contains("\"likelihood\":3");
        assertThat(audit.get(6).after()).contains("\"likelihood\":2");
    }

    @Test
    void retrospectiveOfADeployedLowChange_isApprovedByDeveloperAndLead_thenClosedWithoutADeployStep() {
        Assessment a = service.create(ERIN, Samples.complete(svc(), Kind.RETROSPECTIVE, 1, 2));
        service.submit(a.id(), ERIN);
        assertThatThrownBy(() -> service.approve(a.id(), ERIN, "mine")).isInstanceOf(ApprovalRefusedException.class);
        service.approve(a.id(), BOB, "lead ok");
        assertThat(service.approve(a.id(), Approver.of("frank", "developer"), "dev ok").status())
                .isEqualTo(Status.APPROVED);
        Assessment closed = service.close(a.id(), BOB, new Retrospective(List.of(), null, RiskLevel.LOW, ""));
        assertThat(closed.retrospective().predictionHeld()).isTrue();
    }

    @Test
    void badInput_isRefusedNamingTheField() {
        assertThatThrownBy(() -> service.create(ALICE, Samples.bare(svc(), 1, 2, RiskLevel.HIGH)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("level");
                    assertThat(e).hasMessageStartingWith("level is HIGH but the risks give LOW: the highest risk"
                            + " 'Something breaks' scores 1 x 2 = 2");
                });
        assertThatThrownBy(() -> service.create(Approver.of("zed", "intern"), Samples.complete(svc(), 1, 1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("roles");
                    assertThat(e).hasMessageContaining("'intern'");
                });
        Assessment bare = service.create(ALICE, Samples.bare(svc(), 4, 4, RiskLevel.HIGH));
        assertThatThrownBy(() -> service.submit(bare.id(), ALICE))
                .isInstanceOfSatisfying(IncompleteAssessmentException.class, e -> assertThat(e.missing())
                        .containsExactly("summary", "services", "testing.done", "rollback", "monitoring",
                                "checklists.pre", "checklists.deployment", "checklists.post"));
        assertThat(service.get(bare.id()).status()).isEqualTo(Status.DRAFT);
        assertThatThrownBy(() -> service.get("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("assessment nope does not exist");
        assertThatThrownBy(() -> service.transition(bare.id(), ALICE, Status.APPROVED, ""))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("use approve or reject");
    }

    @Test
    void listFilters_byServiceStatusAndLevel() {
        String svc = svc();
        Assessment low = service.create(ALICE, Samples.complete(svc, 1, 1));
        Assessment high = service.create(ALICE, Samples.complete(svc, 4, 3));
        service.submit(high.id(), ALICE);
        assertThat(service.list(new AssessmentFilter(null, null, svc))).hasSize(2);
        assertThat(service.list(new AssessmentFilter(Status.IN_REVIEW, RiskLevel.HIGH, svc)))
                .extracting(Assessment::id).containsExactly(high.id());
        assertThat(service.list(new AssessmentFilter(Status.DRAFT, null, svc)))
                .extracting(Assessment::id).containsExactly(low.id());
    }

    @Test
    void twoApproversAtOnce_bothDecisionsAreKept_andTheAssessmentIsApproved() throws Exception {
        Assessment a = service.create(ALICE, Samples.complete(svc(), 3, 2));
        service.submit(a.id(), ALICE);
        CyclicBarrier gate = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Assessment> lead = CompletableFuture.supplyAsync(() -> await(gate,
                    () -> service.approve(a.id(), BOB, "lead")), threads);
            CompletableFuture<Assessment> qa = CompletableFuture.supplyAsync(() -> await(gate,
                    () -> service.approve(a.id(), CAROL, "qa")), threads);
            lead.get(30, TimeUnit.SECONDS);
            qa.get(30, TimeUnit.SECONDS);
        }
        Assessment after = service.get(a.id());
        assertThat(after.status()).isEqualTo(Status.APPROVED);
        assertThat(after.decisions()).extracting(d -> d.user()).containsExactlyInAnyOrder("bob", "carol");
    }

    @Test
    void anotherProcessWroteTheAssessment_theNextWriteHereStartsFromWhatItWrote() {
        try (GovernanceStore otherStore = GovernanceStore.open(backend.url())) {
            GovernanceService other = new GovernanceService(otherStore, GovernanceConfig.DEFAULTS, clock);
            String svc = svc();
            Assessment a = service.create(ALICE, Samples.complete(svc, 1, 2));
            AssessmentContent retitled = Samples.complete(svc, 2, 2);
            other.update(a.id(), ERIN, retitled);
            // This service last wrote version 1: its save conflicts and it starts again from version 2.
            Assessment submitted = service.submit(a.id(), ALICE);
            assertThat(submitted.version()).isEqualTo(3);
            assertThat(submitted.content().risks()).isEqualTo(retitled.risks());

            Assessment b = service.create(ALICE, Samples.complete(svc, 1, 2));
            other.submit(b.id(), ALICE);
            // From its own copy (a draft) this service would refuse an approval; the stored one is in review.
            assertThat(service.approve(b.id(), BOB, "ok").decisions()).extracting(d -> d.user()).containsExactly("bob");
            assertThatThrownBy(() -> service.submit(b.id(), ALICE)).isInstanceOf(IllegalTransitionException.class);
            assertThat(service.get(b.id()).version()).isEqualTo(3);
        }
    }

    private static <T> T await(CyclicBarrier gate, java.util.function.Supplier<T> work) {
        try {
            gate.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return work.get();
    }

    @Test
    void reconfiguredMatrix_keepsTheRecordedApprovals_andDecidesTheNextOne() {
        GovernanceService reloaded = new GovernanceService(store, GovernanceConfig.DEFAULTS, clock);
        Assessment a = reloaded.create(ALICE, Samples.complete(svc(), 3, 2));
        reloaded.submit(a.id(), ALICE);
        reloaded.approve(a.id(), BOB, "ok");
        assertThat(reloaded.progress(a.id()).stillNeeded()).containsExactly("one of (qa, security)");

        java.util.Map<RiskLevel, ApprovalRule> rules = new java.util.EnumMap<>(ApprovalMatrix.DEFAULTS.rules());
        rules.put(RiskLevel.MEDIUM, ApprovalRule.allOf("lead", "qa", "security"));
        ApprovalMatrix stricter = new ApprovalMatrix(ApprovalMatrix.DEFAULTS.roles(), rules);
        reloaded.reconfigure(new GovernanceConfig(null, stricter, null));

        assertThat(reloaded.progress(a.id()).filledBy()).containsEntry("bob", "lead");
        assertThat(reloaded.progress(a.id()).stillNeeded()).containsExactly("qa", "security");
        assertThat(reloaded.approve(a.id(), CAROL, "ok").status()).isEqualTo(Status.IN_REVIEW);
        assertThat(reloaded.approve(a.id(), DAVE, "ok").status()).isEqualTo(Status.APPROVED);
        assertThat(service.progress(a.id()).stillNeeded()).isEmpty();
    }
}
