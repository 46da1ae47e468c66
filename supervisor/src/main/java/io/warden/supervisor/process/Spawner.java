package io.warden.supervisor.process;

import java.io.IOException;

/**
 * Starts a service's child process and reports its exit.
 *
 * <p>On Linux (x86_64, aarch64, glibc >= 2.34, kernel >= 5.4) the child is spawned directly with
 * {@code posix_spawnp} and reaped by one thread for all children ({@code LinuxSpawner}); elsewhere,
 * or when one of those calls is missing, through {@link ProcessBuilder} ({@code JdkSpawner}). Both
 * give the child the same start: stdin from the null device, stdout and stderr appended to the
 * given files, the daemon's environment plus the request's, the working directory, no other
 * descriptor of the daemon, and the same exit codes.
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

    /** The spawner for this OS: the Linux one where its calls exist, else the JDK's. */
    static Spawner platform() {
        return LinuxSpawner.create().orElseGet(JdkSpawner::new);
    }
}
