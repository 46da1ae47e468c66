package io.warden.daemon;

import io.warden.api.ComponentHealth;
import io.warden.api.auth.TokenConfig;
import io.warden.governance.GovernanceException;
import io.warden.governance.GovernanceService;
import io.warden.governance.store.GovernanceStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's governance: the store (SQLite in the state directory unless {@code storage.url}
 * says otherwise, migrated on open), the service over it, and its health. Thread safe; closing
 * releases the connection pool.
 */
final class GovernancePart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GovernancePart.class);

    private final GovernanceStore store;
    private final GovernanceService service;

    private GovernancePart(GovernanceStore store, GovernanceService service) {
        this.store = store;
        this.service = service;
    }

    /** Opens the store of {@code config} for the daemon of {@code stateDir}. */
    static GovernancePart open(WardenConfig config, Path stateDir) {
        GovernanceStore store = GovernanceStore.open(config.storage().jdbcUrl(stateDir));
        warnAboutUnknownRoles(config);
        LOG.info("governance store: {}", store.url());
        return new GovernancePart(store, new GovernanceService(store, config.governance(), InstantSource.system()));
    }

    GovernanceService service() {
        return service;
    }

    /** Up while a trivial query answers; the detail names the database kind, never its URL. */
    ComponentHealth health() {
        String kind = store.isPostgres() ? "postgresql" : "sqlite";
        try {
            store.ping();
            return ComponentHealth.up(kind);
        } catch (GovernanceException e) {
            return ComponentHealth.down(kind + " unreachable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        store.close();
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
