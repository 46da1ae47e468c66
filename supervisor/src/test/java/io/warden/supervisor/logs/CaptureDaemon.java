package io.warden.supervisor.logs;

import java.nio.file.Path;

/**
 * Plays the daemon in its own JVM, so a test can kill it with SIGKILL: opens the log of a
 * service, starts a {@link Printer} ticking every 10 ms through {@link ServiceLog#attach}, prints
 * the child's pid and then just captures until it is killed.
 *
 * <p>Arguments: STATE_DIR SERVICE.
 */
public final class CaptureDaemon {

    private CaptureDaemon() {
    }

    public static void main(String[] args) throws Exception {
        ServiceLog log = ServiceLog.open(Path.of(args[0]), args[1], new LogSettings(null, 3));
        ProcessBuilder child = Fixtures.java(Printer.class, "tick", "10");
        Fixtures.attached(log, child);
        Process process = child.start();
        System.out.println(process.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
