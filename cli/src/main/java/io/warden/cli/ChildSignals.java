package io.warden.cli;

/** Forwards a termination signal received by {@code warden run} to its child. */
final class ChildSignals {

    private ChildSignals() {
    }

    static void forward(Process child, String signal) {
        if (child.isAlive()) {
            child.destroy();
        }
    }
}
