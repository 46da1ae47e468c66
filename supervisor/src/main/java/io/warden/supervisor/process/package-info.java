/**
 * Processes as the OS sees them: signals through {@code kill(2)} ({@link io.warden.supervisor.process.ProcessSignals}),
 * identities by PID and start instant ({@link io.warden.supervisor.process.ProcessId}), the Linux
 * child subreaper ({@link io.warden.supervisor.process.Subreaper}) and the stop of a whole process
 * tree ({@link io.warden.supervisor.process.ProcessTree}).
 */
package io.warden.supervisor.process;
