package io.warden.governance.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.IllegalTransitionException;
import io.warden.governance.Samples;
import io.warden.governance.matrix.RiskLevel;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static Assessment in(Status status, Kind kind) {
        Instant t = Instant.parse("2025-11-10T10:00:00Z");
        AssessmentContent content = Samples.complete("svc", kind, 1, 1).withLevel(RiskLevel.LOW);
        return new Assessment("a1", 1, content, RiskLevel.LOW, status, "alice", 1, List.of(), null, t, t);
    }

    @Test
    void plannedPath_isDraftReviewApprovedDeployedObservingClosed() {
        Status[] path = {Status.DRAFT, Status.IN_REVIEW, Status.APPROVED, Status.DEPLOYED, Status.OBSERVING,
            Status.CLOSED};
        for (int i = 0; i + 1 < path.length; i++) {
            assertThat(Lifecycle.next(path[i], Kind.PLANNED)).contains(path[i + 1]);
        }
        assertThat(Lifecycle.next(Status.IN_REVIEW, Kind.PLANNED)).contains(Status.REJECTED, Status.DRAFT);
        assertThat(Lifecycle.next(Status.REJECTED, Kind.PLANNED)).containsExactly(Status.DRAFT);
        assertThat(Lifecycle.next(Status.CLOSED, Kind.PLANNED)).isEmpty();
    }

    @Test
    void retrospective_skipsTheDeployStep() {
        assertThat(Lifecycle.next(Status.APPROVED, Kind.RETROSPECTIVE)).containsExactly(Status.OBSERVING, Status.CLOSED);
        assertThat(Lifecycle.next(Status.APPROVED, Kind.PLANNED)).containsExactly(Status.DEPLOYED);
    }

    @Test
    void everyIllegalStep_isRefusedNamingTheAllowedOnes() {
        for (Kind kind : Kind.values()) {
            for (Status from : Status.values()) {
                Set<Status> allowed = Lifecycle.next(from, kind);
                for (Status to : EnumSet.complementOf(EnumSet.copyOf(allowed.isEmpty()
                        ? EnumSet.noneOf(Status.class) : allowed))) {
                    assertThatThrownBy(() -> Lifecycle.check(in(from, kind), to))
                            .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                                assertThat(e.allowed()).containsExactlyElementsOf(
                                        allowed.stream().map(Status::wire).toList());
                                assertThat(e).hasMessageContaining("is " + from.wire())
                                        .hasMessageContaining("cannot go to " + to.wire());
                            });
                }
            }
        }
        assertThatThrownBy(() -> Lifecycle.check(in(Status.DRAFT, Kind.PLANNED), Status.DEPLOYED))
                .hasMessage("assessment a1 is draft (planned); it cannot go to deployed. From draft it can go to:"
                        + " in_review (submit)");
        assertThatThrownBy(() -> Lifecycle.check(in(Status.CLOSED, Kind.PLANNED), Status.DRAFT))
                .hasMessageEndingWith("it can go to: nothing: closed is final");
    }
}
