package io.warden.api;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line came but whose headers did not within
 * {@code server.headerTimeout} (slowloris: a header a minute holds a socket forever). The web
 * server's idle sweep covers the time before the request line; nothing in Helidon 4.3 covers the
 * headers, so the connection's receive listener starts a deadline at the request line and ends it
 * at the headers, and a sweep each second closes the sockets past theirs. Thread safe.
 */
final class HeaderDeadline implements Http1ConnectionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final Map<ConnectionContext, Long> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("warden-header-deadline").daemon().factory());

    HeaderDeadline(Duration timeout, LongSupplier nanoTime) {
        this.timeoutNanos = timeout.toNanos();
        this.nanoTime = nanoTime;
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        deadlines.put(ctx, nanoTime.getAsLong() + timeoutNanos);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        deadlines.remove(ctx);
    }

    /** Closes the connections past their deadline; returns how many. */
    int sweep() {
        long now = nanoTime.getAsLong();
        int closed = 0;
        for (Map.Entry<ConnectionContext, Long> entry : deadlines.entrySet()) {
            if (now - entry.getValue() >= 0 && deadlines.remove(entry.getKey(), entry.getValue())) {
                closed++;
                LOG.debug("closed a connection from {} that sent no complete headers within {} ms",
                        entry.getKey().remotePeer().address(), TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                try {
                    entry.getKey().serverSocket().close();
                } catch (UncheckedIOException | UnsupportedOperationException e) {
                    // already gone
                }
            }
        }
        return closed;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
