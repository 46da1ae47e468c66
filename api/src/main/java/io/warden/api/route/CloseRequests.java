package io.warden.api.route;

import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.UncheckedIOException;

/**
 * Honours a request's {@code Connection: close}: Helidon 4.3 answers it with
 * {@code Connection: close} but then waits for another request on the socket until its idle
 * timeout (about 5 minutes), holding a descriptor for a client that said it is done. The
 * connection's receive listener marks such a request on the connection's thread, which is the
 * thread the route runs on; after the answer is sent the guard closes the socket. Thread safe
 * (the mark is per thread).
 */
final class CloseRequests implements Http1ConnectionListener {

    private static final ThreadLocal<ConnectionContext> ASKED = new ThreadLocal<>();

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        if (headers.contains(HeaderValues.CONNECTION_CLOSE)) {
            ASKED.set(ctx);
        } else {
            ASKED.remove();
        }
    }

    /** Closes the socket of the request this thread just answered, when the client asked for it. */
    static void closeIfAsked() {
        ConnectionContext ctx = ASKED.get();
        if (ctx == null) {
            return;
        }
        ASKED.remove();
        try {
            ctx.serverSocket().close();
        } catch (UncheckedIOException | UnsupportedOperationException e) {
            // already closed, or a connection without a socket of its own: nothing to release
        }
    }
}
