package io.warden.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A tracked process and its descendants at one sample, summed over the tree.
 *
 * @param name          the service name
 * @param pid           the root's PID
 * @param started       the root's start instant
 * @param cpuPercent    CPU used by the tree since the previous sample, in percent of one
 *                      logical processor (as {@code top} shows it: may exceed 100 on several);
 *                      0 on the first sample after tracking starts
 * @param rssBytes      resident memory of the tree (shared pages count once per process)
 * @param threads       threads in the tree
 * @param openFiles     open file descriptors in the tree, -1 if the OS did not tell
 * @param uptime        time since the root started
 * @param processCount  processes in the tree, root included
 */
public record ProcessTreeSample(String name, long pid, Instant started, double cpuPercent, long rssBytes,
                                int threads, long openFiles, Duration uptime, int processCount) {

    public ProcessTreeSample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(uptime, "uptime");
        if (!(cpuPercent >= 0) || Double.isInfinite(cpuPercent)) {
            throw new IllegalArgumentException("CPU of " + name + " must be finite and not negative, was " + cpuPercent);
        }
        if (rssBytes < 0 || threads < 0 || openFiles < -1 || processCount < 1) {
            throw new IllegalArgumentException("inconsistent process tree " + name + ": rss " + rssBytes
                    + ", threads " + threads + ", open files " + openFiles + ", processes " + processCount);
        }
    }
}
