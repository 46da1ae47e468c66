package io.warden.alerts.metric;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code stateDir.free}: the free share of the file system that holds the state dir, where the
 * services' logs, {@code events.log} and the database are written. When it is full, services'
 * output is dropped (they keep running) and starts back off until there is space, so a rule
 * watches it ({@code state-dir-disk-full}). Read from the file system at each call (a
 * {@code statvfs}): cheap, and never stale. Thread safe.
 */
public final class StateDirSpace implements MetricSource {

    private final Path dir;

    public StateDirSpace(Path dir) {
        this.dir = dir;
    }

    @Override
    public Reading read(Metric metric, String subject) {
        if (metric != Metric.STATE_DIR_FREE) {
            return Reading.noData(metric + " is not read from the state dir");
        }
        try {
            FileStore store = Files.getFileStore(dir);
            long total = store.getTotalSpace();
            if (total <= 0) {
                return Reading.noData("the file system of " + dir + " reports no size");
            }
            return Reading.value(100.0 * store.getUsableSpace() / total);
        } catch (IOException e) {
            return Reading.failed("cannot read the free space of " + dir + ": " + e.getMessage());
        }
    }

    /** Bytes the daemon can still write to the state dir's file system; NaN when it cannot be read. */
    public double freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The size of the state dir's file system in bytes; NaN when it cannot be read. */
    public double totalBytes() {
        try {
            return Files.getFileStore(dir).getTotalSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
