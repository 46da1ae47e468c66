package io.warden.supervisor;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client of the health probes, built on first use: building one loads the TLS stack
 * (about 600 classes, 0.2 s of CPU on the development machine), which a daemon whose services
 * have no HTTP check never needs, and which delayed every service's start when it was built
 * with the supervisor.
 *
 * <p>Thread-safe.
 */
final class HealthHttp implements AutoCloseable {

    private HttpClient client; // guarded by this

    synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(command -> Thread.ofVirtual().start(command)).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
