package io.warden.cli;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * Takes SIGINT and SIGTERM away from the JVM's default (run the shutdown hooks and exit with
 * 130/143), so a command decides what a signal means: forward it, or shut down in order and exit 0.
 */
final class TerminationSignals {

    private TerminationSignals() {
    }

    /** Calls {@code handler} with "INT" or "TERM" on the JVM's signal thread for every such signal. */
    static void handle(Consumer<String> handler) {
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> handler.accept(signal.getName()));
        }
    }
}
