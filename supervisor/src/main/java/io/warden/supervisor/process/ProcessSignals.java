package io.warden.supervisor.process;

import io.warden.os.OsFamily;

/**
 * Sends a signal to one process. On POSIX systems through {@code kill(2)}; on Windows, where
 * there are no signals, every signal but {@link Signal#KILL} becomes {@link ProcessHandle#destroy()}
 * and {@code KILL} becomes {@link ProcessHandle#destroyForcibly()} (both terminate at once there).
 *
 * <p>Callers identify the process by PID and start instant before calling (see
 * {@link ProcessId#live()}); this interface acts on the handle it is given. Implementations are
 * stateless and thread safe.
 */
public interface ProcessSignals {

    /**
     * Sends {@code signal} to {@code process}.
     *
     * @return true when the signal was delivered, false when the process no longer exists
     * @throws ProcessControlException when the OS refuses (for example permission denied)
     */
    boolean send(ProcessHandle process, Signal signal);

    /** The implementation for the running OS. */
    static ProcessSignals platform() {
        return OsFamily.isWindows() ? new JdkSignals() : new PosixSignals();
    }
}
