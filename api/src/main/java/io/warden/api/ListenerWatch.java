package io.warden.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Notices a listener that stopped on its own. Helidon 4.3 ends its accept loop for good on an
 * accept failure (descriptor exhaustion: "Too many open files ... server socket is terminating")
 * while the process lives on with a dead port, and its own stop hook never runs on that path (the
 * listener thread waits for itself). So the port is knocked on: two refused connections in a row
 * mean nothing listens any more. A connect that fails otherwise (no descriptor left in this
 * process, a full accept queue) says nothing and is ignored. A connect that fails with a
 * {@link LinkageError} is fatal: when the descriptors ran out before the JDK's socket poller was first
 * used, the poller's class failed to initialise, and no socket in this JVM can wait again, the
 * server's included. Thread safe.
 */
final class ListenerWatch implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofSeconds(2);

    /** One connect to the watched address, closed at once; the JDK's socket in production. */
    @FunctionalInterface
    interface Knock {
        void connect(InetSocketAddress address, Duration timeout) throws IOException;
    }

    private final InetSocketAddress address;
    private final Runnable onLost;
    private final Knock knock;
    private final ScheduledExecutorService knocker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("warden-listener-watch").daemon().factory());
    private int refusedInARow;

    /**
     * @param host   the address the server listens on; the wildcard is knocked on through loopback
     * @param onLost runs once, when the port is found closed
     */
    ListenerWatch(String host, int port, Runnable onLost) throws IOException {
        this(host, port, onLost, ListenerWatch::connect, INTERVAL);
    }

    ListenerWatch(String host, int port, Runnable onLost, Knock knock, Duration interval) throws IOException {
        InetAddress listening = InetAddress.getByName(host);
        this.address = new InetSocketAddress(listening.isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : listening, port);
        this.onLost = onLost;
        this.knock = knock;
        knocker.scheduleWithFixedDelay(this::knock, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void connect(InetSocketAddress address, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
        }
    }

    /** How often the web server looks for idle connections: a quarter of the timeout, 250 ms to 10 s. */
    static Duration sweepPeriod(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                : quarter.compareTo(Duration.ofMillis(250)) < 0 ? Duration.ofMillis(250) : quarter;
    }

    private void knock() {
        try {
            knock.connect(address, INTERVAL);
            refusedInARow = 0;
        } catch (ConnectException e) {
            if (++refusedInARow >= 2) {
                lost();
            }
        } catch (IOException | RuntimeException e) {
            refusedInARow = 0; // inconclusive: out of descriptors here, or the queue is full
        } catch (LinkageError e) {
            lost(); // the socket layer could not initialise: nothing in this JVM can serve again
        }
    }

    private void lost() {
        knocker.shutdown();
        onLost.run();
    }

    @Override
    public void close() {
        knocker.shutdownNow();
    }
}
