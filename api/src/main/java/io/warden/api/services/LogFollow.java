package io.warden.api.services;

import io.helidon.http.HeaderNames;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.logs.LogChunk;
import io.warden.supervisor.logs.LogCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code GET /api/v1/services/NAME/logs?follow=true}: the log as one chunked text response that
 * goes on as the service prints, read from the log files by cursor ({@link io.warden.supervisor.LogFiles#read}),
 * not pushed line by line: a client that reads slowly holds the server back through TCP, never
 * loses lines to a bounded queue, and the daemon never buffers more than one chunk for it. Every
 * line is sent once, in order, whatever the rate, unless the client falls so far behind that
 * files are rotated away unread: a {@code #gap} line then says so.
 *
 * <p>Query: {@code tail=N} lines before following (default 100), or {@code after=CURSOR} to
 * resume; {@code cursors=true} adds a {@code #cursor TOKEN} line after each batch (and every
 * {@link #HEARTBEAT} when idle, which also finds a client that went away), the position to resume
 * from with {@code after} after a broken connection. Data lines start with a digit (their time),
 * so a {@code #} line is never a line of the log.
 *
 * <p>One instance per request, on the request's (virtual) thread.
 */
final class LogFollow {

    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    private static final int CHUNK_BYTES = 256 * 1024;

    private final Supervisor supervisor;
    private final String service;
    private final boolean cursors;
    private final AtomicBoolean written = new AtomicBoolean();
    private final Thread reader = Thread.currentThread();

    private LogFollow(Supervisor supervisor, String service, boolean cursors) {
        this.supervisor = supervisor;
        this.service = service;
        this.cursors = cursors;
    }

    /** Answers the request; returns when the client goes away or the thread is interrupted. */
    static void answer(Call call, Supervisor supervisor, String service) throws Exception {
        boolean cursors = flag(call, "cursors");
        LogChunk start = call.query("after")
                .map(token -> new LogChunk(java.util.List.of(), cursor(token), false))
                .orElseGet(() -> supervisor.logFiles().tailAndCursor(service, call.queryInt("tail", 100, 0, 10_000)));
        call.response().header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        call.response().header(HeaderNames.CACHE_CONTROL, "no-store");
        try (OutputStream out = call.response().outputStream()) {
            new LogFollow(supervisor, service, cursors).follow(start, out);
        } catch (UncheckedIOException | IOException clientGone) {
            // the client closed the connection: nothing to answer
        }
    }

    /** Whether a query flag is set: absent or {@code false} is off, {@code true} on. */
    static boolean flag(Call call, String name) {
        String value = call.query(name).orElse("false");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest(name, name + " must be true or false, was '" + value + "'");
        };
    }

    private static LogCursor cursor(String token) {
        try {
            return LogCursor.parse(token);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("after", e.getMessage());
        }
    }

    private void follow(LogChunk start, OutputStream out) throws Exception {
        try (AutoCloseable wake = supervisor.follow(service, line -> {
            if (written.compareAndSet(false, true)) {
                LockSupport.unpark(reader);
            }
        })) {
            send(start, out);
            LogCursor at = start.next();
            long idleSince = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                written.set(false);
                LogChunk chunk = supervisor.logFiles().read(service, at, CHUNK_BYTES);
                at = chunk.next();
                if (!chunk.lines().isEmpty() || chunk.gap()) {
                    send(chunk, out);
                    idleSince = System.nanoTime();
                    continue;
                }
                if (System.nanoTime() - idleSince >= HEARTBEAT.toNanos()) {
                    if (cursors) {
                        send(chunk, out);
                    }
                    idleSince = System.nanoTime();
                }
                if (!written.get()) {
                    LockSupport.parkNanos(HEARTBEAT.toNanos());
                }
            }
        }
    }

    private void send(LogChunk chunk, OutputStream out) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(8192);
        if (chunk.gap()) {
            batch.writeBytes(("#gap lines of " + service + " were rotated away before this follower read them; "
                    + "logs.maxSize and logs.keep set how much is kept\n").getBytes(StandardCharsets.UTF_8));
        }
        batch.writeBytes(StatusText.logs(chunk.lines()).getBytes(StandardCharsets.UTF_8));
        if (cursors) {
            batch.writeBytes(("#cursor " + chunk.next().token() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        if (batch.size() > 0) {
            out.write(batch.toByteArray());
            out.flush();
        }
    }
}
