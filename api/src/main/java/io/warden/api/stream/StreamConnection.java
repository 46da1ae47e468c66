package io.warden.api.stream;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.webserver.ConnectionContext;
import io.helidon.websocket.WsSession;
import io.warden.api.auth.Principal;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One client's outbound side: a bounded queue (messages and bytes) drained by whichever thread
 * holds the writing flag, the only thread that writes to the socket at any time: a {@link FanOut}
 * worker for pushes ({@link #push}), or a virtual thread started when a reply or close arrives in
 * an empty queue ({@link #offer}) and ending when the queue is empty again. An idle client so
 * holds no thread. Pushes never
 * wait: when the queue is full the client is dropped (its socket closed, which ends a write
 * blocked on it) so it neither slows the publishers nor holds memory.
 *
 * <p>Thread safety: {@link #offer}, {@link #push} and {@link #close} from any thread;
 * {@link #authenticate} from the connection's reader thread.
 */
final class StreamConnection {

    private static final System.Logger LOG = System.getLogger(StreamConnection.class.getName());
    private static final ThreadFactory WRITERS = Thread.ofVirtual().name("warden-stream-writer").factory();
    /** Queued after the last message to close in order; compared by identity. */
    private static final Frame CLOSE = Frame.text("close");
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final WsSession session;
    private final ConnectionContext context;
    /** The socket's writer: frames encoded once for all receivers are written past {@link WsSession#send}. */
    private final DataWriter socket;
    private final String client;
    private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
    private final int maxMessages;
    private final long maxBytes;
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** True while a writer thread owns the queue's head and the socket. */
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch gone = new CountDownLatch(1);
    private final Set<String> topics = ConcurrentHashMap.newKeySet();
    private final Duration authTimeout;
    private final ScheduledExecutorService timer;
    private final Runnable onDrop;
    private final Consumer<StreamConnection> onGone;
    private volatile Future<?> authDeadline;
    private volatile Principal principal;
    private volatile int closeCode;
    private volatile String closeReason;

    /**
     * @param timer  runs the deadline of a client that sent no token with the upgrade
     * @param onDrop counts a dropped client
     * @param onGone unregisters the connection; called once the close frame is sent or the socket
     *               failed under a write, or the client is dropped, whether or not the server
     *               reports the close
     */
    StreamConnection(WsSession session, String client, Principal principal, StreamSettings settings,
                     ScheduledExecutorService timer, Runnable onDrop, Consumer<StreamConnection> onGone) {
        this.session = session;
        if (!(session.socketContext() instanceof ConnectionContext server)) {
            throw new IllegalStateException("not a server WebSocket session: " + session.socketContext());
        }
        this.context = server;
        this.socket = server.dataWriter();
        this.client = client;
        this.principal = principal;
        this.maxMessages = settings.queueMessages();
        this.maxBytes = settings.queueBytes().bytes();
        this.authTimeout = settings.authTimeout();
        this.timer = timer;
        this.onDrop = onDrop;
        this.onGone = onGone;
    }

    /** Starts the deadline for the {@code auth} message when the upgrade carried no token. */
    void start() {
        if (principal == null) {
            authDeadline = timer.schedule(this::authTimedOut, authTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    String client() {
        return client;
    }

    Set<String> topics() {
        return topics;
    }

    /** The authenticated caller, or null before the {@code auth} message. */
    WsSession session() {
        return session;
    }

    Principal principal() {
        return principal;
    }

    void authenticate(Principal caller) {
        principal = caller;
        Future<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    boolean isOpen() {
        return !closing.get();
    }

    /** Messages waiting to be written (for tests and metrics). */
    int queued() {
        return queuedMessages.get();
    }

    /**
     * Queues a message without waiting; a client whose queue is full (messages or bytes) is
     * dropped. Returns whether the message was queued.
     */
    boolean offer(String message) {
        return offer(Frame.text(message));
    }

    /** {@link #offer(String)} of a frame encoded once for all its receivers. */
    boolean offer(Frame frame) {
        if (enqueue(frame)) {
            wakeWriter();
            return true;
        }
        return false;
    }

    /**
     * Queues a push like {@link #offer} but starts no writer: returns true when the caller took the
     * writing flag and must call {@link #drain} (on {@link FanOut}'s worker), false when the push
     * was not queued or the thread already writing to this client will write it.
     */
    boolean push(Frame frame) {
        return enqueue(frame) && writing.compareAndSet(false, true);
    }

    /** Queues without waiting; drops the client when its queue is full. */
    private boolean enqueue(Frame frame) {
        if (closing.get()) {
            return false;
        }
        int messages = queuedMessages.incrementAndGet();
        long bytes = queuedBytes.addAndGet(frame.payloadLength());
        if (messages > maxMessages || bytes > maxBytes) {
            queuedMessages.decrementAndGet();
            queuedBytes.addAndGet(-frame.payloadLength());
            drop("too slow: " + (messages - 1) + " messages (" + bytes + " bytes) not read");
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Closes after the messages already queued, with a close frame carrying the code and reason. */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            closeCode = code;
            closeReason = reason;
            queue.add(CLOSE);
            wakeWriter();
        }
    }

    /** Called when the socket is gone (closed by either side or failed). */
    void closed() {
        closing.set(true);
        cancelAuthDeadline();
        forget();
        gone.countDown();
    }

    private void authTimedOut() {
        if (principal == null) {
            close(1008, "no token: send 'Authorization: Bearer <token>' with the upgrade or "
                    + "{\"type\":\"auth\",\"token\":\"...\"} as the first message");
        }
    }

    private void drop(String reason) {
        if (closing.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "dropping WebSocket client " + client + ": " + reason);
            forget();
            onDrop.run();
            // The writer is stuck in a write the client does not read: a close frame could not get
            // through, so the socket is closed under it.
            forceClose();
            onGone.accept(this);
        }
    }

    private void wakeWriter() {
        if (writing.compareAndSet(false, true)) {
            WRITERS.newThread(this::drain).start();
        }
    }

    /**
     * Writes what is queued; the caller holds the writing flag, which this releases. Blocks while
     * the client's socket buffer is full, until the client reads or is dropped.
     */
    void drain() {
        try {
            do {
                Frame next;
                while ((next = queue.poll()) != null) {
                    if (next == CLOSE) {
                        sendClose();
                        return;
                    }
                    queuedMessages.decrementAndGet();
                    queuedBytes.addAndGet(-next.payloadLength());
                    write(next);
                }
                writing.set(false);
                // A message offered after the poll above and before the flag was cleared found the
                // flag set and started no writer: this one takes it.
            } while (!queue.isEmpty() && writing.compareAndSet(false, true));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * One write call per frame: the JDK's socket writes each call whole under the socket's write
     * lock, so a close frame Helidon itself writes from the reader thread cannot land inside one.
     */
    private void write(Frame frame) {
        socket.writeNow(BufferData.create(frame.bytes()));
    }

    /** The socket failed or was closed under a blocked write (a dropped client). */
    private void failed(RuntimeException e) {
        LOG.log(Level.DEBUG, "WebSocket writer of " + client + " ended: " + e);
        closing.set(true);
        forget();
        onGone.accept(this);
    }

    private void sendClose() {
        try {
            session.close(closeCode, closeReason);
            if (!gone.await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                forceClose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            forget();
            onGone.accept(this);
        }
    }

    /** Drops what is queued; the writer flag stays set once closing so no new writer starts. */
    private void forget() {
        queue.clear();
        queuedMessages.set(0);
        queuedBytes.set(0);
        cancelAuthDeadline();
    }

    private void cancelAuthDeadline() {
        Future<?> deadline = authDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** Closes the socket, which ends a write blocked on it with an exception. */
    private void forceClose() {
        try {
            context.serverSocket().close();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the socket of " + client + ": " + e);
        }
    }
}
