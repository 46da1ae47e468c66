package io.warden.daemon;

import io.warden.config.ConfigMapper;
import java.nio.file.Path;

/**
 * The whole of {@code warden.yaml}, validated once at the edge. Every section has defaults, so an
 * empty file or no file at all starts a daemon on 127.0.0.1:54112.
 *
 * @param server where the API listens
 */
public record WardenConfig(Server server) {

    /** The API's default port. */
    public static final int DEFAULT_PORT = 54112;

    public WardenConfig {
        server = server == null ? new Server(null, null) : server;
    }

    /**
     * Where the API listens.
     *
     * @param host the interface, default 127.0.0.1 (loopback only)
     * @param port the TCP port, default 54112
     */
    public record Server(String host, Integer port) {
        public Server {
            host = host == null || host.isBlank() ? "127.0.0.1" : host;
            port = port == null ? DEFAULT_PORT : port;
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
        }
    }

    /** The configuration used when there is no file. */
    public static WardenConfig defaults() {
        return new WardenConfig(null);
    }

    /** Reads and validates a config file; errors name the file, line and key. */
    public static WardenConfig load(Path file) {
        return ConfigMapper.create().read(file, WardenConfig.class);
    }

    /** This config listening on another port. */
    public WardenConfig withPort(int port) {
        return new WardenConfig(new Server(server.host(), port));
    }

    /** This config listening on another interface. */
    public WardenConfig withHost(String host) {
        return new WardenConfig(new Server(host, server.port()));
    }
}
