package io.warden.supervisor.logs;

import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Copies a service's spool files into its rotating log, line by line, and survives being killed
 * at any point: the {@link Journal} is written before each append to the log and says which
 * spool range the append holds, so recovery either keeps a complete append or cuts a partial one
 * off and copies that range again.
 *
 * <p>Copying one chunk is {@link ChunkCopy}'s; this class keeps the generations of spool files
 * (one per child start), their recovery after a kill, and the lock.
 *
 * <p>Thread-safe: every operation runs under one lock (a {@link ReentrantLock}, so a virtual
 * thread doing I/O under it does not pin its carrier). Copying takes the lock per 64 KiB chunk,
 * so {@code tail} and {@code attach} are never kept waiting behind a long backlog.
 */
final class Capture implements Closeable {

    private static final System.Logger LOG = System.getLogger(Capture.class.getName());

    private final ReentrantLock lock = new ReentrantLock();
    private final LogPaths paths;
    private final RotatingLog log;
    private final Journal journal;
    private final Map<StdStream, Spool> spools = new EnumMap<>(StdStream.class);
    private final LineListeners listeners;
    private final ChunkCopy copy;
    private long generation;
    private boolean closed;
    // The spools of the next generation, made ahead of its start by prepareNext(); empty when none.
    private final Map<StdStream, Spool> prepared = new EnumMap<>(StdStream.class);
    // Spool files of ended generations, deleted by name off the restart path (kept while a delete
    // fails: on Windows a leftover grandchild may still hold one).
    private final List<Path> retired = new ArrayList<>();

    private Capture(LogPaths paths, LogSettings settings, InstantSource clock) throws IOException {
        this.paths = paths;
        this.log = new RotatingLog(paths, settings.keep());
        this.journal = Journal.open(paths.state());
        this.listeners = new LineListeners(paths.service());
        this.copy = new ChunkCopy(log, journal, settings.maxSize().bytes(), clock, listeners);
    }

    /** Opens the log and, if a previous daemon left capture state, repairs the log and reopens its spools. */
    static Capture open(LogPaths paths, LogSettings settings, InstantSource clock) throws IOException {
        Capture capture = new Capture(paths, settings, clock);
        try {
            capture.recover();
        } catch (IOException | RuntimeException e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    private void recover() throws IOException {
        Journal.Entry entry = journal.read();
        if (entry == null) {
            return;
        }
        boolean torn = entry.tornBy(log.size(), log.key());
        if (torn) {
            log.truncate(entry.logPosition()); // killed during the last append: cut it off
        }
        Journal.Entry resumed = entry.resumed(torn);
        generation = resumed.generation();
        for (StdStream s : StdStream.values()) {
            spools.put(s, Spool.reopen(s, paths.spool(generation, s), resumed.offset(s)));
        }
        journal.write(resumed);
        deleteOtherGenerations();
    }

    /**
     * Finishes the previous child's spools (its last unterminated line included: it has exited)
     * and starts a new generation.
     *
     * @return the new spool files, out then err, for the child's redirects
     */
    List<Path> newGeneration() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            while (drainChunk(StdStream.OUT, true) | drainChunk(StdStream.ERR, true)) {
                // the previous child has exited: copy all it wrote, its last unterminated line too
            }
            long next = generation + 1;
            boolean ready = prepared.size() == 2;
            Spool out = ready ? prepared.remove(StdStream.OUT) : Spool.create(StdStream.OUT, paths.spool(next, StdStream.OUT));
            Spool err = ready ? prepared.remove(StdStream.ERR) : Spool.create(StdStream.ERR, paths.spool(next, StdStream.ERR));
            journal.write(Journal.Entry.start(next));
            closeSpools(true);
            generation = next;
            spools.put(StdStream.OUT, out);
            spools.put(StdStream.ERR, err);
            if (!ready) {
                deleteRetired();
            }
            return List.of(out.path(), err.path());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates the next generation's spools now and deletes the older ones, so that the next
     * {@link #newGeneration} (on the path from a child's death to its replacement) only drains
     * and writes the journal. The prepared files are empty and named for the next generation: a
     * recovery after a crash deletes them like any other generation but the journal's.
     */
    void prepareNext() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            long next = generation + 1;
            if (prepared.size() == 2 && prepared.get(StdStream.OUT).path().equals(paths.spool(next, StdStream.OUT))) {
                return;
            }
            closePrepared();
            prepared.put(StdStream.OUT, Spool.create(StdStream.OUT, paths.spool(next, StdStream.OUT)));
            prepared.put(StdStream.ERR, Spool.create(StdStream.ERR, paths.spool(next, StdStream.ERR)));
            deleteRetired();
        } finally {
            lock.unlock();
        }
    }

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies what both spools hold, a bounded number of chunks at a time so the caller can stop.
     *
     * @param ended the child has exited: also copy a last line without terminator
     * @param ofGeneration only if the capture is still at this generation ({@code -1}: any)
     * @return whether more may be waiting
     */
    boolean drain(boolean ended, long ofGeneration) throws IOException {
        for (int i = 0; i < 16; i++) {
            lock.lock();
            try {
                if (closed || (ofGeneration >= 0 && ofGeneration != generation)) {
                    return false;
                }
                if (!(drainChunk(StdStream.OUT, ended) | drainChunk(StdStream.ERR, ended))) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** Copies one chunk of one spool; returns whether anything was consumed. */
    private boolean drainChunk(StdStream stream, boolean ended) throws IOException {
        Spool spool = spools.get(stream);
        if (spool == null) {
            return false;
        }
        return copy.chunk(spool, generation, offset(stream == StdStream.OUT ? StdStream.ERR : StdStream.OUT), ended);
    }

    private long offset(StdStream stream) {
        Spool spool = spools.get(stream);
        return spool == null ? 0 : spool.offset();
    }

    /** Who is told when output begins to be dropped for lack of space and when it is logged again. */
    void notes(Consumer<String> notes) {
        lock.lock();
        try {
            copy.notes(notes);
        } finally {
            lock.unlock();
        }
    }

    void addListener(Consumer<LogLine> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<LogLine> listener) {
        listeners.remove(listener);
    }

    List<LogLine> tail(int n) throws IOException {
        lock.lock();
        try {
            return n <= 0 ? List.of() : new TailReader().tail(log.newestFirst(), n);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes every spool of this service in the spool directory but the current and prepared
     * ones: what a previous daemon left (it may have died before deleting them). Lists the whole
     * directory, which all services share; later generations are deleted by name ({@link #deleteRetired}).
     */
    private void deleteOtherGenerations() throws IOException {
        if (!Files.isDirectory(paths.spoolDir())) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.spoolDir())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean current = spools.values().stream().anyMatch(s -> s.path().equals(file))
                        || prepared.values().stream().anyMatch(s -> s.path().equals(file));
                if (paths.isSpool(name) && !current) {
                    retired.add(file);
                }
            }
        }
        deleteRetired();
    }

    private void deleteRetired() {
        retired.removeIf(file -> {
            try {
                Files.deleteIfExists(file);
                return true;
            } catch (IOException e) {
                // Windows: a leftover grandchild still holds it. The next generation tries again.
                LOG.log(Level.DEBUG, "cannot delete old spool " + file + ": " + e);
                return false;
            }
        });
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the log of " + paths.service() + " is closed");
        }
    }

    /** Closes the current generation's spools; with {@code retire}, their files are deleted later. */
    private void closeSpools(boolean retire) throws IOException {
        for (Spool spool : spools.values()) {
            spool.close();
            if (retire) {
                retired.add(spool.path());
            }
        }
        spools.clear();
    }

    /** Closes and deletes unused prepared spools: no child ever got them. */
    private void closePrepared() throws IOException {
        for (Spool spool : prepared.values()) {
            spool.close();
            Files.deleteIfExists(spool.path());
        }
        prepared.clear();
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closePrepared();
            closeSpools(false);
            journal.close();
            log.close();
        } finally {
            lock.unlock();
        }
    }
}
