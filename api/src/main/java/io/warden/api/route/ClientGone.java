package io.warden.api.route;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ServerConnectionException;
import java.io.EOFException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

/**
 * Whether a failure means the client hung up mid-request (mid-headers or mid-body): the web
 * server then fails reading or writing the socket. Such a failure is the client's business, one
 * DEBUG line and a count, never a WARN with a stack trace or a 500: anyone can open sockets and
 * close them, and a log a stranger can grow by megabytes a second buries what matters.
 */
public final class ClientGone {

    private ClientGone() {
    }

    /** True when {@code failure} or one of its causes is the socket ending under the server. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataReader.InsufficientDataAvailableException || t instanceof ServerConnectionException
                    || t instanceof SocketException || t instanceof ClosedChannelException
                    || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
