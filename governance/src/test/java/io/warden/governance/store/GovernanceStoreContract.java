package io.warden.governance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.governance.ConflictException;
import io.warden.governance.Samples;
import io.warden.governance.StorageException;
import io.warden.governance.TestBackend;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentFilter;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.assessment.Verdict;
import io.warden.governance.matrix.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The store's contract, run against every backend by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GovernanceStoreContract {

    static final Instant T0 = Instant.parse("2025-11-10T10:00:00.123Z");

    TestBackend backend;
    GovernanceStore store;

    /** The database this run uses. */
    abstract TestBackend backend() throws Exception;

    @BeforeAll
    void open() throws Exception {
        backend = backend();
        store = GovernanceStore.open(backend.url());
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

    static Assessment draft(String service, int likelihood, int impact, Instant at) {
        var content = Samples.complete(service, likelihood, impact);
        RiskLevel level = io.warden.governance.matrix.RiskBands.DEFAULTS.overall(content.risks());
        return new Assessment(UUID.randomUUID().toString(), 1, content.withLevel(level), level, Status.DRAFT, "alice",
                0, List.of(), null, at, at);
    }

    private static Assessment moved(Assessment a, Status status, Instant at) {
        return new Assessment(a.id(), a.version() + 1, a.content(), a.level(), status, a.author(), a.round(),
                a.decisions(), a.retrospective(), a.createdAt(), at);
    }

    static AuditEntry entry(Assessment a, String action) {
        return AuditEntry.pending(a.id(), a.updatedAt(), "alice", "developer", action, action + " it", null, "{}");
    }

    @Test
    void insertThenFind_returnsAnEqualRecord_withDecisionsAndRetrospective() {
        Assessment a = draft("roundtrip", 3, 3, T0);
        store.insert(a, List.of(entry(a, "created")));
        assertThat(store.find(a.id())).contains(a);

        Decision decision = new Decision("bob", List.of("lead", "qa"), Verdict.APPROVE, "fine | ok", T0.plusSeconds(5), 1);
        Assessment closed = new Assessment(a.id(), 2, a.content(), a.level(), Status.CLOSED, a.author(), 1,
                List.of(decision), new Retrospective(List.of("none"), RiskLevel.MEDIUM, RiskLevel.LOW, "held"),
                a.createdAt(), T0.plusSeconds(9));
        store.save(closed, 1, List.of(entry(closed, "closed")));
        assertThat(store.find(a.id())).contains(closed);
        assertThat(store.find("no-such-id")).isEmpty();
    }

    @Test
    void saveWithAStaleVersion_isAConflict_andChangesNothing() {
        Assessment a = draft("conflict", 1, 1, T0);
        store.insert(a, List.of(entry(a, "created")));
        store.save(moved(a, Status.IN_REVIEW, T0.plusSeconds(1)), 1, List.of(entry(a, "first")));
        assertThatThrownBy(() -> store.save(moved(a, Status.REJECTED, T0), 1,
                List.of(entry(a, "second")))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("expected version 1");
        assertThat(store.find(a.id()).orElseThrow().status()).isEqualTo(Status.IN_REVIEW);
        assertThat(store.audit(a.id())).extracting(AuditEntry::action).containsExactly("created", "first");
    }

    @Test
    void auditLog_isNumberedInOrder_andKeepsEveryEntry() {
        Assessment a = draft("audit", 1, 1, T0);
        store.insert(a, List.of(entry(a, "created")));
        Assessment current = a;
        for (int i = 0; i < 5; i++) {
            Assessment next = moved(current, Status.DRAFT, T0.plusSeconds(i));
            store.save(next, current.version(), List.of(entry(next, "edit" + i), entry(next, "note" + i)));
            current = next;
        }
        List<AuditEntry> audit = store.audit(a.id());
        assertThat(audit).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(audit.get(1)).satisfies(e -> {
            assertThat(e.action()).isEqualTo("edit0");
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.role()).isEqualTo("developer");
            assertThat(e.before()).isNull();
            assertThat(e.after()).isEqualTo("{}");
        });
    }

    @Test
    void list_filtersByStatusLevelAndService_newestFirst() {
        String svc = "filter-" + UUID.randomUUID();
        Assessment low = draft(svc, 1, 1, T0);
        Assessment high = draft(svc, 4, 3, T0.plusSeconds(1));
        Assessment other = draft("other-" + svc, 4, 3, T0.plusSeconds(2));
        for (Assessment a : List.of(low, high, other)) {
            store.insert(a, List.of(entry(a, "created")));
        }
        store.save(moved(high, Status.IN_REVIEW, T0.plusSeconds(3)), 1, List.of());
        assertThat(store.list(new AssessmentFilter(null, null, svc))).extracting(Assessment::id)
                .containsExactly(high.id(), low.id());
        assertThat(store.list(new AssessmentFilter(Status.IN_REVIEW, null, svc))).extracting(Assessment::id)
                .containsExactly(high.id());
        assertThat(store.list(new AssessmentFilter(null, RiskLevel.LOW, svc))).extracting(Assessment::id)
                .containsExactly(low.id());
        assertThat(store.list(new AssessmentFilter(Status.DRAFT, RiskLevel.HIGH, null))).extracting(Assessment::id)
                .contains(other.id()).doesNotContain(high.id(), low.id());
    }

    @Test
    void rowsThatReferenceNoAssessment_areRefusedByForeignKeys() {
        assertThatThrownBy(() -> store.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO audit_log (assessment_id, seq, logged_at, actor, actor_role, action, detail)"
                        + " VALUES ('ghost', 1, 0, 'x', '', 'x', '')")))
                .isInstanceOf(org.jdbi.v3.core.JdbiException.class);
    }

    @Test
    void reopening_migratesNothingAgain_andSeesTheData() {
        Assessment a = draft("reopen", 2, 2, T0);
        store.insert(a, List.of(entry(a, "created")));
        try (GovernanceStore again = GovernanceStore.open(backend.url())) {
            assertThat(again.find(a.id())).contains(a);
        }
    }

    @Test
    void unsupportedUrl_isRefusedNamingTheSupportedOnes_withoutThePassword() {
        assertThatThrownBy(() -> GovernanceStore.open("jdbc:mysql://h/db?password=hunter2"))
                .isInstanceOf(StorageException.class).hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2").hasMessageContaining("jdbc:sqlite:FILE");
    }

    /**
     * Holds every committer thread busy until the returned latch is opened, so that the writes
     * queued meanwhile are committed as one batch.
     */
    private CountDownLatch holdCommitters(List<Thread> holders) throws InterruptedException {
        GroupCommit group = store.groupCommit();
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < group.committers(); i++) {
            // One at a time: each holder must be taken by a different committer, not batched together.
            CountDownLatch held = new CountDownLatch(1);
            holders.add(Thread.ofPlatform().start(() -> group.run(session -> {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        }
        return release;
    }

    /** Queues the inserts of drafts {@code prefix + from} .. {@code prefix + (to - 1)} on {@code pool}. */
    private void insertDrafts(String prefix, int from, int to, List<Assessment> drafts,
                              List<CompletableFuture<Void>> writes, ExecutorService pool) {
        for (int i = from; i < to; i++) {
            Assessment a = draft(prefix + i, 1, 1, T0);
            drafts.add(a);
            writes.add(CompletableFuture.runAsync(() -> store.insert(a, List.of(entry(a, "created"))), pool));
        }
    }

    /** Lets the held committers go once {@code units} writes wait for them: those share the next commits. */
    private void releaseWhenQueued(int units, CountDownLatch release) {
        await().atMost(Duration.ofSeconds(30)).until(() -> store.groupCommit().queued() >= units);
        release.countDown();
    }

    private static void awaitAll(List<CompletableFuture<Void>> writes) throws Exception {
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    private static void joinAll(List<Thread> holders) throws InterruptedException {
        for (Thread holder : holders) {
            holder.join();
        }
    }

    @Test
    void concurrentWriters_shareACommit_andEachSeesItsOwnResult() throws Exception {
        int writers = 40;
        List<Thread> holders = new ArrayList<>();
        CountDownLatch release = holdCommitters(holders);
        long batchesBefore = store.groupCommit().counts()[0];
        List<Assessment> drafts = new ArrayList<>();
        List<CompletableFuture<Assessment>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                Assessment a = draft("group-" + i, 1 + i % 5, 1 + i % 3, T0.plusMillis(i));
                drafts.add(a);
                results.add(CompletableFuture.supplyAsync(() -> {
                    store.insert(a, List.of(entry(a, "created")));
                    return store.find(a.id()).orElseThrow();
                }, pool));
            }
            releaseWhenQueued(writers, release);
            for (int i = 0; i < writers; i++) {
                assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(drafts.get(i));
                assertThat(store.audit(drafts.get(i).id())).extracting(AuditEntry::action).containsExactly("created");
            }
        }
        joinAll(holders);
        long batches = store.groupCommit().counts()[0] - batchesBefore;
        assertThat(batches).as("transactions for %d queued writes", writers).isLessThanOrEqualTo(
                store.groupCommit().committers() + 1L);
    }

    @Test
    void aFailingWriter_failsAlone_andItsBatchMatesCommit() throws Exception {
        Assessment stale = draft("stale", 2, 2, T0);
        store.insert(stale, List.of(entry(stale, "created")));
        store.save(moved(stale, Status.IN_REVIEW, T0.plusSeconds(1)), 1, List.of(entry(stale, "submitted")));
        Assessment duplicate = draft("duplicate", 2, 2, T0);
        store.insert(duplicate, List.of(entry(duplicate, "created")));

        List<Thread> holders = new ArrayList<>();
        CountDownLatch release = holdCommitters(holders);
        List<Assessment> good = new ArrayList<>();
        List<CompletableFuture<Void>> goodWrites = new ArrayList<>();
        CompletableFuture<Void> conflict;
        CompletableFuture<Void> clash;
        try (var pool = Executors.newFixedThreadPool(12)) {
            insertDrafts("mate-", 0, 5, good, goodWrites, pool);
            // A stale version (a ConflictException) and a duplicate key (a database error), between good writes.
            conflict = CompletableFuture.runAsync(() -> store.save(moved(stale, Status.REJECTED, T0), 1,
                    List.of(entry(stale, "lost-race"))), pool);
            clash = CompletableFuture.runAsync(() -> store.insert(duplicate, List.of(entry(duplicate, "again"))), pool);
            insertDrafts("mate-", 5, 10, good, goodWrites, pool);
            releaseWhenQueued(12, release);
            awaitAll(goodWrites);
            assertThatThrownBy(() -> conflict.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> clash.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(StorageException.class);
        }
        joinAll(holders);
        for (Assessment a : good) {
            assertThat(store.find(a.id())).contains(a);
        }
        assertThat(store.find(stale.id()).orElseThrow().status()).isEqualTo(Status.IN_REVIEW);
        assertThat(store.audit(stale.id())).extracting(AuditEntry::action).containsExactly("created", "submitted");
        assertThat(store.audit(duplicate.id())).extracting(AuditEntry::action).containsExactly("created");
    }

    @Test
    void aStaleWriteAmongGoodOnes_isRefusedAlone_inTheBatchsOwnTransaction() throws Exception {
        Assessment stale = draft("stale-alone", 2, 2, T0);
        store.insert(stale, List.of(entry(stale, "created")));
        store.save(moved(stale, Status.IN_REVIEW, T0.plusSeconds(1)), 1, List.of(entry(stale, "submitted")));

        List<Thread> holders = new ArrayList<>();
        CountDownLatch release = holdCommitters(holders);
        List<Assessment> good = new ArrayList<>();
        List<CompletableFuture<Void>> goodWrites = new ArrayList<>();
        CompletableFuture<Void> conflict;
        try (var pool = Executors.newFixedThreadPool(7)) {
            insertDrafts("alone-mate-", 0, 6, good, goodWrites, pool);
            conflict = CompletableFuture.runAsync(() -> store.save(moved(stale, Status.REJECTED, T0), 1,
                    List.of(entry(stale, "lost-race"))), pool);
            releaseWhenQueued(7, release);
            awaitAll(goodWrites);
            assertThatThrownBy(() -> conflict.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(ConflictException.class);
        }
        joinAll(holders);
        for (Assessment a : good) {
            assertThat(store.find(a.id())).contains(a);
        }
        assertThat(store.find(stale.id()).orElseThrow().status()).isEqualTo(Status.IN_REVIEW);
        assertThat(store.audit(stale.id())).extracting(AuditEntry::action).containsExactly("created", "submitted");
    }

    @Test
    void aUnitRefusedAfterItsOtherWritesRan_leavesNothing_andItsMatesCommit() throws Exception {
        Assessment mate = draft("refused-mate", 1, 1, T0);
        Assessment orphan = draft("refused-orphan", 1, 1, T0);
        List<Thread> holders = new ArrayList<>();
        CountDownLatch release = holdCommitters(holders);
        CompletableFuture<Void> mateWrite;
        CompletableFuture<Void> refusedWrite;
        try (var pool = Executors.newFixedThreadPool(2)) {
            mateWrite = CompletableFuture.runAsync(() -> store.insert(mate, List.of(entry(mate, "created"))), pool);
            // Its assessment row is written first, then a write that must change one row changes none.
            Rows.Json json = new Rows(store.codec()).json(orphan);
            refusedWrite = CompletableFuture.runAsync(() -> store.groupCommit().run(session -> {
                new Rows(store.codec()).insertAssessment(session, orphan, json);
                session.writeOne(WriteSession.Phase.DECISIONS, () -> new ConflictException("no such decision"),
                        "UPDATE decision SET comment = ? WHERE assessment_id = ?", "x", "no-such-id");
            }), pool);
            releaseWhenQueued(2, release);
            mateWrite.get(60, TimeUnit.SECONDS);
            assertThatThrownBy(() -> refusedWrite.get(60, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConflictException.class).hasMessageContaining("no such decision");
        }
        joinAll(holders);
        assertThat(store.find(mate.id())).contains(mate);
        assertThat(store.find(orphan.id())).isEmpty();
    }

    @Test
    void aWriterThatBreaksTheBatch_failsAlone_andTheOthersAreRunAgainAndCommit() throws Exception {
        List<Thread> holders = new ArrayList<>();
        CountDownLatch release = holdCommitters(holders);
        List<Assessment> good = new ArrayList<>();
        List<CompletableFuture<Void>> goodWrites = new ArrayList<>();
        CompletableFuture<Void> breaker;
        try (var pool = Executors.newFixedThreadPool(7)) {
            insertDrafts("survivor-", 0, 3, good, goodWrites, pool);
            // Closing the connection under the batch makes its savepoint and commit fail.
            breaker = CompletableFuture.runAsync(() -> store.groupCommit().run(session -> {
                try {
                    session.handle().getConnection().close();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }), pool);
            insertDrafts("survivor-", 3, 6, good, goodWrites, pool);
            releaseWhenQueued(7, release);
            awaitAll(goodWrites);
            assertThatThrownBy(() -> breaker.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        joinAll(holders);
        for (Assessment a : good) {
            assertThat(store.find(a.id())).contains(a);
            assertThat(store.audit(a.id())).extracting(AuditEntry::action).containsExactly("created");
        }
    }

    @Test
    void killMinus9DuringABurstOfWrites_reopensCleanly_andEveryAcknowledgedWriteIsThere() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Output goes to a file, not a pipe: a killed process's pipe is closed on our side too, and
        // every line the writer printed before it died must still be read.
        Path output = Files.createTempFile("burst-writer", ".out");
        Process writer = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath(), BurstWriterFixture.class.getName(), backend.url())
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> acknowledged(output).size() >= 60 || !writer.isAlive());
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<String> acknowledged = acknowledged(output);
        Files.delete(output);
        assertThat(acknowledged).as("the writer was killed mid-burst, before its safety limits")
                .hasSizeBetween(60, 19_999);
        try (GovernanceStore reopened = GovernanceStore.open(backend.url())) {
            for (String id : acknowledged) {
                assertThat(reopened.find(id)).as("acknowledged write %s", id).isPresent();
                assertThat(reopened.audit(id)).extracting(AuditEntry::action).containsExactly("created");
            }
            integrityCheck(reopened);
        }
    }

    /** The ids on complete {@code ACK <id>} lines (a line cut by the kill is not an acknowledgement). */
    private static List<String> acknowledged(Path output) throws java.io.IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        return complete.lines().filter(line -> line.startsWith("ACK ")).map(line -> line.substring(4)).toList();
    }

    /** A backend's own consistency check after the crash; nothing by default. */
    void integrityCheck(GovernanceStore reopened) {
    }

    /**
     * This JVM's classes as a child JVM's {@code -cp}: when the tests run on the module path, the
     * module and its libraries are on {@code jdk.module.path}, not on the class path.
     */
    private static String classPath() {
        String classes = System.getProperty("java.class.path");
        String modules = System.getProperty("jdk.module.path");
        return modules == null ? classes : classes + java.io.File.pathSeparator + modules;
    }
}
