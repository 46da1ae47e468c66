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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    void insertAssessment(Handle handle, Assessment a) {
        handle.createUpdate("""
                INSERT INTO assessment (id, version, title, kind, status, level, author, review_round, content,
                                        retrospective, created_at, updated_at)
                VALUES (:id, :version, :title, :kind, :status, :level, :author, :round, :content, :retrospective,
                        :createdAt, :updatedAt)""")
                .bindMap(columns(a)).execute();
    }

    boolean updateAssessment(Handle handle, Assessment a, long expectedVersion) {
        Map<String, Object> columns = columns(a);
        columns.put("expected", expectedVersion);
        return handle.createUpdate("""
                UPDATE assessment SET version = :version, title = :title, kind = :kind, status = :status,
                       level = :level, author = :author, review_round = :round, content = :content,
                       retrospective = :retrospective, updated_at = :updatedAt
                WHERE id = :id AND version = :expected""")
                .bindMap(columns).execute() == 1;
    }

    /** As {@link #updateAssessment} for a write that changed neither the content nor the retrospective. */
    boolean updateState(Handle handle, Assessment a, long expectedVersion) {
        return handle.createUpdate("""
                UPDATE assessment SET version = :version, status = :status, review_round = :round,
                       updated_at = :updatedAt
                WHERE id = :id AND version = :expected""")
                .bind("version", a.version()).bind("status", a.status().name()).bind("round", a.round())
                .bind("updatedAt", a.updatedAt().toEpochMilli()).bind("id", a.id()).bind("expected", expectedVersion)
                .execute() == 1;
    }

    private Map<String, Object> columns(Assessment a) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("id", a.id());
        columns.put("version", a.version());
        columns.put("title", a.content().title());
        columns.put("kind", a.content().kind().name());
        columns.put("status", a.status().name());
        columns.put("level", a.level().name());
        columns.put("author", a.author());
        columns.put("round", a.round());
        columns.put("content", codec.toCompactJson(a.content()));
        columns.put("retrospective", a.retrospective() == null ? null : codec.toCompactJson(a.retrospective()));
        columns.put("createdAt", a.createdAt().toEpochMilli());
        columns.put("updatedAt", a.updatedAt().toEpochMilli());
        return columns;
    }

    /** The distinct services of {@code a}, as stored. */
    static List<String> services(Assessment a) {
        return a.content().services().stream().distinct().toList();
    }

    void replaceServices(Handle handle, Assessment a) {
        handle.createUpdate("DELETE FROM assessment_service WHERE assessment_id = :id").bind("id", a.id()).execute();
        insertServices(handle, a);
    }

    void insertServices(Handle handle, Assessment a) {
        for (String service : services(a)) {
            handle.createUpdate("INSERT INTO assessment_service (assessment_id, service) VALUES (:id, :service)")
                    .bind("id", a.id()).bind("service", service).execute();
        }
    }

    int decisionCount(Handle handle, String id) {
        return handle.createQuery("SELECT COUNT(*) FROM decision WHERE assessment_id = :id")
                .bind("id", id).mapTo(Integer.class).one();
    }

    void insertDecisions(Handle handle, Assessment a, int alreadyStored) {
        List<Decision> decisions = a.decisions();
        for (int seq = alreadyStored; seq < decisions.size(); seq++) {
            Decision d = decisions.get(seq);
            handle.createUpdate("""
                    INSERT INTO decision (assessment_id, seq, review_round, user_name, roles, verdict, comment,
                                          decided_at)
                    VALUES (:id, :seq, :round, :user, :roles, :verdict, :comment, :at)""")
                    .bind("id", a.id()).bind("seq", seq + 1).bind("round", d.round()).bind("user", d.user())
                    .bind("roles", String.join(",", d.roles())).bind("verdict", d.verdict().name())
                    .bind("comment", d.comment()).bind("at", d.at().toEpochMilli()).execute();
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
    void appendAudit(Handle handle, String id, List<AuditEntry> entries) {
        for (AuditEntry entry : entries) {
            // The next number in the same statement: no separate read of the last one.
            bindAudit(handle.createUpdate("""
                    INSERT INTO audit_log (assessment_id, seq, logged_at, actor, actor_role, action, detail,
                                           before_json, after_json)
                    SELECT :id, COALESCE(MAX(seq), 0) + 1, :at, :actor, :role, :action, :detail, :before, :after
                    FROM audit_log WHERE assessment_id = :id"""), id, entry).execute();
        }
    }

    /** The first entries of the audit log of a new assessment {@code id}, numbered from 1. */
    void appendNewAudit(Handle handle, String id, List<AuditEntry> entries) {
        long seq = 0;
        for (AuditEntry entry : entries) {
            bindAudit(handle.createUpdate("""
                    INSERT INTO audit_log (assessment_id, seq, logged_at, actor, actor_role, action, detail,
                                           before_json, after_json)
                    VALUES (:id, :seq, :at, :actor, :role, :action, :detail, :before, :after)"""), id, entry)
                    .bind("seq", ++seq).execute();
        }
    }

    private static org.jdbi.v3.core.statement.Update bindAudit(org.jdbi.v3.core.statement.Update update, String id,
                                                              AuditEntry entry) {
        return update.bind("id", id).bind("at", entry.at().toEpochMilli()).bind("actor", entry.actor())
                .bind("role", entry.role()).bind("action", entry.action()).bind("detail", entry.detail())
                .bind("before", entry.before()).bind("after", entry.after());
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
