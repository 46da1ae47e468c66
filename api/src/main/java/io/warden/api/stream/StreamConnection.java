package io.warden.api.stream;

import io.helidon.common.socket.SocketContext;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;
import io.warden.api.auth.Principal;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's outbound side: a bounded queue (messages and bytes) drained by one virtual thread,
 * the only thread that writes to the socket. Pushes never wait: when the queue is full the client
 * is dropped (its socket closed) so it neither slows the publishers nor holds memory.
 *
 * <p>Thread safety: {@link #offer} and {@link #close} from any thread; {@link #authenticate} from
 * the connection's reader thread.
 */
final class StreamConnection {

    private static final System.Logger LOG = System.getLogger(StreamConnection.class.getName());
    /** Queued after the last message to close in order; compared by identity. */
    private static final String CLOSE = new String("close");
    /** Wakes the writer after the socket is gone; compared by identity. */
    private static final String GONE = new String("gone");
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final WsSession session;
    private final String client;
    private final BlockingQueue<String> queue;
    private final long maxBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch gone = new CountDownLatch(1);
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final long authDeadlineNanos;
    private final Runnable onDrop;
    private final Consumer<StreamConnection> onGone;
    private volatile Thread writer;
    private volatile Principal principal;
    private volatile int closeCode;
    private volatile String closeReason;

    /**
     * @param onDrop counts a dropped client
     * @param onGone unregisters the connection; called once the writer stops or the client is
     *               dropped, whether or not the server reports the close
     */
    StreamConnection(WsSession session, String client, Principal principal, StreamSettings settings,
                     Runnable onDrop, Consumer<StreamConnection> onGone) {
        this.session = session;
        this.client = client;
        this.principal = principal;
        this.queue = new ArrayBlockingQueue<>(settings.queueMessages() + 1); // + 1: room for CLOSE
        this.maxBytes = settings.queueBytes().bytes();
        this.authDeadlineNanos = System.nanoTime() + settings.authTimeout().toNanos();
        this.onDrop = onDrop;
        this.onGone = onGone;
    }

    /** Starts the writer thread. */
    void start() {
        writer = Thread.ofVirtual().name("warden-stream-" + client).start(this::drain);
    }

    String client() {
        return client;
    }

    Set<String> topics() {
        return topics;
    }

    /** The authenticated caller, or null before the {@code auth} message. */
    Principal principal() {
        return principal;
    }

    void authenticate(Principal caller) {
        principal = caller;
    }

    boolean isOpen() {
        return !closing.get();
    }

    /** Messages waiting to be written (for tests and metrics). */
    int queued() {
        return queue.size();
    }

    /**
     * Queues a message without waiting; a client whose queue is full (messages or bytes) is
     * dropped. Returns whether the message was queued.
     */
    boolean offer(String message) {
        if (closing.get()) {
            return false;
        }
        long bytes = queuedBytes.addAndGet(message.length());
        if (bytes > maxBytes || queue.remainingCapacity() <= 1 || !queue.offer(message)) {
            queuedBytes.addAndGet(-message.length());
            drop("too slow: " + queue.size() + " messages (" + bytes + " bytes) not read");
            return false;
        }
        return true;
    }

    /** Closes after the messages already queued, with a close frame carrying the code and reason. */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            closeCode = code;
            closeReason = reason;
            if (!queue.offer(CLOSE)) {
                forceClose();
            }
        }
    }

    /** Called when the socket is gone (closed by either side or failed). */
    void closed() {
        closing.set(true);
        queue.clear();
        queuedBytes.set(0);
        queue.offer(GONE);
        gone.countDown();
    }

    private void drop(String reason) {
        if (closing.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "dropping WebSocket client " + client + ": " + reason);
            queue.clear();
            queuedBytes.set(0);
            onDrop.run();
            // The writer is stuck in a write the client does not read: a close frame could not get
            // through, so the socket is closed under it.
            forceClose();
            onGone.accept(this);
        }
    }

    private void drain() {
        try {
            while (true) {
                String next = principal != null ? queue.take()
                        : queue.poll(Math.max(0, authDeadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == GONE) {
                    return;
                }
                if (next == null) {
                    if (closing.get()) {
                        return; // closed without a CLOSE in the queue: dropped or forced
                    }
                    if (principal == null) {
                        close(1008, "no token: send 'Authorization: Bearer <token>' with the upgrade or "
                                + "{\"type\":\"auth\",\"token\":\"...\"} as the first message");
                    }
                    continue;
                }
                if (next == CLOSE) {
                    session.close(closeCode, closeReason);
                    if (!gone.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                        forceClose();
                    }
                    return;
                }
                queuedBytes.addAndGet(-next.length());
                session.send(next, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The socket failed or was closed under a blocked write (a dropped client).
            LOG.log(Level.DEBUG, "WebSocket writer of " + client + " ended: " + e);
        } finally {
            closing.set(true);
            queue.clear();
            onGone.accept(this);
        }
    }

    private void forceClose() {
        SocketContext context = session.socketContext();
        try {
            if (context instanceof ConnectionContext connection) {
                connection.serverSocket().close();
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the socket of " + client + ": " + e);
        }
        // A virtual thread interrupted in a socket write closes the socket (JDK 21+).
        Thread current = writer;
        if (current != null) {
            current.interrupt();
        }
    }
}
