package io.warden.deploy.history;

import io.warden.deploy.DeployException;
import io.warden.deploy.watch.Verdict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Deploy records in the governance database (tables {@code deploy} and {@code deploy_step} of
 * its migrations, SQLite or PostgreSQL). Every phase change updates the record and appends a step
 * in one transaction, committed before the step it announces runs.
 *
 * <p>Agents that share one PostgreSQL share the table (docs/fleet.md): each history belongs to
 * one agent ({@code host}, its agent id), which writes its deploys with it and reads only its own
 * for the decisions of its services ({@link #forService}, {@link #unfinished}); {@link #list} reads
 * the whole fleet's. Rows without a host (written before hosts were recorded) belong to every
 * agent. Thread safe.
 */
public final class DeployHistory {

    /** One phase change of a deploy, oldest first. */
    public record Step(int seq, Instant at, Phase phase, String detail) {
    }

    private static final String COLUMNS = "id, service, assessment_id, actor, environment, phase, verdict, reason,"
            + " previous_spec, new_spec, settings, started_at, updated_at, watch_from, host";
    /** This agent's deploys, and those recorded before deploys had a host. */
    private static final String MINE = "(host = :host OR host IS NULL)";

    private final Jdbi jdbi;
    private final String host;

    /**
     * Over the governance store's database ({@code GovernanceStore.jdbi()}), already migrated, for
     * the agent {@code host}.
     */
    public DeployHistory(Jdbi jdbi, String host) {
        this.jdbi = jdbi;
        this.host = java.util.Objects.requireNonNull(host, "host");
    }

    /** The agent whose deploys this history writes. */
    public String host() {
        return host;
    }

    /** Stores a new deploy and its first step. */
    public void insert(DeployRecord deploy) {
        write(handle -> {
            handle.createUpdate("INSERT INTO deploy (" + COLUMNS + ") VALUES (:id, :service, :assessment, :actor,"
                            + " :environment, :phase, :verdict, :reason, :previous, :next, :settings, :started,"
                            + " :updated, :watchFrom, :host)")
                    .bind("id", deploy.id()).bind("service", deploy.service())
                    .bind("assessment", deploy.assessmentId()).bind("actor", deploy.actor())
                    .bind("environment", deploy.environment()).bind("phase", deploy.phase().name())
                    .bind("verdict", deploy.verdict() == null ? null : deploy.verdict().name())
                    .bind("reason", deploy.reason()).bind("previous", SpecJson.write(deploy.previous()))
                    .bind("next", SpecJson.write(deploy.next())).bind("settings", SpecJson.write(deploy.settings()))
                    .bind("started", deploy.startedAt().toEpochMilli()).bind("updated", deploy.updatedAt().toEpochMilli())
                    .bind("watchFrom", millis(deploy.watchFrom())).bind("host", deploy.host())
                    .execute();
            step(handle, deploy, 1);
        });
    }

    /** Writes the deploy's new phase, verdict and reason, and appends the step. */
    public void update(DeployRecord deploy) {
        write(handle -> {
            int changed = handle.createUpdate("UPDATE deploy SET phase = :phase, verdict = :verdict, reason = :reason,"
                            + " updated_at = :updated, watch_from = :watchFrom WHERE id = :id")
                    .bind("phase", deploy.phase().name())
                    .bind("verdict", deploy.verdict() == null ? null : deploy.verdict().name())
                    .bind("reason", deploy.reason()).bind("updated", deploy.updatedAt().toEpochMilli())
                    .bind("watchFrom", millis(deploy.watchFrom())).bind("id", deploy.id())
                    .execute();
            if (changed != 1) {
                throw new DeployException("deploy " + deploy.id() + " is not stored; it cannot move to "
                        + deploy.phase().wire());
            }
            int next = handle.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM deploy_step WHERE deploy_id = :id")
                    .bind("id", deploy.id()).mapTo(Integer.class).one();
            step(handle, deploy, next);
        });
    }

    /** The deploy {@code id}, if stored. */
    public Optional<DeployRecord> find(String id) {
        return read(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                + " FROM deploy WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne()));
    }

    /** This agent's deploys of {@code service}, newest first. */
    public List<DeployRecord> forService(String service) {
        return read(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM deploy WHERE service = :service AND " + MINE + " ORDER BY started_at DESC, id DESC")
                .bind("service", service).bind("host", host).map((rs, ctx) -> row(rs)).list()));
    }

    /**
     * The deploys of every agent, newest first, at most {@code limit}: of {@code service} and on
     * {@code onHost} only when they are not null.
     */
    public List<DeployRecord> list(int limit, String service, String onHost) {
        String where = (service == null ? "" : " AND service = :service") + (onHost == null ? "" : " AND host = :onHost");
        return read(() -> jdbi.withHandle(handle -> {
            var query = handle.createQuery("SELECT " + COLUMNS + " FROM deploy WHERE 1 = 1" + where
                    + " ORDER BY started_at DESC, id DESC").setMaxRows(limit);
            if (service != null) {
                query.bind("service", service);
            }
            if (onHost != null) {
                query.bind("onHost", onHost);
            }
            return query.map((rs, ctx) -> row(rs)).list();
        }));
    }

    /** This agent's deploys not finished (it stopped during them), oldest first. */
    public List<DeployRecord> unfinished() {
        return read(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM deploy WHERE phase NOT IN ('PROMOTED', 'ROLLED_BACK', 'FAILED') AND " + MINE
                        + " ORDER BY started_at, id")
                .bind("host", host).map((rs, ctx) -> row(rs)).list()));
    }

    /** The steps of deploy {@code id}, oldest first. */
    public List<Step> steps(String id) {
        return read(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT seq, at, phase, detail FROM deploy_step"
                        + " WHERE deploy_id = :id ORDER BY seq").bind("id", id)
                .map((rs, ctx) -> new Step(rs.getInt("seq"), Instant.ofEpochMilli(rs.getLong("at")),
                        Phase.valueOf(rs.getString("phase")), rs.getString("detail"))).list()));
    }

    private static void step(Handle handle, DeployRecord deploy, int seq) {
        handle.createUpdate("INSERT INTO deploy_step (deploy_id, seq, at, phase, detail)"
                        + " VALUES (:id, :seq, :at, :phase, :detail)")
                .bind("id", deploy.id()).bind("seq", seq).bind("at", deploy.updatedAt().toEpochMilli())
                .bind("phase", deploy.phase().name()).bind("detail", deploy.reason())
                .execute();
    }

    private static DeployRecord row(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict");
        long watchFrom = rs.getLong("watch_from");
        boolean watched = !rs.wasNull();
        return new DeployRecord(rs.getString("id"), rs.getString("service"), rs.getString("assessment_id"),
                rs.getString("actor"), rs.getString("environment"), Phase.valueOf(rs.getString("phase")),
                verdict == null ? null : Verdict.valueOf(verdict), rs.getString("reason"),
                SpecJson.spec(rs.getString("previous_spec")), SpecJson.spec(rs.getString("new_spec")),
                SpecJson.settings(rs.getString("settings")), Instant.ofEpochMilli(rs.getLong("started_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), watched ? Instant.ofEpochMilli(watchFrom) : null,
                rs.getString("host"));
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private void write(java.util.function.Consumer<Handle> work) {
        read(() -> {
            jdbi.useTransaction(work::accept);
            return null;
        });
    }

    private static <T> T read(Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new DeployException("the deploy history failed: " + root.getMessage()
                    + "; check that the governance database is reachable and has space", e);
        }
    }
}
