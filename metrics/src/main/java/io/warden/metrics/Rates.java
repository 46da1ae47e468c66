package io.warden.metrics;

/** Pure arithmetic on counter deltas. Thread safety: stateless. */
final class Rates {

    /** OSHI's tick order: user, nice, system, idle, iowait, irq, softirq, steal. */
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    private Rates() {
    }

    /**
     * The busy share between two tick readings, 0..100: everything but idle and iowait (a CPU
     * waiting for I/O could run something else). 0 when no tick elapsed or a counter went back.
     */
    static double busyPercent(long[] before, long[] after) {
        long total = 0;
        long idle = 0;
        for (int i = 0; i < Math.min(before.length, after.length); i++) {
            long delta = after[i] - before[i];
            if (delta < 0) {
                return 0; // counters reset (CPU offlined and back): skip one sample
            }
            total += delta;
            if (i == IDLE || i == IOWAIT) {
                idle += delta;
            }
        }
        return total <= 0 ? 0 : Math.min(100, Math.max(0, 100.0 * (total - idle) / total));
    }

    /**
     * Per-second rates of each counter between two readings; zeros when there is no earlier
     * reading, no time elapsed, or a counter went back (wrapped, or the device was re-created).
     */
    static double[] perSecond(long[] before, long[] after, long elapsedNanos) {
        double[] rates = new double[after.length];
        if (before == null || before.length != after.length || elapsedNanos <= 0) {
            return rates;
        }
        for (int i = 0; i < after.length; i++) {
            long delta = after[i] - before[i];
            rates[i] = delta < 0 ? 0 : delta * 1e9 / elapsedNanos;
        }
        return rates;
    }
}
