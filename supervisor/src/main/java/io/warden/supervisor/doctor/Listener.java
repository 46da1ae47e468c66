package io.warden.supervisor.doctor;

/**
 * A listening TCP socket of the connection table.
 *
 * @param port     the local port
 * @param pid      the owning process, 0 when the OS does not say (another user's socket, no privilege)
 * @param protocol {@code tcp4} or {@code tcp6}
 */
public record Listener(int port, long pid, String protocol) {

    public Listener {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        pid = Math.max(0, pid);
        protocol = protocol == null ? "" : protocol;
    }
}
