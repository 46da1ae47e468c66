package io.warden.api.stream;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsSession;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * An upgraded WebSocket connection that reports to the hub when Helidon stops handling it, however
 * it ended. Helidon 4.3 calls neither {@code onClose} nor {@code onError} of the listener when the
 * client's socket closes without a close frame (its frame read is outside the handler's try): the
 * hub then held the connection (~11 KB of heap) until a push or the next ping to it failed, up to
 * {@code stream.pingInterval} later for a client of a quiet topic (bench/api-load.sh: 1,000 such
 * connections, 13 MB, still held 40 s after the clients left).
 */
final class EndReportingConnection implements ServerConnection {

    private final ServerConnection delegate;
    private final Consumer<WsSession> ended;

    EndReportingConnection(ServerConnection delegate, Consumer<WsSession> ended) {
        this.delegate = delegate;
        this.ended = ended;
    }

    @Override
    public void handle(Semaphore requestSemaphore) throws InterruptedException {
        try {
            delegate.handle(requestSemaphore);
        } finally {
            end();
        }
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        try {
            delegate.handle(limit);
        } finally {
            end();
        }
    }

    private void end() {
        if (delegate instanceof WsSession session) {
            ended.accept(session);
        }
    }

    @Override
    public Duration idleTime() {
        return delegate.idleTime();
    }

    @Override
    public void close(boolean interrupt) {
        delegate.close(interrupt);
    }
}
