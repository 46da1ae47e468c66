package io.warden.governance.assessment;

import io.warden.governance.ValidationException;
import io.warden.governance.matrix.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A stored assessment: its content, the level computed from its risks, where it stands in the
 * lifecycle, who filed it, the decisions of every review round and, once closed, its retrospective.
 *
 * @param id            stable identifier
 * @param version       bumped by every write; guards concurrent read-modify-write
 * @param content       as filed, with {@code content.level()} equal to {@code level}
 * @param level         the overall level, the highest risk's under the configured bands
 * @param status        the lifecycle status
 * @param author        who filed it (and may therefore not approve it)
 * @param round         the current review round, 0 before the first submission
 * @param decisions     every decision of every round, oldest first
 * @param retrospective filled in on close, otherwise {@code null}
 * @param createdAt     when it was filed
 * @param updatedAt     when it last changed
 */
public record Assessment(String id, long version, AssessmentContent content, RiskLevel level, Status status,
                         String author, int round, List<Decision> decisions, Retrospective retrospective,
                         Instant createdAt, Instant updatedAt) {

    /** Validates the aggregate, including that the stored level is the content's. */
    public Assessment {
        id = ValidationException.requireText("id", id);
        author = ValidationException.requireText("author", author);
        if (content == null || level == null || status == null || createdAt == null || updatedAt == null) {
            throw new ValidationException("assessment", "assessment " + id
                    + " lacks content, level, status or timestamps; this is a bug in the caller");
        }
        if (content.level() != level) {
            throw new ValidationException("level", "level " + level + " disagrees with content level "
                    + content.level() + "; the stored level must be the one the risks give");
        }
        decisions = ValidationException.items("decisions", decisions);
    }

    /** The decisions of the current review round. */
    public List<Decision> currentDecisions() {
        List<Decision> current = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            if (decision.round() == round) {
                current.add(decision);
            }
        }
        return Collections.unmodifiableList(current);
    }

    /** A copy in another status, written at {@code now}. */
    public Assessment withStatus(Status newStatus, Instant now) {
        return new Assessment(id, version, content, level, newStatus, author, round, decisions, retrospective,
                createdAt, now);
    }
}
