package io.warden.supervisor.process;

import java.io.IOException;

/**
 * Starts a service's child process and reports its exit: stdin from the null device, stdout and
 * stderr appended to the given files, the daemon's environment plus the request's, the working
 * directory, and the exit codes of {@link Process#exitValue()}.
 *
 * <p>Implementations are thread safe.
 */
public interface Spawner {

    /**
     * Starts the child. Returns once the program is executing (or has failed to).
     *
     * @throws IOException when the program cannot be executed; the message names it, the
     *                     directory and the OS's reason, as {@link ProcessBuilder#start()} does
     */
    Child spawn(SpawnRequest request) throws IOException;

    /** The spawner for this OS. */
    static Spawner platform() {
        return new JdkSpawner();
    }
}
