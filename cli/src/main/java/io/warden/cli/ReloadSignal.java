package io.warden.cli;

import io.warden.config.ConfigException;
import io.warden.daemon.Daemon;
import io.warden.deploy.DeployException;
import java.io.PrintStream;
import java.nio.file.Path;
import sun.misc.Signal;

/**
 * SIGHUP to {@code warden up}: re-reads its config file and applies the difference, as
 * {@code warden apply} does. A file that fails validation, or a change the policy refuses, changes
 * nothing and is said on stderr. Where there is no SIGHUP (Windows), {@code warden apply} remains.
 */
final class ReloadSignal {

    private ReloadSignal() {
    }

    static void handle(Daemon daemon, Path file, PrintStream err) {
        try {
            Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().name("warden-reload").start(() -> {
                if (file == null) {
                    err.println("warden: SIGHUP: no config file to re-read (warden up ran without one)");
                    return;
                }
                try {
                    daemon.apply(file).forEach(line -> err.println("warden: SIGHUP: " + line));
                } catch (ConfigException | DeployException e) {
                    err.println("warden: SIGHUP: nothing changed: " + e.getMessage());
                } catch (RuntimeException e) {
                    err.println("warden: SIGHUP: reload failed: " + e);
                }
            }));
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform.
        }
    }
}
