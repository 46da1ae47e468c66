/**
 * What the operating system tells Warden, read in one place: the OS family ({@link
 * io.warden.os.OsFamily}, the only reader of {@code os.name}), the Linux {@code /proc} files that
 * more than one module reads ({@link io.warden.os.ProcStat} for {@code /proc/PID/stat}, {@link
 * io.warden.os.Procfs} for {@code /proc/stat}'s boot time and the buffered reads), and the host's
 * clocks ({@link io.warden.os.HostClock}).
 *
 * <p>Why a module of its own: the metrics sampler, the doctor and the supervisor all read
 * {@code /proc/PID/stat}, and each had its own parser. The lowest module below both supervisor
 * and metrics is {@code lock}, but lock is a tiny library that other programs embed for one
 * promise (a single instance), and it reads nothing from {@code /proc} itself (it asks
 * {@link java.lang.ProcessHandle}); putting parsers of host counters there would grow its public
 * surface with things its users never asked for, and give metrics a dependency on a lock. So this
 * module has no dependencies, sits below lock, supervisor and metrics, and any of them may use it.
 *
 * <p>Parsers are pure functions of text ({@code parse(String)}, or bytes for the sampler's hot
 * path) tested with fixtures copied from real hosts; files read by one module only keep their
 * parsers beside that reader. Linux-only readers stay behind their users' small interfaces with a
 * portable fallback (the doctor's {@code HostScanner}, the sampler's {@code ProcessSource}).
 */
package io.warden.os;
