package io.warden.daemon;

import io.warden.api.ComponentHealth;
import io.warden.api.auth.TokenConfig;
import io.warden.governance.GovernanceConfig;
import io.warden.governance.GovernanceException;
import io.warden.governance.GovernanceService;
import io.warden.governance.StorageException;
import io.warden.governance.store.GovernanceStore;
import io.warden.lock.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's governance: the store (SQLite in the state directory unless {@code storage.url}
 * says otherwise, migrated on open), the service over it, and its health.
 *
 * <p>A SQLite store is opened on the first governance call, not at start: Flyway, JDBI, HikariCP
 * and SQLite's native library are ~880 classes and a few MB that a daemon whose assessments are
 * never used would carry for nothing (bench/HISTORY.md, issue 3). At start only its directory is
 * created and checked, so a state dir the daemon cannot write still fails {@code warden up}. A
 * PostgreSQL store is opened at start as before: an unreachable shared database should stop
 * {@code warden up} with the reason, not surface at the first approval.
 *
 * <p>Thread safe; closing releases the connection pool, if it was opened.
 */
final class GovernancePart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GovernancePart.class);

    private final String url;
    /** The default SQLite file in the state dir, made 0600 before SQLite opens it; null otherwise. */
    private final Path privateDatabase;
    private GovernanceConfig config; // guarded by this
    private final InstantSource clock;
    private volatile GovernanceService service;
    private GovernanceStore store; // guarded by this
    private boolean closed; // guarded by this

    private GovernancePart(String url, Path privateDatabase, GovernanceConfig config, InstantSource clock) {
        this.url = url;
        this.privateDatabase = privateDatabase;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The governance of {@code config} for the daemon of {@code stateDir}: PostgreSQL opened and
     * migrated now, SQLite on first use.
     *
     * @throws StorageException when the database cannot be reached or migrated (PostgreSQL), or
     *                          the SQLite file's directory cannot be created or written
     */
    static GovernancePart open(WardenConfig config, Path stateDir, InstantSource clock) {
        warnAboutUnknownRoles(config);
        Path database = config.storage().url() == null ? stateDir.resolve(StorageSettings.DEFAULT_FILE) : null;
        GovernancePart part = new GovernancePart(config.storage().jdbcUrl(stateDir), database, config.governance(),
                clock);
        if (part.isPostgres()) {
            part.service();
        } else {
            GovernanceStore.prepareSqlite(part.url);
        }
        return part;
    }

    /**
     * Makes the default database file 0600 before SQLite opens it, which would make it 0644 under
     * the usual umask; SQLite gives its -wal and -shm files the database file's mode. A link in its
     * place is refused, never followed.
     */
    private static void createPrivately(Path database) {
        try {
            PrivateFiles.open(database, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();
            PrivateFiles.tighten(database);
        } catch (IOException e) {
            throw new StorageException("cannot open the SQLite database " + PrivateFiles.message(e), e);
        }
    }

    /**
     * The service, opening and migrating the store on the first call.
     *
     * @throws StorageException when the store cannot be opened (asked again at the next call), or
     *                          the daemon is stopping
     */
    GovernanceService service() {
        GovernanceService opened = service;
        if (opened != null) {
            return opened;
        }
        synchronized (this) {
            if (closed) {
                throw new StorageException("the governance store is closed: the daemon is stopping");
            }
            if (service == null) {
                if (privateDatabase != null) {
                    createPrivately(privateDatabase);
                }
                store = GovernanceStore.open(url);
                LOG.info("governance store: {}", store.url());
                service = new GovernanceService(store, config, clock);
            }
            return service;
        }
    }

    /**
     * From now on decides with {@code next}'s approval matrix and policy; the risk bands stay those
     * of the start (stored assessments keep the levels computed with them, see docs/config.md).
     */
    synchronized void reconfigure(GovernanceConfig next) {
        config = new GovernanceConfig(config.bands(), next.approvals(), next.policy());
        if (service != null) {
            service.reconfigure(config);
        }
    }

    /** The store, opened as {@link #service()} opens it. */
    GovernanceStore store() {
        service();
        synchronized (this) {
            return store;
        }
    }

    /** Whether the store may hold records: PostgreSQL, or a SQLite file that exists (or is open). */
    boolean hasData() {
        if (isPostgres() || service != null) {
            return true;
        }
        String path = url.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        return java.nio.file.Files.exists(Path.of(query < 0 ? path : path.substring(0, query)));
    }

    /**
     * Up while a trivial query answers; the detail names the database kind, never its URL. A
     * SQLite store not opened yet is not opened for this (a monitor polling {@code /health} would
     * otherwise load it all): it is up if its directory is writable.
     */
    ComponentHealth health() {
        String kind = isPostgres() ? "postgresql" : "sqlite";
        GovernanceStore opened;
        synchronized (this) {
            opened = store;
        }
        try {
            if (opened == null) {
                GovernanceStore.prepareSqlite(url);
                return ComponentHealth.up(kind + " (opened on first use)");
            }
            opened.ping();
            return ComponentHealth.up(kind);
        } catch (GovernanceException e) {
            return ComponentHealth.down(kind + " unreachable: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }

    private boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    /**
     * A token role the approval matrix does not know is refused when its holder acts (400 naming
     * {@code roles}); say so at start, when the operator reads the log, rather than at the first
     * approval. Not a config error: roles may serve more than approvals later.
     */
    private static void warnAboutUnknownRoles(WardenConfig config) {
        List<String> known = config.governance().approvals().roles();
        for (TokenConfig token : config.auth().tokens()) {
            List<String> unknown = token.roles().stream().filter(role -> !known.contains(role)).toList();
            if (!unknown.isEmpty()) {
                LOG.warn("auth.tokens: user {} holds role(s) {} that the approval matrix does not know ({});"
                        + " their governance actions will be refused", token.user(), unknown, known);
            }
        }
    }
}
