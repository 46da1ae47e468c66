package io.warden.governance.assessment;

import io.warden.governance.IllegalTransitionException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The lifecycle: draft -&gt; in_review -&gt; approved | rejected -&gt; deployed -&gt; observing -&gt;
 * closed. Two additions keep it usable: a reviewer's rejection sends the assessment back to draft
 * for rework (a withdrawn review too), and a retrospective assessment, whose change is already
 * deployed, goes from approved straight to observing or closed.
 *
 * <p>Pure: it answers which statuses follow which; the facade decides who may take each step.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** The statuses reachable in one step from {@code from} for an assessment of {@code kind}. */
    public static Set<Status> next(Status from, Kind kind) {
        return switch (from) {
            case DRAFT -> EnumSet.of(Status.IN_REVIEW);
            case IN_REVIEW -> EnumSet.of(Status.APPROVED, Status.REJECTED, Status.DRAFT);
            case REJECTED -> EnumSet.of(Status.DRAFT);
            case APPROVED -> kind == Kind.RETROSPECTIVE ? EnumSet.of(Status.OBSERVING, Status.CLOSED)
                    : EnumSet.of(Status.DEPLOYED);
            case DEPLOYED -> EnumSet.of(Status.OBSERVING);
            case OBSERVING -> EnumSet.of(Status.CLOSED);
            case CLOSED -> EnumSet.noneOf(Status.class);
        };
    }

    /** Whether content may still change: only a draft is edited (a rejected one goes back to draft first). */
    public static boolean editable(Status status) {
        return status == Status.DRAFT;
    }

    /** Refuses a step that {@link #next} does not allow, naming the allowed ones. */
    public static void check(Assessment assessment, Status target) {
        Set<Status> allowed = next(assessment.status(), assessment.content().kind());
        if (!allowed.contains(target)) {
            throw refusal(assessment, target.wire(), allowed);
        }
    }

    /** The refusal of {@code attempted} (a status or an action) from the assessment's status. */
    public static IllegalTransitionException refusal(Assessment assessment, String attempted, Set<Status> allowed) {
        List<String> names = allowed.stream().map(Status::wire).toList();
        String from = assessment.status().wire();
        String options = names.isEmpty() ? "nothing: " + from + " is final"
                : String.join(", ", names.stream().map(Lifecycle::how).toList());
        return new IllegalTransitionException("assessment " + assessment.id() + " is " + from + " ("
                + assessment.content().kind().name().toLowerCase(java.util.Locale.ROOT) + "); it cannot go to "
                + attempted + ". From " + from + " it can go to: " + options, names);
    }

    private static String how(String status) {
        return switch (status) {
            case "in_review" -> "in_review (submit)";
            case "approved" -> "approved (approvals that complete the matrix)";
            case "rejected" -> "rejected (a rejection by a required role)";
            case "closed" -> "closed (close with a retrospective)";
            default -> status;
        };
    }
}
