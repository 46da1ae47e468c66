package io.warden.supervisor.spec;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A health check with Docker's semantics: a probe every {@code interval}, each given
 * {@code timeout}; {@code retries} consecutive failures make the service unhealthy; failures
 * within {@code startPeriod} after a start do not count, and the first success ends the start
 * period. Exactly one of {@code http}, {@code tcp} and {@code exec}.
 *
 * @param http                 a URL; healthy on a 2xx or 3xx answer to a plain HTTP/1.1 GET
 * @param tcp                  {@code host:port}; healthy when a connection opens
 * @param exec                 a command (argument list); healthy on exit code 0
 * @param interval             time between probes; default 5s. Until the first success probes
 *                             run every second at most, so that a dependant starts soon
 * @param timeout              per probe; default 3s
 * @param retries              consecutive failures before unhealthy; default 3
 * @param startPeriod          grace after a start; default 0s
 * @param restartWhenUnhealthy restart the service when it turns unhealthy, with the backoff and start
 *                             limit of an exit; default false
 */
public record HealthSpec(String http, String tcp, List<String> exec, Duration interval, Duration timeout,
                         Integer retries, Duration startPeriod, Boolean restartWhenUnhealthy) {

    public HealthSpec {
        exec = exec == null ? null : List.copyOf(exec);
        int kinds = (http != null ? 1 : 0) + (tcp != null ? 1 : 0) + (exec != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a health check needs exactly one of http, tcp, exec; found " + kinds);
        }
        if (http != null) {
            URI uri;
            try {
                uri = URI.create(http);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("http '" + http + "' is not a URL: " + e.getMessage());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("http '" + http + "' is not an http(s) URL with a host, "
                        + "for example http://127.0.0.1:8000/health");
            }
        }
        if (tcp != null) {
            int colon = tcp.lastIndexOf(':');
            int port = -1;
            try {
                port = colon > 0 ? Integer.parseInt(tcp.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                // reported below
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("tcp '" + tcp + "' is not host:port, for example 127.0.0.1:5432");
            }
        }
        if (exec != null && exec.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command: a list with the program first");
        }
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        retries = retries == null ? 3 : retries;
        startPeriod = startPeriod == null ? Duration.ZERO : startPeriod;
        restartWhenUnhealthy = restartWhenUnhealthy != null && restartWhenUnhealthy;
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("interval must be at least 10ms, was " + interval.toMillis() + "ms");
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1ms");
        }
        if (retries < 1) {
            throw new IllegalArgumentException("retries must be at least 1, was " + retries);
        }
        if (startPeriod.isNegative()) {
            throw new IllegalArgumentException("startPeriod cannot be negative");
        }
    }

    /** The {@code tcp} host. */
    public String tcpHost() {
        return tcp.substring(0, tcp.lastIndexOf(':'));
    }

    /** The {@code tcp} port. */
    public int tcpPort() {
        return Integer.parseInt(tcp.substring(tcp.lastIndexOf(':') + 1));
    }
}
