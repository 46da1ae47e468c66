package io.warden.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the process-tree sampler reads processes from: {@code /proc} on Linux, OSHI elsewhere.
 * Implementations are used by the sampler thread only.
 */
interface ProcessSource {

    /**
     * One process as read now.
     *
     * @param startMillis  start instant in epoch milliseconds, computed the same way on every
     *                     read, so (pid, startMillis) identifies the process exactly
     * @param cpuNanos     user plus system CPU time since the process started
     * @param openFiles    open file descriptors, -1 if unknown
     */
    record Reading(long pid, long startMillis, long cpuNanos, long rssBytes, int threads, long openFiles) {
    }

    /** The process with this PID now, or null if there is none. */
    Reading read(long pid);

    /**
     * For each root PID that is alive, its descendants now (not the root itself). One call for
     * all roots, so that a source that must enumerate every process does it once.
     */
    Map<Long, List<Reading>> descendants(Collection<Long> rootPids);

    /** The sampler finished a tick: a source may release what it kept for processes not read in it. */
    default void endTick() {
    }
}
