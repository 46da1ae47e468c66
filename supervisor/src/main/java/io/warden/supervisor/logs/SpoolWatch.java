package io.warden.supervisor.logs;

import io.warden.lock.PrivateFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the pump of a spool file when a child writes to it: one file-system watch (inotify on
 * Linux) over a state directory's spool directory, shared by all its services.
 *
 * <p>Why shared, and why not a timer: 100 pumps polling four times a second cost about 1 % of a
 * core, and timed waits of one second nearly as much, against a tenth of that for blocked waits;
 * and each JDK watch service costs a platform thread and
 * one of the user's 128 inotify instances. One watch per spool directory, handed out by
 * reference count, costs one of each for 50 services. Pumps must still not rely on it alone
 * where it is not event-driven ({@link #eventDriven()}): the JDK polls every few seconds on
 * macOS, and Windows may report appends late.
 *
 * <p>Thread-safe.
 */
final class SpoolWatch {

    private static final System.Logger LOG = System.getLogger(SpoolWatch.class.getName());

    // A registry of open watches, so that services of one state directory share one. Guarded by REGISTRY.
    private static final ReentrantLock REGISTRY = new ReentrantLock();
    private static final Map<Path, SpoolWatch> OPEN = new HashMap<>();

    private final Path dir;
    private final WatchService service;
    private final Map<String, Runnable> wakers = new ConcurrentHashMap<>();
    private int users;

    private SpoolWatch(Path dir, WatchService service) {
        this.dir = dir;
        this.service = service;
    }

    /** The watch of this spool directory, opened if no service of this JVM holds it yet. */
    static SpoolWatch acquire(Path spoolDir) throws IOException {
        PrivateFiles.createDirectories(spoolDir);
        Path dir = spoolDir.toAbsolutePath().normalize();
        REGISTRY.lock();
        try {
            SpoolWatch watch = OPEN.get(dir);
            if (watch == null) {
                watch = new SpoolWatch(dir, open(dir));
                OPEN.put(dir, watch);
                if (watch.service != null) {
                    Thread.ofVirtual().name("spool-watch " + dir).start(watch::dispatch);
                }
            }
            watch.users++;
            return watch;
        } finally {
            REGISTRY.unlock();
        }
    }

    private static WatchService open(Path dir) {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            dir.register(service, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_CREATE);
            return service;
        } catch (IOException | UnsupportedOperationException e) {
            // For example the user's inotify instances are used up: pumps fall back to polling.
            LOG.log(Level.WARNING, "cannot watch " + dir + " (" + e + "); log capture falls back to polling");
            return null;
        }
    }

    /** Whether a write is reported promptly and reliably, so that pumps may wait without a timeout. */
    boolean eventDriven() {
        return service != null && com.sun.jna.Platform.isLinux();
    }

    /** Calls {@code wake} whenever the file of this name in the spool directory changes. */
    void register(String fileName, Runnable wake) {
        wakers.put(fileName, wake);
    }

    void unregister(String fileName) {
        wakers.remove(fileName);
    }

    /** Gives the watch back; the last user closes it. */
    void release() {
        REGISTRY.lock();
        try {
            if (--users == 0) {
                OPEN.remove(dir);
                if (service != null) {
                    try {
                        service.close();
                    } catch (IOException e) {
                        LOG.log(Level.DEBUG, "closing the watch of " + dir + ": " + e);
                    }
                }
            }
        } finally {
            REGISTRY.unlock();
        }
    }

    private void dispatch() {
        try {
            while (true) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        wakers.values().forEach(Runnable::run); // events were dropped: wake everyone
                    } else {
                        Runnable wake = wakers.get(event.context().toString());
                        if (wake != null) {
                            wake.run();
                        }
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // released by its last user
        }
    }
}
