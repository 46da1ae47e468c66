package io.warden.governance.store;

import com.zaxxer.hikari.HikariDataSource;
import io.warden.governance.ConflictException;
import io.warden.governance.StorageException;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentFilter;
import io.warden.governance.assessment.AuditEntry;
import io.warden.governance.assessment.Decision;
import io.warden.governance.export.AssessmentCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.sqlite.SQLiteDataSource;

/**
 * Where assessments live: a SQLite file by default, PostgreSQL when the URL says so, migrated by
 * Flyway on open. Every write is atomic and returns only once committed; concurrent writes share
 * a transaction (group commit, see {@link GroupCommit}), and one write's failure never undoes
 * another's. A write that lost a race (the stored version moved) is refused
 * with a {@link ConflictException}; the audit log is only ever appended to. Thread-safe. Close it
 * to finish queued writes and release the pool.
 */
public final class GovernanceStore implements AutoCloseable {

    private final String url;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final AssessmentCodec codec = new AssessmentCodec();
    private final Rows rows;
    /**
     * Every write goes through group commit: the writes queued while a commit is in flight share the
     * next transaction and its one fsync. SQLite has one writer at a time, so it gets one committer
     * thread (writers of this process queue there, not in SQLite's busy handler, which sleeps in steps
     * of up to 100 ms; other processes, a CLI beside the daemon, still wait through the busy timeout),
     * with a connection of its own outside the pool on which the write statements stay prepared.
     * PostgreSQL gets a few committers on pooled connections, whose commits it flushes together.
     */
    private final GroupCommit writes;
    private final WalCheckpointer checkpoints;
    private final RecentAssessments recent = new RecentAssessments(RECENT_CAPACITY);

    /** How many recently written assessments are kept for their next write (a few KB each). */
    static final int RECENT_CAPACITY = 256;

    private GovernanceStore(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.rows = new Rows(codec);
        this.writes = Databases.isPostgres(url)
                ? new GroupCommit(() -> CommitConnection.pooled(jdbi), Databases.POSTGRES_COMMITTERS, true,
                        "warden-governance-commit")
                : sqliteWrites(Databases.sqlite(url));
        this.checkpoints = Databases.isPostgres(url) ? null : new WalCheckpointer(jdbi, "warden-governance-checkpoint");
    }

    /** The one SQLite committer, on a connection of its own that keeps its statements prepared. */
    private static GroupCommit sqliteWrites(SQLiteDataSource source) {
        // No write asks for generated keys; with them on, the driver matches every statement it runs
        // against an INSERT regex, on the one thread all writes wait for.
        source.setGetGeneratedKeys(false);
        return new GroupCommit(() -> CommitConnection.dedicated(source::getConnection, Databases.SQLITE_INIT_SQL), 1,
                false, "warden-governance-commit");
    }

    /**
     * What opening a SQLite store at {@code jdbcUrl} would first do, without opening it: creates the
     * file's directory and checks that it is writable, so a daemon that opens its store on first use
     * still fails at start on a state directory it cannot write.
     *
     * @throws StorageException naming the directory
     */
    public static void prepareSqlite(String jdbcUrl) {
        Databases.prepareSqliteDirectory(jdbcUrl);
    }

    /**
     * Opens (and migrates) the store at {@code jdbcUrl}: {@code jdbc:sqlite:PATH} or
     * {@code jdbc:postgresql://HOST:PORT/DB?user=...&currentSchema=...}.
     */
    public static GovernanceStore open(String jdbcUrl) {
        HikariDataSource pool = Databases.pool(jdbcUrl);
        try {
            Flyway.configure(GovernanceStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:io/warden/governance/store/migration")
                    .table("governance_schema_history")
                    .load()
                    .migrate();
        } catch (FlywayException | JdbiException e) {
            pool.close();
            throw new StorageException("cannot migrate the governance schema at " + Databases.redact(jdbcUrl) + ": "
                    + Databases.rootMessage(e) + "; check the database is reachable and writable", e);
        }
        return new GovernanceStore(jdbcUrl, pool);
    }

    /** Opens the SQLite database file {@code file}, creating it and its directory when needed. */
    public static GovernanceStore openSqlite(Path file) {
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * The codec the store writes JSON with; sharing it shares its rendered contents (a write stores,
     * logs and answers with the same content).
     */
    public AssessmentCodec codec() {
        return codec;
    }

    /** The URL, without a password. */
    public String url() {
        return Databases.redact(url);
    }

    /** Stores a new assessment and its first audit entries. */
    public void insert(Assessment assessment, List<AuditEntry> audit) {
        Rows.Json json = rows.json(assessment);
        write(assessment, session -> {
            rows.insertAssessment(session, assessment, json);
            rows.insertServices(session, assessment);
            rows.insertDecisions(session, assessment, 0);
            rows.appendNewAudit(session, assessment.id(), audit);
        });
    }

    /**
     * Replaces the stored assessment whose version is {@code expectedVersion} with {@code updated},
     * appends its new decisions and {@code audit}; refuses with a {@link ConflictException} when the
     * stored version moved in between.
     */
    public void save(Assessment updated, long expectedVersion, List<AuditEntry> audit) {
        Rows.Json json = rows.json(updated);
        write(updated, session -> {
            rows.updateAssessment(session, updated, json, expectedVersion, () -> conflict(updated, expectedVersion));
            rows.insertDecisions(session, updated, rows.decisionCount(session, updated.id()));
            rows.replaceServices(session, updated);
            rows.appendAudit(session, updated.id(), audit);
        });
    }

    /**
     * As {@link #save(Assessment, long, List)} with the stored {@code previous} the change was made
     * from: its version is the expected one, and what it already holds (its decisions, its services)
     * is not written again.
     */
    public void save(Assessment updated, Assessment previous, List<AuditEntry> audit) {
        // When the content and retrospective did not change, they are not written again.
        boolean same = updated.content().equals(previous.content())
                && Objects.equals(updated.retrospective(), previous.retrospective());
        Rows.Json json = same ? null : rows.json(updated);
        long expected = previous.version();
        write(updated, session -> {
            Supplier<RuntimeException> conflict = () -> conflict(updated, expected);
            if (same) {
                rows.updateState(session, updated, expected, conflict);
            } else {
                rows.updateAssessment(session, updated, json, expected, conflict);
            }
            // The version matched, so the stored decisions and services are previous's.
            rows.insertDecisions(session, updated, previous.decisions().size());
            if (!same && !Rows.services(updated).equals(Rows.services(previous))) {
                rows.replaceServices(session, updated);
            }
            rows.appendAudit(session, updated.id(), audit);
        });
    }

    private static ConflictException conflict(Assessment updated, long expectedVersion) {
        return new ConflictException("assessment " + updated.id() + " changed while this write was prepared"
                    + " (expected version " + expectedVersion + "); read it again and retry");
    }

    /** The assessment {@code id}, if stored. */
    public Optional<Assessment> find(String id) {
        return read(() -> jdbi.withHandle(handle -> {
            List<Assessment> found = load(handle, "SELECT * FROM assessment WHERE id = :id", Map.of("id", id));
            return found.stream().findFirst();
        }));
    }

    /**
     * The assessment {@code id} as this process last committed it, or as stored when it did not
     * write it recently: what a write starts from. Possibly stale if another process wrote it since;
     * a save from it then fails with a {@link ConflictException} and the caller reads {@link #find}.
     */
    public Optional<Assessment> latest(String id) {
        Optional<Assessment> held = recent.get(id);
        return held.isPresent() ? held : find(id);
    }

    /** The assessments matching {@code filter}, newest first. */
    public List<Assessment> list(AssessmentFilter filter) {
        StringBuilder sql = new StringBuilder("SELECT * FROM assessment a WHERE 1 = 1");
        Map<String, Object> binds = new java.util.HashMap<>();
        if (filter.status() != null) {
            sql.append(" AND a.status = :status");
            binds.put("status", filter.status().name());
        }
        if (filter.level() != null) {
            sql.append(" AND a.level = :level");
            binds.put("level", filter.level().name());
        }
        if (filter.service() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM assessment_service s WHERE s.assessment_id = a.id"
                    + " AND s.service = :service)");
            binds.put("service", filter.service());
        }
        sql.append(" ORDER BY a.created_at DESC, a.id");
        return read(() -> jdbi.withHandle(handle -> load(handle, sql.toString(), binds)));
    }

    /** The audit log of {@code id}, oldest first. */
    public List<AuditEntry> audit(String id) {
        return read(() -> jdbi.withHandle(handle -> rows.audit(handle, id)));
    }

    /** How many assessments are stored. */
    public long count() {
        return read(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM assessment")
                .mapTo(Long.class).one()));
    }

    /** Runs a trivial query, for health checks; a {@link StorageException} says why the database fails. */
    public void ping() {
        read(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()));
    }

    /** Whether this store is a PostgreSQL database (otherwise SQLite). */
    public boolean isPostgres() {
        return Databases.isPostgres(url);
    }

    /**
     * The JDBI handle factory over this database, for the deploy history, whose table these
     * migrations create too (one schema, one migration set, for SQLite and PostgreSQL). Its writes
     * do not go through group commit: deploys are a few writes a minute.
     */
    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        writes.close();
        if (checkpoints != null) {
            checkpoints.close();
        }
        pool.close();
    }

    private List<Assessment> load(Handle handle, String sql, Map<String, Object> binds) {
        Query query = handle.createQuery(sql);
        binds.forEach(query::bind);
        List<Rows.AssessmentRow> found = query.map(rows::assessmentRow).list();
        if (found.isEmpty()) {
            return List.of();
        }
        Map<String, List<Decision>> decisions = rows.decisions(handle,
                found.stream().map(Rows.AssessmentRow::id).toList());
        List<Assessment> assessments = new ArrayList<>(found.size());
        for (Rows.AssessmentRow row : found) {
            assessments.add(row.toAssessment(decisions.getOrDefault(row.id(), List.of())));
        }
        return assessments;
    }

    /** Runs {@code work}, which writes {@code written}, in a (shared) transaction and returns once it committed. */
    private void write(Assessment written, Consumer<WriteSession> work) {
        try {
            read(() -> {
                writes.run(work);
                return null;
            });
        } catch (RuntimeException e) {
            recent.forget(written.id());
            throw e;
        }
        recent.committed(written);
        if (checkpoints != null) {
            checkpoints.written();
        }
    }

    /** The group committer, for this package's tests. */
    GroupCommit groupCommit() {
        return writes;
    }

    private <T> T read(Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException | Rows.SqlFailure e) {
            throw new StorageException("the governance database at " + url() + " failed: "
                    + Databases.rootMessage(e) + "; check that it is reachable and has space", e);
        }
    }
}
