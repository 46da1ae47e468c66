package io.warden.metrics;

/**
 * Counters of a sampler since it started, for its own health and cost.
 *
 * @param ticks              samples published
 * @param failedTicks        ticks that threw and published nothing (logged)
 * @param listenerFailures   listener calls that threw
 * @param totalWallNanos     wall time spent taking the published samples, listeners excluded
 * @param totalCpuNanos      sampler-thread CPU time spent on them (-1 if the JVM cannot tell)
 */
record SamplerStats(long ticks, long failedTicks, long listenerFailures, long totalWallNanos,
                           long totalCpuNanos) {

    /** The mean CPU time of one tick in nanoseconds, -1 if unknown or no tick yet. */
    public long meanCpuNanos() {
        return ticks == 0 || totalCpuNanos < 0 ? -1 : totalCpuNanos / ticks;
    }

    /** The mean wall time of one tick in nanoseconds, 0 before the first. */
    public long meanWallNanos() {
        return ticks == 0 ? 0 : totalWallNanos / ticks;
    }
}
