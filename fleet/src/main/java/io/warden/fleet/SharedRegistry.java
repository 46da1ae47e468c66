package io.warden.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@code hosts} table in the PostgreSQL the agents share (migrated by Flyway on open, history
 * table {@code fleet_schema_history}). Every time written or compared is the database's clock, so
 * hosts' clocks may disagree. A small pool of its own: a heartbeat never waits behind governance
 * writes, and a database that does not answer fails a heartbeat in seconds. Thread safe.
 */
final class SharedRegistry implements HostRegistry {

    /** Epoch milliseconds by the database's clock, at the time the statement runs. */
    private static final String DB_NOW = "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    private static final TypeReference<List<HostService>> SERVICES = new TypeReference<>() { };

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Duration staleAfter;
    private final ObjectMapper json = new ObjectMapper();

    private SharedRegistry(HikariDataSource pool, Duration staleAfter) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.staleAfter = staleAfter;
    }

    /**
     * Opens the registry at {@code jdbcUrl} ({@code jdbc:postgresql:...}) and migrates its table.
     *
     * @throws FleetException when the database cannot be reached or migrated
     */
    static SharedRegistry open(String jdbcUrl, Duration staleAfter) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("warden-fleet");
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FleetException("cannot connect to " + redact(jdbcUrl) + " for the fleet registry: "
                    + rootMessage(e) + "; check that the database runs and storage.url is right", e);
        }
        try {
            Flyway.configure(SharedRegistry.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:io/warden/fleet/migration")
                    .table("fleet_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new FleetException("cannot migrate the fleet registry at " + redact(jdbcUrl) + ": "
                    + rootMessage(e) + "; check the database is reachable and writable", e);
        }
        return new SharedRegistry(pool, staleAfter);
    }

    @Override
    public void beat(Agent self, List<HostService> services, boolean first) {
        String body = write(services);
        execute(() -> jdbi.useHandle(handle -> {
            int updated = first ? 0 : handle.createUpdate("UPDATE hosts SET host_name = :host, version = :version,"
                            + " api_url = :api, state = 'running', heartbeat_at = " + DB_NOW + ", services = :services"
                            + " WHERE agent_id = :id")
                    .bind("id", self.id()).bind("host", self.hostName()).bind("version", self.version())
                    .bind("api", self.apiUrl()).bind("services", body).execute();
            if (updated == 0) {
                // At start, or the row went (an operator deleted it): (re)register.
                handle.createUpdate("INSERT INTO hosts (agent_id, host_name, version, api_url, state, started_at,"
                                + " heartbeat_at, services) VALUES (:id, :host, :version, :api, 'running', " + DB_NOW
                                + ", " + DB_NOW + ", :services) ON CONFLICT (agent_id) DO UPDATE SET"
                                + " host_name = EXCLUDED.host_name, version = EXCLUDED.version,"
                                + " api_url = EXCLUDED.api_url, state = EXCLUDED.state,"
                                + " started_at = EXCLUDED.started_at, heartbeat_at = EXCLUDED.heartbeat_at,"
                                + " services = EXCLUDED.services")
                        .bind("id", self.id()).bind("host", self.hostName()).bind("version", self.version())
                        .bind("api", self.apiUrl()).bind("services", body).execute();
            }
        }));
    }

    @Override
    public void stopped(Agent self, List<HostService> services) {
        String body = write(services);
        execute(() -> jdbi.useHandle(handle -> handle.createUpdate("UPDATE hosts SET state = 'stopped', heartbeat_at = "
                        + DB_NOW + ", services = :services WHERE agent_id = :id")
                .bind("id", self.id()).bind("services", body).execute()));
    }

    @Override
    public List<Host> hosts(String selfId) {
        return run(() -> jdbi.withHandle(handle -> handle.createQuery("SELECT agent_id, host_name, version, api_url,"
                        + " state, started_at, heartbeat_at, services, " + DB_NOW + " AS db_now FROM hosts"
                        + " ORDER BY host_name, agent_id")
                .map((rs, ctx) -> host(rs, selfId)).list()));
    }

    private Host host(ResultSet rs, String selfId) throws SQLException {
        long at = rs.getLong("heartbeat_at");
        Duration age = Duration.ofMillis(Math.max(0, rs.getLong("db_now") - at));
        HostState state = rs.getString("state").equals("stopped") ? HostState.STOPPED
                : age.compareTo(staleAfter) > 0 ? HostState.UNREACHABLE : HostState.RUNNING;
        String id = rs.getString("agent_id");
        return new Host(id, rs.getString("host_name"), rs.getString("version"), rs.getString("api_url"), state,
                id.equals(selfId), Instant.ofEpochMilli(rs.getLong("started_at")), Instant.ofEpochMilli(at), age,
                read(rs.getString("services")));
    }

    @Override
    public void close() {
        pool.close();
    }

    private String write(List<HostService> services) {
        try {
            return json.writeValueAsString(services);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of records always renders", e);
        }
    }

    /** A row written by a newer Warden may hold what this one cannot read: shown without services. */
    private List<HostService> read(String text) {
        try {
            return json.readValue(text, SERVICES);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private <T> T run(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new FleetException("the fleet registry at " + redact(pool.getJdbcUrl()) + " failed: "
                    + rootMessage(e) + "; check that the database is reachable", e);
        }
    }

    private void execute(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
