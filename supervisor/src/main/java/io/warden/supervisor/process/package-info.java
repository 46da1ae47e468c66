/**
 * Processes as the OS sees them: the spawn of a service's child and the report of its exit
 * ({@link io.warden.supervisor.process.Spawner}; on Linux {@code posix_spawnp} and one reaping
 * thread on pidfds for all children), signals through {@code kill(2)}
 * ({@link io.warden.supervisor.process.ProcessSignals}), identities by PID and start instant
 * ({@link io.warden.supervisor.process.ProcessId}), the Linux child subreaper
 * ({@link io.warden.supervisor.process.Subreaper}) and the stop of a whole process tree
 * ({@link io.warden.supervisor.process.ProcessTree}).
 */
package io.warden.supervisor.process;
