package io.warden.daemon;

import io.warden.api.AuthSettings;
import io.warden.api.ServerSettings;
import io.warden.api.limit.RateLimits;
import io.warden.config.ConfigMapper;
import java.nio.file.Path;

/**
 * The whole of {@code warden.yaml}, validated once at the edge. Every section has defaults, so an
 * empty file or no file at all starts a daemon on 127.0.0.1:54112. The schema and every default
 * are in docs/config.md.
 *
 * @param server     where the API listens and what it accepts
 * @param auth       API tokens and the routes open without one
 * @param rateLimits token buckets per client and route class
 */
public record WardenConfig(ServerSettings server, AuthSettings auth, RateLimits rateLimits) {

    public WardenConfig {
        server = server == null ? ServerSettings.defaults() : server;
        auth = auth == null ? AuthSettings.defaults() : auth;
        rateLimits = rateLimits == null ? RateLimits.defaults() : rateLimits;
    }

    /** The configuration used when there is no file. */
    public static WardenConfig defaults() {
        return new WardenConfig(null, null, null);
    }

    /** Reads and validates a config file; errors name the file, line and key. */
    public static WardenConfig load(Path file) {
        return ConfigMapper.create().read(file, WardenConfig.class);
    }

    /** This config with other server settings. */
    public WardenConfig withServer(ServerSettings newServer) {
        return new WardenConfig(newServer, auth, rateLimits);
    }
}
