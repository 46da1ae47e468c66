package io.warden.supervisor.process;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A {@link Tether} over a {@link Process}'s stdin stream (the JDK's spawner). A beat is one byte,
 * written on a virtual thread: the JDK's stream blocks on a full pipe.
 */
final class StreamTether implements Tether {

    private final OutputStream stdin;

    StreamTether(OutputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public void beat() {
        Thread.ofVirtual().name("warden-beat").start(() -> {
            try {
                stdin.write('b');
                stdin.flush();
            } catch (IOException closed) {
                // the child exited, or the tether was closed: nobody to tell
            }
        });
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already broken: the child is gone
        }
    }
}
