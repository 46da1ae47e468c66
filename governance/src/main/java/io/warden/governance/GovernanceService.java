package io.warden.governance;

import io.warden.governance.Changes.Mutation;
import io.warden.governance.approval.ApprovalMatrix;
import io.warden.governance.approval.ApprovalProgress;
import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.AssessmentFilter;
import io.warden.governance.assessment.AssessmentIds;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.CompletenessGate;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Lifecycle;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.assessment.Verdict;
import io.warden.governance.export.AssessmentCodec;
import io.warden.governance.export.MarkdownExport;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.policy.PolicyDecision;
import io.warden.governance.store.GovernanceStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the API and the CLI call: create, update, read, list, submit, approve, reject, move along the
 * lifecycle, close with a retrospective, export. Every call enforces the rules (level from the risks,
 * completeness gate, approval matrix, lifecycle) and writes the audit log in the same transaction as
 * the change. Thread-safe: concurrent writes to one assessment are retried on conflict.
 *
 * <p>The config can be swapped at runtime ({@link #reconfigure}): each call reads one snapshot of
 * it, so a decision never mixes an old matrix with a new one. What is stored stays as it was
 * (decisions recorded, levels computed); the next decision uses the new rules.
 */
public final class GovernanceService {

    private static final int ATTEMPTS = 5;

    private final GovernanceStore store;
    private final InstantSource clock;
    private final Supplier<String> ids;
    private final AssessmentCodec codec;
    private volatile Rules rules;

    /** A service over {@code store} with {@code config}, reading time from {@code clock}. */
    public GovernanceService(GovernanceStore store, GovernanceConfig config, InstantSource clock) {
        this(store, config, clock, new AssessmentIds(clock));
    }

    /** As above, with the ids of new assessments from {@code ids}. */
    public GovernanceService(GovernanceStore store, GovernanceConfig config, InstantSource clock,
                             Supplier<String> ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.codec = store.codec();
        this.rules = new Rules(config, codec);
    }

    /**
     * From now on decides with {@code next}: the next approval, progress, policy answer and level
     * computed use it; calls under way finish with the config they started with.
     */
    public void reconfigure(GovernanceConfig next) {
        rules = new Rules(next, codec);
    }

    /** The config decisions are made with now. */
    public GovernanceConfig config() {
        return rules.config();
    }

    /** Files a new assessment as a draft by {@code author}; its level is computed from its risks. */
    public Assessment create(Approver author, AssessmentContent content) {
        Rules active = rules;
        active.matrix().checkKnown(author);
        RiskLevel level = active.changes().levelOf(content);
        Instant now = now();
        Assessment created = new Assessment(ids.get(), 1, content.withLevel(level), level, Status.DRAFT,
                author.user(), 0, List.of(), null, now, now);
        store.insert(created, List.of(active.changes().entry(created, now, author, Changes.roles(author),
                "created",
                "created " + content.kind().name().toLowerCase(java.util.Locale.ROOT) + " assessment '"
                        + content.title() + "' at level " + level, null, created.content())));
        return created;
    }

    /** Replaces the content of a draft; the level is computed again. */
    public Assessment update(String id, Approver actor, AssessmentContent content) {
        Rules active = rules;
        active.matrix().checkKnown(actor);
        RiskLevel level = active.changes().levelOf(content);
        return mutate(id, current -> {
            if (!Lifecycle.editable(current.status())) {
                throw Lifecycle.refusal(current, "an edit (only a draft is edited; move it back to draft first)",
                        Lifecycle.next(current.status(), current.content().kind()));
            }
            Instant now = now();
            Assessment updated = Changes.next(current, content, level, current.status(), current.round(),
                    current.decisions(), current.retrospective(), now);
            return new Mutation(updated, List.of(active.changes().entry(updated, now, actor, Changes.roles(actor),
                    "updated",
                    "updated content; level " + current.level() + " -> " + level, current.content(),
                    updated.content())));
        });
    }

    /** The assessment {@code id}; refuses an unknown id. */
    public Assessment get(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("assessment " + id + " does not exist; list the assessments to find its id");
    }

    /** The assessments matching {@code filter}, newest first. */
    public List<Assessment> list(AssessmentFilter filter) {
        return store.list(filter);
    }

    /** Sends a draft to review after the completeness gate for its level; starts a new review round. */
    public Assessment submit(String id, Approver actor) {
        Rules active = rules;
        active.matrix().checkKnown(actor);
        return mutate(id, current -> {
            Lifecycle.check(current, Status.IN_REVIEW);
            CompletenessGate.check(current.id(), current.content(), current.level());
            Instant now = now();
            Assessment submitted = Changes.next(current, current.content(), current.level(), Status.IN_REVIEW,
                    current.round() + 1, current.decisions(), current.retrospective(), now);
            return new Mutation(submitted, List.of(active.changes().transition(current, submitted, actor,
                    Changes.roles(actor), "submitted for review round " + submitted.round() + "; needs "
                            + active.needs().get(current.level()))));
        });
    }

    /** Records an approval; when the matrix is complete the assessment becomes approved. */
    public Assessment approve(String id, Approver approver, String comment) {
        return decide(id, approver, Verdict.APPROVE, comment);
    }

    /** Records a rejection by a required role (a comment is required); the assessment becomes rejected. */
    public Assessment reject(String id, Approver approver, String comment) {
        return decide(id, approver, Verdict.REJECT, comment);
    }

    private Assessment decide(String id, Approver approver, Verdict verdict, String comment) {
        Rules active = rules;
        return mutate(id, current -> {
            Status target = verdict == Verdict.APPROVE ? Status.APPROVED : Status.REJECTED;
            Lifecycle.check(current, target);
            List<Decision> round = current.currentDecisions();
            active.matrix().checkDecision(current.level(), current.author(), approver, round, verdict);
            Instant now = now();
            Decision decision = new Decision(approver.user(), approver.roles(), verdict, comment, now,
                    current.round());
            ApprovalProgress progress = active.matrix().progress(current.level(), current.author(),
                    Changes.plus(round, decision));
            boolean settles = verdict == Verdict.REJECT ? progress.rejected() : progress.complete();
            Assessment decided = Changes.next(current, current.content(), current.level(),
                    settles ? target : current.status(), current.round(), Changes.plus(current.decisions(), decision),
                    current.retrospective(), now);
            String role = progress.filledBy().getOrDefault(approver.user(), String.join(",", approver.roles()
                    .stream().filter(active.matrix().ruleFor(current.level()).roles()::contains).toList()));
            AuditEntry recorded = active.changes().entry(decided, now, approver, role,
                    verdict == Verdict.APPROVE ? "approved" : "rejected",
                    approver.user() + " " + (verdict == Verdict.APPROVE ? "approved" : "rejected") + " as " + role
                            + (decision.comment().isEmpty() ? "" : ": " + decision.comment()), null, decision);
            if (!settles) {
                return new Mutation(decided, List.of(recorded));
            }
            String why = verdict == Verdict.APPROVE ? "approval complete: " + progress.filledBy()
                    : "rejected by " + approver.user() + " (" + role + ")";
            return new Mutation(decided, List.of(recorded,
                    active.changes().transition(current, decided, approver, role, why)));
        });
    }

    /**
     * Moves the assessment to {@code target}: {@code in_review} (same as submit), {@code draft}
     * (withdraw a review, or rework a rejection), {@code deployed}, {@code observing}. Approved and
     * rejected follow from decisions and closed from {@link #close}; asking for them is refused.
     */
    public Assessment transition(String id, Approver actor, Status target, String comment) {
        if (target == Status.IN_REVIEW) {
            return submit(id, actor);
        }
        Rules active = rules;
        active.matrix().checkKnown(actor);
        return mutate(id, current -> {
            if (target == Status.APPROVED || target == Status.REJECTED || target == Status.CLOSED) {
                throw Lifecycle.refusal(current, target.wire() + " by a plain transition (use "
                        + (target == Status.CLOSED ? "close with a retrospective" : "approve or reject") + ")",
                        Lifecycle.next(current.status(), current.content().kind()));
            }
            Lifecycle.check(current, target);
            Assessment moved = Changes.withStatus(current, target, now());
            return new Mutation(moved, List.of(active.changes().transition(current, moved, actor,
                    Changes.roles(actor),
                    comment == null ? "" : comment.strip())));
        });
    }

    /** Closes an observed (or approved retrospective) assessment with its retrospective. */
    public Assessment close(String id, Approver actor, Retrospective retrospective) {
        Rules active = rules;
        active.matrix().checkKnown(actor);
        return mutate(id, current -> {
            Lifecycle.check(current, Status.CLOSED);
            if (retrospective.predictedLevel() != null && retrospective.predictedLevel() != current.level()) {
                throw new ValidationException("retrospective.predictedLevel", "retrospective.predictedLevel is "
                        + retrospective.predictedLevel() + " but the assessment predicted " + current.level()
                        + "; leave predictedLevel out (it is taken from the assessment)");
            }
            Retrospective held = new Retrospective(retrospective.observedIncidents(), current.level(),
                    retrospective.actualLevel(), retrospective.notes());
            Instant now = now();
            Assessment closed = Changes.next(current, current.content(), current.level(), Status.CLOSED,
                    current.round(), current.decisions(), held, now);
            return new Mutation(closed, List.of(
                    active.changes().entry(closed, now, actor, Changes.roles(actor), "retrospective", "predicted "
                            + held.predictedLevel() + ", actual " + held.actualLevel() + ", "
                            + held.observedIncidents().size() + " incident(s)", null, held),
                    active.changes().transition(current, closed, actor, Changes.roles(actor),
                            "closed with a retrospective")));
        });
    }

    /** The audit log of {@code id}, oldest first. */
    public List<AuditEntry> history(String id) {
        get(id);
        return store.audit(id);
    }

    /** Whether the change of {@code id} needs an approved assessment under the policy, and why. */
    public PolicyDecision policy(String id) {
        Assessment assessment = get(id);
        return rules.config().policy().evaluate(assessment.level(), assessment.content().tags(),
                assessment.content().environment());
    }

    /** Where the current review round stands. */
    public ApprovalProgress progress(String id) {
        Assessment assessment = get(id);
        return rules.matrix().progress(assessment.level(), assessment.author(), assessment.currentDecisions());
    }

    /** The assessment as Markdown in the template's sections. */
    public String exportMarkdown(String id) {
        return rules.markdown().render(get(id));
    }

    /** The assessment as JSON (camelCase, ISO-8601 instants). */
    public String exportJson(String id) {
        return codec.toJson(get(id));
    }

    /** The codec the service reads and writes with (for callers that read files). */
    public AssessmentCodec codec() {
        return codec;
    }

    /**
     * One config and what is derived from it, swapped whole so a call never mixes two configs.
     *
     * @param needs what each level's approval rule needs, in people's words (each submission's audit says it)
     */
    private record Rules(GovernanceConfig config, Changes changes, MarkdownExport markdown,
                         Map<RiskLevel, String> needs) {

        Rules(GovernanceConfig config, AssessmentCodec codec) {
            this(config, new Changes(config.bands(), codec), new MarkdownExport(config.bands(), config.approvals()),
                    needs(config.approvals()));
        }

        ApprovalMatrix matrix() {
            return config.approvals();
        }

        private static Map<RiskLevel, String> needs(ApprovalMatrix approvals) {
            Map<RiskLevel, String> needs = new EnumMap<>(RiskLevel.class);
            for (RiskLevel level : RiskLevel.values()) {
                needs.put(level, approvals.ruleFor(level).describe());
            }
            return Map.copyOf(needs);
        }
    }

    private Instant now() {
        // Stored with millisecond precision; truncate so what is returned equals what is read back.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Assessment mutate(String id, Function<Assessment, Mutation> change) {
        // Created only on a conflict: an exception fills in its stack trace, a cost every write would pay.
        ConflictException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            // First from what this process last wrote (no read back); after a conflict, from the database.
            Assessment current = attempt == 0 ? store.latest(id).orElseThrow(() -> notFound(id)) : get(id);
            Mutation mutation;
            try {
                mutation = change.apply(current);
            } catch (GovernanceException refusal) {
                // Refused from this process's copy: if another process wrote the assessment since, judge again.
                if (attempt == 0 && store.find(id).map(Assessment::version).orElse(current.version())
                        != current.version()) {
                    continue;
                }
                throw refusal;
            }
            try {
                store.save(mutation.updated(), current, mutation.audit());
                return mutation.updated();
            } catch (ConflictException e) {
                last = e;
            }
        }
        String why = last == null ? "assessment " + id + " kept changing" : last.getMessage();
        throw new ConflictException(why + " (gave up after " + ATTEMPTS + " attempts)", last);
    }
}
