package io.warden.governance.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.governance.GovernanceConfig;
import io.warden.governance.GovernanceService;
import io.warden.governance.TestClock;
import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.Kind;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.store.GovernanceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's two assessments, entered from examples/assessments and exported as the seed wrote them. */
class SeedExamplesTest {

    private static final Approver BACKEND = Approver.of("l2-backend", "developer");
    private static final Approver DEVOPS = Approver.of("l2-devops", "developer");
    private static final Approver OVERWATCH = Approver.of("l1-overwatch", "lead");
    private static final Approver QA = Approver.of("l1-qa", "qa");

    @TempDir
    Path dir;
    private GovernanceStore store;
    private GovernanceService service;

    @BeforeEach
    void open() {
        store = GovernanceStore.openSqlite(dir.resolve("governance.db"));
        service = new GovernanceService(store, GovernanceConfig.DEFAULTS,
                new TestClock(Instant.parse("2025-11-10T12:00:00Z")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Path example(String name) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("examples/assessments").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("examples/assessments/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void rateLimitingFix_isLowRetrospective_approvedByDeveloperAndLead_closed_andReadsLikeTheSeed() {
        AssessmentContent content = service.codec().readContent(example("rate-limiting-fix.yaml"));
        Assessment a = service.create(BACKEND, content);
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.content().kind()).isEqualTo(Kind.RETROSPECTIVE);
        assertThat(service.policy(a.id()).reasons()).containsExactly("tag security", "environment production");
        service.submit(a.id(), BACKEND);
        service.approve(a.id(), OVERWATCH, "LOW risk confirmed; monitor 24 hours");
        assertThat(service.approve(a.id(), DEVOPS, "rollback verified").status()).isEqualTo(Status.APPROVED);
        service.close(a.id(), OVERWATCH, new Retrospective(List.of(), null, RiskLevel.LOW,
                "LOW risk confirmed; deployment was appropriate"));

        String md = service.exportMarkdown(a.id());
        assertThat(md).startsWith("# Risk assessment: Rate limiting fix: CPU sampling interval 1s -> 0.1s")
                .contains("| **Risk level** | **LOW** |", "| **Kind** | Retrospective |",
                        "## 1. Executive summary", "1.0s -> 0.11s", "97% -> 100%",
                        "## 2. Change", "- Files changed: 2", "- Lines changed: 11", "+    cpu = psutil.cpu_percent(interval=0.1)",
                        "## 3. Risks", "### Technical risks", "### Security risks", "### Performance risks",
                        "### Operational risks",
                        "| 1 | CPU percentage is less accurate over a 0.1s sampling window | 2 | 1 | 2 | LOW |",
                        "## 4. Testing", "Rate limit verification tests: 3/3 PASS", "### Not tested (gaps)",
                        "WebSocket rate limiting untested",
                        "## 5. Rollback procedure", "warden stop backend", "git revert abc1234", "warden start backend",
                        "curl http://127.0.0.1:54112/health", "Expected rollback time: 5m.",
                        "## 6. Monitoring", "| Rate limit violations | < 5% | > 10% | > 20% |",
                        "| Response time | ~0.11s | > 0.5s |  |",
                        "## 7. Checklists", "### Pre-deployment", "- [ ] Rate limit verification tests pass (3/3)",
                        "### Post-deployment",
                        "## 8. Approvals", "Required for LOW: developer + lead", "Approval complete.",
                        "| 1 | l1-overwatch | lead | APPROVED |",
                        "## 9. Follow-up actions",
                        "| WebSocket rate limiting test: connect 100+ WebSocket clients, verify rate limiting"
                                + " | L3 Security Tester | 2 hours | HIGH | 2025-11-17 |",
                        "## 10. Retrospective", "- Predicted level: LOW", "- Actual level: LOW",
                        "- Prediction held: yes");
        assertThat(service.exportJson(a.id())).contains("\"status\" : \"closed\"", "\"level\" : \"low\"",
                "\"createdAt\" : \"2025-11-10T12:00:00Z\"", "\"followUps\"");
    }

    @Test
    void processManagement_isMediumPlanned_needsLeadAndQaOrSecurity_andReadsLikeTheSeed() {
        AssessmentContent content = service.codec().readContent(example("process-management.yaml"));
        Assessment a = service.create(BACKEND, content);
        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.content().kind()).isEqualTo(Kind.PLANNED);
        assertThat(a.content().risks()).hasSize(7);
        assertThat(service.policy(a.id()).required()).isTrue();
        service.submit(a.id(), BACKEND);
        service.approve(a.id(), OVERWATCH, "approve phases 1 and 2, defer phase 3");
        assertThat(service.approve(a.id(), QA, "test plan covers the edge cases").status())
                .isEqualTo(Status.APPROVED);

        String md = service.exportMarkdown(a.id());
        assertThat(md).contains("| **Risk level** | **MEDIUM** |", "| **Status** | APPROVED |",
                "13 duplicate backend processes were found (2.4GB RAM wasted)",
                "**Overall risk level: MEDIUM** (highest risk: PID file corruption (partial write, permissions,"
                        + " disk full), likelihood 3 x impact 2 = 6)",
                "| 3 | Race condition on simultaneous startup | 2 | 2 | 4 | LOW | File locking prevents two starts"
                        + " from both winning | L2 Backend |",
                "| 3 | Multiple deployment methods increase the support burden | 3 | 2 | 6 | MEDIUM |",
                "Required for MEDIUM: lead + one of (qa, security)",
                "| PID file errors | 0 | any |  |", "| Duplicate processes | 0 | any |  |",
                "- [ ] Stop every duplicate backend process (13 found)",
                "git revert <phase-1-commit>",
                "| Implement the PID file singleton (process_manager.py, SingletonManager) | L2 Backend | 4 hours |"
                        + " HIGH | 2025-11-17 |",
                "Not yet held");
    }
}
