package io.warden.governance.store;

import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Decision;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.assessment.Verdict;
import io.warden.governance.export.AssessmentCodec;
import io.warden.governance.matrix.RiskLevel;
import io.warden.governance.store.WriteSession.Phase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL of the store and the mapping between rows and records. */
final class Rows {

    private final AssessmentCodec codec;

    Rows(AssessmentCodec codec) {
        this.codec = codec;
    }

    /** An assessment row before its decisions are attached. */
    record AssessmentRow(String id, long version, AssessmentContent content, RiskLevel level, Status status,
                         String author, int round, Retrospective retrospective, Instant createdAt, Instant updatedAt) {
        Assessment toAssessment(List<Decision> decisions) {
            return new Assessment(id, version, content, level, status, author, round, decisions, retrospective,
                    createdAt, updatedAt);
        }
    }

    AssessmentRow assessmentRow(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString("id");
        String retrospective = rs.getString("retrospective");
        return new AssessmentRow(id, rs.getLong("version"),
                codec.readJson(rs.getString("content"), "stored assessment " + id, AssessmentContent.class),
                RiskLevel.valueOf(rs.getString("level")), Status.valueOf(rs.getString("status")),
                rs.getString("author"), rs.getInt("review_round"),
                retrospective == null ? null
                        : codec.readJson(retrospective, "stored retrospective " + id, Retrospective.class),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    /**
     * The JSON columns of an assessment, serialized before its write is queued: the group commit runs
     * the writes one after the other on its thread, so work done there delays every write queued behind.
     */
    record Json(String content, String retrospective) {
    }

    Json json(Assessment a) {
        return new Json(codec.toCompactJson(a.content()),
                a.retrospective() == null ? null : codec.toCompactJson(a.retrospective()));
    }

    void insertAssessment(WriteSession session, Assessment a, Json json) {
        session.write(Phase.ASSESSMENT, """
                INSERT INTO assessment (id, version, title, kind, status, level, author, review_round, content,
                                        retrospective, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", a.id(), a.version(), a.content().title(),
                a.content().kind().name(), a.status().name(), a.level().name(), a.author(), a.round(),
                json.content(), json.retrospective(), a.createdAt().toEpochMilli(),
                a.updatedAt().toEpochMilli());
    }

    /** Replaces the row of {@code a} if its version is {@code expectedVersion}; otherwise the write fails with {@code conflict}. */
    void updateAssessment(WriteSession session, Assessment a, Json json, long expectedVersion,
                          Supplier<RuntimeException> conflict) {
        session.writeOne(Phase.ASSESSMENT, conflict, """
                UPDATE assessment SET version = ?, title = ?, kind = ?, status = ?, level = ?, author = ?,
                       review_round = ?, content = ?, retrospective = ?, updated_at = ?
                WHERE id = ? AND version = ?""", a.version(), a.content().title(), a.content().kind().name(),
                a.status().name(), a.level().name(), a.author(), a.round(), json.content(),
                json.retrospective(), a.updatedAt().toEpochMilli(), a.id(), expectedVersion);
    }

    /** As {@link #updateAssessment} for a write that changed neither the content nor the retrospective. */
    void updateState(WriteSession session, Assessment a, long expectedVersion, Supplier<RuntimeException> conflict) {
        session.writeOne(Phase.ASSESSMENT, conflict, """
                UPDATE assessment SET version = ?, status = ?, review_round = ?, updated_at = ?
                WHERE id = ? AND version = ?""", a.version(), a.status().name(), a.round(),
                a.updatedAt().toEpochMilli(), a.id(), expectedVersion);
    }

    /** The distinct services of {@code a}, as stored. */
    static List<String> services(Assessment a) {
        return a.content().services().stream().distinct().toList();
    }

    void replaceServices(WriteSession session, Assessment a) {
        session.write(Phase.SERVICES_REMOVED, "DELETE FROM assessment_service WHERE assessment_id = ?", a.id());
        insertServices(session, a);
    }

    void insertServices(WriteSession session, Assessment a) {
        for (String service : services(a)) {
            session.write(Phase.SERVICES_ADDED, "INSERT INTO assessment_service (assessment_id, service) VALUES (?, ?)",
                    a.id(), service);
        }
    }

    int decisionCount(WriteSession session, String id) {
        return session.handle().createQuery("SELECT COUNT(*) FROM decision WHERE assessment_id = :id")
                .bind("id", id).mapTo(Integer.class).one();
    }

    void insertDecisions(WriteSession session, Assessment a, int alreadyStored) {
        List<Decision> decisions = a.decisions();
        for (int seq = alreadyStored; seq < decisions.size(); seq++) {
            Decision d = decisions.get(seq);
            session.write(Phase.DECISIONS, """
                    INSERT INTO decision (assessment_id, seq, review_round, user_name, roles, verdict, comment,
                                          decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", a.id(), seq + 1, d.round(), d.user(),
                    String.join(",", d.roles()), d.verdict().name(), d.comment(), d.at().toEpochMilli());
        }
    }

    Map<String, List<Decision>> decisions(Handle handle, List<String> ids) {
        return handle.createQuery("""
                SELECT * FROM decision WHERE assessment_id IN (<ids>) ORDER BY assessment_id, seq""")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getString("assessment_id"), new Decision(rs.getString("user_name"),
                        roles(rs.getString("roles")), Verdict.valueOf(rs.getString("verdict")),
                        rs.getString("comment"), Instant.ofEpochMilli(rs.getLong("decided_at")),
                        rs.getInt("review_round"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Appends {@code entries} to the audit log of {@code id}, after what it holds. */
    void appendAudit(WriteSession session, String id, List<AuditEntry> entries) {
        for (AuditEntry e : entries) {
            // The next number in the same statement: no separate read of the last one.
            session.write(Phase.AUDIT, """
                    INSERT INTO audit_log (assessment_id, seq, logged_at, actor, actor_role, action, detail,
                                           before_json, after_json)
                    SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ?
                    FROM audit_log WHERE assessment_id = ?""", id, e.at().toEpochMilli(), e.actor(), e.role(),
                    e.action(), e.detail(), e.before(), e.after(), id);
        }
    }

    /** The first entries of the audit log of a new assessment {@code id}, numbered from 1. */
    void appendNewAudit(WriteSession session, String id, List<AuditEntry> entries) {
        long seq = 0;
        for (AuditEntry e : entries) {
            session.write(Phase.AUDIT, """
                    INSERT INTO audit_log (assessment_id, seq, logged_at, actor, actor_role, action, detail,
                                           before_json, after_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, ++seq, e.at().toEpochMilli(), e.actor(), e.role(),
                    e.action(), e.detail(), e.before(), e.after());
        }
    }

    /** A write statement failed (a constraint, a lost connection): {@link GovernanceStore} says which database. */
    static final class SqlFailure extends RuntimeException {
        SqlFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    List<AuditEntry> audit(Handle handle, String id) {
        return handle.createQuery("SELECT * FROM audit_log WHERE assessment_id = :id ORDER BY seq")
                .bind("id", id)
                .map((rs, ctx) -> new AuditEntry(rs.getString("assessment_id"), rs.getLong("seq"),
                        Instant.ofEpochMilli(rs.getLong("logged_at")), rs.getString("actor"),
                        rs.getString("actor_role"), rs.getString("action"), rs.getString("detail"),
                        rs.getString("before_json"), rs.getString("after_json")))
                .list();
    }

    private static List<String> roles(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
