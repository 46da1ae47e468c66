package io.warden.supervisor.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The output of one service: captured from its children into {@code logs/NAME.log} in the state
 * directory, timestamped and stream-marked, rotated by size, readable ({@link #tail}) and
 * followable ({@link #follow}).
 *
 * <p>A child started with the files of {@link #attach} writes its stdout and stderr to spool files
 * in the state directory, never to a pipe: it is never blocked or slowed by the daemon and never gets
 * SIGPIPE when the daemon dies. While the daemon lives, a virtual thread copies new lines to the
 * log as they arrive; after a daemon restart, {@link #open} picks up where the dead daemon
 * stopped, with no line lost, repeated or torn (see the package documentation).
 *
 * <pre>{@code
 * ServiceLog log = ServiceLog.open(stateDir, "backend", spec.logs());
 * OutputFiles files = log.attach(); // before each start: the child appends to these
 * Child child = spawner.spawn(new SpawnRequest(command, dir, env, files.stdout(), files.stderr()));
 * log.finishWhen(child.exit());
 * // after a daemon restart, instead: ServiceLog.open(...) then log.adopt(recordedPid)
 * log.tail(100); log.follow(line -> ws.send(line));
 * }</pre>
 *
 * <p>Thread-safe. Open at most one {@code ServiceLog} per service and state directory at a time.
 */
public final class ServiceLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceLog.class.getName());
    /** How often to look for output where file-system events are not prompt (macOS, Windows). */
    private static final Duration FALLBACK_POLL = Duration.ofMillis(250);
    private static final Executor VIRTUAL = command -> Thread.ofVirtual().name("warden-log-exit").start(command);

    private final LogPaths paths;
    private final Capture capture;
    private final SpoolWatch watch;
    private final SpoolPump pump;
    private List<String> watched = List.of(); // guarded by this ServiceLog's monitor (no I/O under it)

    private ServiceLog(LogPaths paths, Capture capture, SpoolWatch watch) {
        this.paths = paths;
        this.capture = capture;
        this.watch = watch;
        this.pump = new SpoolPump(capture, paths.service(), watch.eventDriven() ? null : FALLBACK_POLL);
    }

    /**
     * Opens the log of a service. If a previous daemon captured this service, its capture state
     * is recovered: output the child wrote meanwhile is copied now and while it goes on.
     *
     * @param stateDir the state directory ({@code .warden/})
     * @param service the service name; it names the files, so letters, digits, {@code _ - .}
     * @param settings rotation settings, {@code null} for the defaults
     * @throws UncheckedIOException if the log or its state cannot be opened
     */
    public static ServiceLog open(Path stateDir, String service, LogSettings settings) {
        return open(stateDir, service, settings, InstantSource.system());
    }

    /** As {@link #open(Path, String, LogSettings)}, its lines stamped by {@code clock}. */
    public static ServiceLog open(Path stateDir, String service, LogSettings settings, InstantSource clock) {
        LogPaths paths = new LogPaths(Objects.requireNonNull(stateDir, "stateDir"), service);
        try {
            Capture capture = Capture.open(paths, settings == null ? LogSettings.DEFAULT : settings, clock);
            SpoolWatch watch;
            try {
                watch = SpoolWatch.acquire(paths.spoolDir());
            } catch (IOException | RuntimeException e) {
                capture.close();
                throw e;
            }
            ServiceLog log = new ServiceLog(paths, capture, watch);
            log.pump.start();
            log.watchCurrentGeneration();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log of " + service + " in " + stateDir + ": " + e, e);
        }
    }

    /**
     * Makes the fresh spool files the next child's stdout and stderr are to be appended to (as
     * {@link ProcessBuilder.Redirect#appendTo} does). Call it before every start: it first copies
     * the rest of the previous child's output (including a last line without newline: that child
     * has exited).
     *
     * @throws UncheckedIOException if the spool files cannot be created
     */
    public OutputFiles attach() {
        List<Path> files;
        try {
            files = capture.newGeneration();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the output files of " + paths.service() + ": " + e, e);
        }
        watchCurrentGeneration();
        return new OutputFiles(files.get(0), files.get(1));
    }

    /** Whether {@code failure} (of {@link #attach}, say) came from a full disk or an exhausted quota. */
    public static boolean noSpace(Throwable failure) {
        return DiskFull.is(failure);
    }

    /**
     * Tells {@code notes} when the output begins to be dropped for lack of space (the service keeps
     * running) and when it is logged again. Called on the copying thread: it must not block.
     */
    public void reportDrops(Consumer<String> notes) {
        capture.notes(notes);
    }

    /**
     * Makes the output files of the next {@link #attach} now, after a start, so that the next start
     * (a restart after a crash) does not wait for it. Failures are logged: attach makes the
     * files itself when none were prepared.
     */
    public void prepareNext() {
        try {
            capture.prepareNext();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot prepare the next output files of " + paths.service() + ": " + e);
        }
    }

    /**
     * Resumes the capture of a child that a previous daemon started with the files of
     * {@link #attach}. The copying itself already resumed in {@link #open}; this watches the
     * process ({@link ProcessHandle#onExit()}) so that, when it exits, its last line is copied even
     * without a newline. For a child this daemon started, use {@link #finishWhen} with its exit.
     */
    public void adopt(long pid) {
        finishWhen(ProcessHandle.of(pid).<CompletionStage<?>>map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null)), pid);
    }

    /**
     * Copies the last line of the current child (the one started with the latest {@link #attach}'s
     * files), even without a newline, once {@code exited} completes.
     */
    public void finishWhen(CompletionStage<?> exited) {
        finishWhen(exited, null);
    }

    private void finishWhen(CompletionStage<?> exited, Long pid) {
        long generation = capture.generation();
        if (generation == 0) {
            LOG.log(Level.WARNING, "no captured output to resume for " + paths.service()
                    + (pid == null ? "" : " (pid " + pid + ")") + ": it was not started with the files of attach()");
            return;
        }
        // Off the thread that completes the exit (a reaper): the copy reads and writes files.
        exited.whenCompleteAsync((ignored, error) -> finish(generation), VIRTUAL);
    }

    private void finish(long generation) {
        try {
            while (capture.drain(true, generation)) {
                // the child has exited: its spool ends
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot copy the last output of " + paths.service() + ": " + e, e);
        }
    }

    /**
     * The last {@code n} lines, oldest first, read backwards from the end of the current and
     * rotated files (a small read whatever their size).
     *
     * @throws UncheckedIOException if the files cannot be read
     */
    public List<LogLine> tail(int n) {
        try {
            return capture.tail(n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + paths.service() + ": " + e, e);
        }
    }

    /**
     * Calls {@code listener} with every line captured from now on, in order, on the capturing
     * thread: it should hand the line off quickly (a slow listener delays the log, never the
     * child). A listener that throws is removed.
     *
     * @return closing it stops the delivery
     */
    public AutoCloseable follow(Consumer<LogLine> listener) {
        Objects.requireNonNull(listener, "listener");
        capture.addListener(listener);
        return () -> capture.removeListener(listener);
    }

    /**
     * The last {@code n} lines of a service's log files without capturing (the service may be
     * stopped, or captured by another {@code ServiceLog}); rotated files up to {@code keep} are read.
     */
    public static List<LogLine> tail(Path stateDir, String service, LogSettings settings, int n) {
        LogPaths paths = new LogPaths(stateDir, service);
        try {
            return n <= 0 || !Files.exists(paths.log()) ? List.of() : new TailReader().tail(files(paths, settings), n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + service + ": " + e, e);
        }
    }

    /**
     * The last {@code n} lines of a service's log files, like {@link #tail(Path, String, LogSettings, int)},
     * and the cursor right after them to {@link #read} on from.
     */
    public static LogChunk tailAndCursor(Path stateDir, String service, LogSettings settings, int n) {
        LogPaths paths = new LogPaths(stateDir, service);
        try {
            if (!Files.exists(paths.log())) {
                return new LogChunk(List.of(), LogCursor.BEGINNING, false);
            }
            LogReader.Tail tail = LogReader.tail(files(paths, settings), Math.max(0, n));
            return new LogChunk(tail.lines(), tail.next(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + service + ": " + e, e);
        }
    }

    /**
     * Whole lines of a service's log after {@code from}, about {@code maxBytes} at most, across
     * rotations: reading on from each chunk's cursor gives every line once, in order, unless the
     * reader falls so far behind that files are rotated away before it reads them (then the chunk
     * says so).
     */
    public static LogChunk read(Path stateDir, String service, LogSettings settings, LogCursor from, int maxBytes) {
        try {
            return LogReader.read(files(new LogPaths(stateDir, service), settings), from, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + service + ": " + e, e);
        }
    }

    private static List<Path> files(LogPaths paths, LogSettings settings) {
        List<Path> files = new ArrayList<>();
        files.add(paths.log());
        for (int i = 1; i <= settings.keep(); i++) {
            if (Files.exists(paths.rotated(i))) {
                files.add(paths.rotated(i));
            }
        }
        return files;
    }

    /** The current log file, {@code logs/NAME.log} in the state directory. */
    public Path file() {
        return paths.log();
    }

    /**
     * Stops capturing. Children keep running and writing to their spool files; what they write
     * is copied by the next {@link #open} of this service.
     */
    @Override
    public void close() {
        try {
            pump.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            watched.forEach(watch::unregister);
            watched = List.of();
        }
        watch.release();
        try {
            capture.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the log of " + paths.service() + ": " + e, e);
        }
    }

    /** Wake the pump on writes to the current generation's spools, and on no others. */
    private synchronized void watchCurrentGeneration() {
        watched.forEach(watch::unregister);
        long generation = capture.generation();
        if (generation == 0) {
            watched = List.of();
            return;
        }
        watched = List.of(paths.spool(generation, StdStream.OUT).getFileName().toString(),
                paths.spool(generation, StdStream.ERR).getFileName().toString());
        watched.forEach(name -> watch.register(name, pump::wake));
        pump.wake(); // output written before the watch saw it
    }
}
