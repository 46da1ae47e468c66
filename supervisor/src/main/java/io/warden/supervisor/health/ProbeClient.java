package io.warden.supervisor.health;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

/**
 * What every health probe of one supervisor shares: the {@link ProbeListener} told each result,
 * and the HTTP client of the HTTP probes, built on first use: an
 * {@link HttpClient} loads the JDK's TLS stack and trust store and starts a selector thread
 * (about 400 classes and 2 MB of heap), which a daemon without HTTP probes never needs.
 *
 * <p>It speaks plain HTTP/1.1, as Docker's and Kubernetes' probes do: the JDK's default (HTTP/2)
 * offers {@code http://} servers an h2c upgrade, which HTTP/1.1-only servers may refuse with 400
 * (uvicorn 0.17.6 answers "Unsupported upgrade request"), so such a service would never be healthy.
 *
 * <p>Thread safety: {@link #get()} and {@link #close()} may be called from any thread.
 */
public final class ProbeClient implements AutoCloseable {

    private final ProbeListener listener;
    private HttpClient client; // guarded by this
    private boolean closed; // guarded by this

    /** A client whose HTTP client is built on the first probe; no one is told the results. */
    public ProbeClient() {
        this(ProbeListener.NONE);
    }

    /** A client whose HTTP client is built on the first probe; {@code listener} is told every result. */
    public ProbeClient(ProbeListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    /** Told every probe's result, of every service of the supervisor. */
    public ProbeListener listener() {
        return listener;
    }

    /** The shared client, built on the first call. */
    public synchronized HttpClient get() {
        if (closed) {
            throw new IllegalStateException("the supervisor is closed; no more health probes");
        }
        if (client == null) {
            // The client's own executor (a cached pool of platform daemon threads), not virtual
            // threads: an API flood keeps the carriers busy, and a probe's answer handled late
            // would time the probe out (see HealthMonitor).
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
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
