package io.warden.api;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * How many connections the API serves at once when {@code server.maxConnections} is not set:
 * half of the descriptors left after those open when the API starts (the services have started
 * by then) and a reserve for what the daemon opens later (restarted services' spools, logs and
 * process handles, the database, the JDK's own). Past the cap, connections wait in the kernel's accept queue instead of taking the
 * descriptors the daemon needs to accept at all: with none left, Helidon 4.3's listener stops for
 * good ("Too many open files ... server socket is terminating"). Stateless.
 */
final class ConnectionLimit {

    /** Without a descriptor limit to read (Windows): as many as a small host serves well. */
    static final int WITHOUT_LIMIT = 10_000;
    private static final int MINIMUM = 8;
    private static final int RESERVE = 64;

    private ConnectionLimit() {
    }

    /**
     * @param maxDescriptors  the process's descriptor limit ({@code ulimit -n}), or -1 when unknown
     * @param openDescriptors descriptors open now
     */
    static int derive(long maxDescriptors, long openDescriptors) {
        if (maxDescriptors < 0) {
            return WITHOUT_LIMIT;
        }
        long spare = maxDescriptors - openDescriptors - RESERVE;
        return (int) Math.max(MINIMUM, Math.min(WITHOUT_LIMIT, spare / 2));
    }

    /** The default for this process now. */
    static int forThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return derive(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount());
        }
        return derive(-1, 0);
    }
}
