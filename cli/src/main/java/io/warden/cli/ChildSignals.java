package io.warden.cli;

import io.warden.supervisor.process.ProcessSignals;
import io.warden.supervisor.process.Signal;
import io.warden.supervisor.process.Terminal;

/** Forwards a termination signal received by {@code warden run} to its child. */
final class ChildSignals {

    private ChildSignals() {
    }

    static void forward(Process child, String signal) {
        if (!child.isAlive()) {
            return;
        }
        // A Ctrl-C typed in our terminal already reached the child (same process group); a second
        // SIGINT would interrupt its clean shutdown (Python: KeyboardInterrupt inside the handler).
        if (signal.equals("INT") && Terminal.isForegroundProcessGroup()) {
            return;
        }
        ProcessSignals.platform().send(child.toHandle(), Signal.parse(signal));
    }
}
