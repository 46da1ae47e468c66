package io.warden.fleet;

import java.time.Duration;

/**
 * {@code fleet} in {@code warden.yaml} (docs/fleet.md). Only used when {@code storage.url} is a
 * PostgreSQL database that several agents share; every key has a default.
 *
 * @param heartbeat      how often this agent writes its row; default 5s
 * @param staleAfter     a running agent whose last heartbeat is older than this shows as
 *                       {@code unreachable}; default three heartbeats
 * @param advertise      the base URL other agents reach this agent's API at; default
 *                       {@code http://SERVER-HOST:PORT} (the host name when bound to all addresses)
 * @param token          the token agents forward control requests with: the same on every agent,
 *                       at least 16 characters; none means requests are not forwarded to other agents
 * @param forwardTimeout how long a forwarded request may take before it is answered 504; default 60s
 */
public record FleetSettings(Duration heartbeat, Duration staleAfter, String advertise, String token,
                            Duration forwardTimeout) {

    /** Every default. */
    public static final FleetSettings DEFAULTS = new FleetSettings(null, null, null, null, null);

    public FleetSettings {
        heartbeat = heartbeat == null ? Duration.ofSeconds(5) : heartbeat;
        staleAfter = staleAfter == null ? heartbeat.multipliedBy(3) : staleAfter;
        forwardTimeout = forwardTimeout == null ? Duration.ofSeconds(60) : forwardTimeout;
        advertise = advertise == null || advertise.isBlank() ? null : stripSlash(advertise.strip());
        token = token == null || token.isEmpty() ? null : token;
        if (heartbeat.toMillis() < 100) {
            throw new IllegalArgumentException("fleet.heartbeat must be at least 100ms, was " + heartbeat.toMillis()
                    + "ms");
        }
        if (staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("fleet.staleAfter (" + staleAfter.toMillis() + "ms) must be at least"
                    + " two heartbeats (" + heartbeat.multipliedBy(2).toMillis() + "ms): one late heartbeat would"
                    + " show a live agent as unreachable");
        }
        if (forwardTimeout.isNegative() || forwardTimeout.isZero()) {
            throw new IllegalArgumentException("fleet.forwardTimeout must be positive, was "
                    + forwardTimeout.toMillis() + "ms");
        }
        if (advertise != null && !advertise.startsWith("http://") && !advertise.startsWith("https://")) {
            throw new IllegalArgumentException("fleet.advertise must be a URL such as http://host-a:54112, was '"
                    + advertise + "'");
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("fleet.token is shorter than 16 characters");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never the token: settings end up in logs and messages. */
    @Override
    public String toString() {
        return "FleetSettings[heartbeat=" + heartbeat + ", staleAfter=" + staleAfter + ", advertise=" + advertise
                + ", token=" + (token == null ? "none" : "***") + ", forwardTimeout=" + forwardTimeout + "]";
    }
}
