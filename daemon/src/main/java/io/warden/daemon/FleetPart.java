package io.warden.daemon;

import io.warden.api.auth.Scope;
import io.warden.api.auth.TokenConfig;
import io.warden.fleet.Agent;
import io.warden.fleet.Fleet;
import io.warden.fleet.HostService;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's place in its fleet (docs/fleet.md): its agent id (stable per state directory), the
 * registry (the shared table when {@code storage.url} is PostgreSQL, this agent alone otherwise),
 * heartbeats carrying the services' states, and the user {@code fleet} that other agents forward
 * control requests as.
 */
final class FleetPart {

    /** The user a forwarded request runs as on the owning agent. */
    static final String FORWARDING_USER = "fleet";

    private FleetPart() {
    }

    /** The id of the agent of {@code stateDir}, made on its first start. */
    static String agentId(Path stateDir) {
        return Agent.idOf(stateDir);
    }

    /**
     * The fleet of this agent, heartbeating {@code supervisor}'s services once {@link #start} is
     * called; a service event asks for an early heartbeat.
     *
     * @throws io.warden.fleet.FleetException when the shared database cannot be reached or migrated
     */
    static Fleet open(WardenConfig config, String agentId, String version, Supervisor supervisor, InstantSource clock,
                      List<AutoCloseable> parts) {
        String url = config.storage().url();
        boolean postgres = url != null && url.startsWith("jdbc:postgresql:");
        Fleet fleet = Fleet.open(config.fleet(), agentId, version, postgres ? url : null,
                () -> services(supervisor), clock);
        // Closed after the services stopped: the last row says stopped, with them stopped.
        parts.add(parts.indexOf(supervisor) + 1, fleet);
        parts.addFirst(supervisor.subscribe(event -> fleet.changed()));
        return fleet;
    }

    /** Registers the agent at its API's address, {@code fleet.advertise} unless set. */
    static void start(Fleet fleet, WardenConfig config, int apiPort) {
        fleet.start(Agent.defaultApiUrl(config.server().host(), apiPort));
    }

    /** {@code auth.tokens}, plus {@code fleet.token} as the user {@value #FORWARDING_USER} (admin, no roles). */
    static List<TokenConfig> tokens(WardenConfig config) {
        List<TokenConfig> tokens = new ArrayList<>(config.auth().tokens());
        if (config.fleet().token() != null) {
            tokens.add(new TokenConfig(FORWARDING_USER, config.fleet().token(), null, Scope.ADMIN, List.of()));
        }
        return tokens;
    }

    private static List<HostService> services(Supervisor supervisor) {
        return supervisor.services().stream().map(FleetPart::service).toList();
    }

    private static HostService service(ServiceStatus status) {
        return new HostService(status.name(), status.state().wireName(), status.pid(), status.restarts());
    }
}
