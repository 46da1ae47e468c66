package io.warden.api;

import io.warden.config.DataSize;
import java.time.Duration;
import java.util.List;

/**
 * {@code server} in {@code warden.yaml}: where the API listens and what it accepts.
 *
 * @param host           the interface; default 127.0.0.1 (loopback only)
 * @param port           the TCP port; default 54112; 0 picks a free one
 * @param maxBodySize    the largest request body; default 1MB (413 beyond)
 * @param trustedProxies peers whose {@code X-Forwarded-For} is believed; default none
 * @param allowedOrigins browser origins (besides the API's own) whose pages may open the WebSocket
 * @param maxConnections connections served at once (more wait in the kernel's queue); default
 *                       derived from the descriptor limit when the API starts
 * @param idleTimeout    a connection with no traffic this long is closed, one that never sent a
 *                       request included; default 90s (longer than the WebSocket ping interval)
 * @param headerTimeout  a request whose headers are not complete this long after its request line
 *                       is closed (slowloris); default 10s
 */
public record ServerSettings(String host, Integer port, DataSize maxBodySize, List<String> trustedProxies,
                             List<String> allowedOrigins, Integer maxConnections, Duration idleTimeout,
                             Duration headerTimeout) {

    /** The API's default port. */
    public static final int DEFAULT_PORT = 54112;

    public ServerSettings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        port = port == null ? DEFAULT_PORT : port;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        trustedProxies = List.copyOf(trustedProxies == null ? List.of() : trustedProxies);
        allowedOrigins = List.copyOf(allowedOrigins == null ? List.of() : allowedOrigins);
        for (String origin : allowedOrigins) {
            if (!origin.equals("null") && !origin.matches("https?://[^/?#\\s]+")) {
                throw new IllegalArgumentException("allowedOrigins: '" + origin + "' is not an origin; write "
                        + "scheme://host[:port] with no path, e.g. https://dashboard.example.com");
            }
        }
        if (maxConnections != null && maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(90) : idleTimeout;
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("idleTimeout must be at least 1s, was " + idleTimeout);
        }
        headerTimeout = headerTimeout == null ? Duration.ofSeconds(10) : headerTimeout;
        if (headerTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("headerTimeout must be at least 100ms, was " + headerTimeout);
        }
    }

    /** The defaults. */
    public static ServerSettings defaults() {
        return new ServerSettings(null, null, null, null, null, null, null, null);
    }

    /** These settings on another port. */
    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxBodySize, trustedProxies, allowedOrigins, maxConnections,
                idleTimeout, headerTimeout);
    }

    /** These settings on another interface. */
    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxBodySize, trustedProxies, allowedOrigins, maxConnections,
                idleTimeout, headerTimeout);
    }
}
