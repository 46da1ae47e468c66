package io.warden.supervisor.doctor;

import io.warden.os.OsFamily;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a port is free before a service that declares it starts, and if not, who holds it. The
 * check is a bind on the wildcard address (microseconds); the connection table is read only when
 * that bind fails, to name the holder.
 */
public final class PortCheck {

    private PortCheck() {
    }

    /**
     * Who holds {@code port}: {@code PID 4242 (python3 main.py)}, or a sentence saying the OS does
     * not tell; empty when the port can be bound.
     */
    public static Optional<String> heldBy(int port) {
        return heldBy(port, null);
    }

    /** Whether {@code port} is held by some process: a bind only, the connection table is not read. */
    public static boolean isHeld(int port) {
        return port > 0 && port <= 65_535 && !canBind(port);
    }

    static Optional<String> heldBy(int port, HostScanner scanner) {
        if (port <= 0 || port > 65_535 || canBind(port)) {
            return Optional.empty();
        }
        HostScanner host = scanner != null ? scanner : HostScanner.platform();
        List<Long> owners = host.listeners().stream().filter(l -> l.port() == port).map(Listener::pid).distinct()
                .toList();
        List<String> named = owners.stream().filter(pid -> pid > 0)
                .map(pid -> "PID " + pid + host.process(pid).map(row -> " (" + row.commandLine() + ")").orElse(""))
                .toList();
        if (named.isEmpty()) {
            return Optional.of("a process the OS does not name (another user's, or a socket not yet listening)");
        }
        return Optional.of(String.join(" and ", named));
    }

    /**
     * Waits until {@code port} can be bound, at most {@code patience}; returns whether it can. A
     * stopped tree's sockets close with its processes, but a child that left the tree may hold on.
     */
    public static boolean awaitFree(int port, java.time.Duration patience) {
        if (port <= 0 || port > 65_535) {
            return true;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!canBind(port)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR a socket in TIME_WAIT from the service's previous run would look
            // like a holder on Unix; on Windows the option would let the bind steal the port instead.
            socket.setReuseAddress(!OsFamily.isWindows());
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (BindException e) {
            // "Permission denied" (a privileged port) is no holder: the service may have the right.
            return e.getMessage() == null || !e.getMessage().toLowerCase(Locale.ROOT).contains("in use");
        } catch (IOException e) {
            // Not a conflict we can name (no network stack, privileged port): let the service try.
            return true;
        }
    }
}
