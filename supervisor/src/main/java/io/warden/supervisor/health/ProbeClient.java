package io.warden.supervisor.health;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client that every HTTP health probe of one supervisor shares, built on first use: an
 * {@link HttpClient} loads the JDK's TLS stack and trust store and starts a selector thread
 * (about 400 classes and 2 MB of heap), which a daemon without HTTP probes never needs.
 *
 * <p>Thread safety: {@link #get()} and {@link #close()} may be called from any thread.
 */
public final class ProbeClient implements AutoCloseable {

    private HttpClient client; // guarded by this
    private boolean closed; // guarded by this

    /** The shared client, built on the first call. */
    public synchronized HttpClient get() {
        if (closed) {
            throw new IllegalStateException("the supervisor is closed; no more health probes");
        }
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(command -> Thread.ofVirtual().start(command)).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
