/**
 * Service output: captured, timestamped, rotated, readable and followable, and surviving the
 * daemon's death. The contract is {@link io.warden.supervisor.logs.ServiceLog}; the rest is
 * package-private.
 *
 * <h2>Why spool files, not pipes or FIFOs</h2>
 * A child whose stdout is a pipe read only by the daemon gets SIGPIPE (Python:
 * {@code BrokenPipeError}) when the daemon dies, and blocks when the daemon stops reading: what
 * happens to supervisord's and PM2's children. Two ways out were weighed:
 * <ul>
 *   <li><b>A FIFO per stream</b> in the state directory, held open by the daemon and, so that the
 *       reader count never drops to zero, by the child itself through a read end. Java's
 *       {@link java.lang.ProcessBuilder} (the spawn on Windows and macOS) can hand a child only
 *       three descriptors, so the child can hold a read end of one FIFO (as its stdin, which it
 *       might then read its own output from) and not of two: stderr would still get SIGPIPE. It also blocks the child once the
 *       64 KiB pipe buffer fills while the daemon is down, and FIFOs do not exist on Windows.</li>
 *   <li><b>A regular spool file per stream</b> (chosen). The child's stdout and stderr are
 *       {@code O_APPEND} descriptors on {@code logs/.spool/NAME.GEN.out|err}, opened for the
 *       child at its start (by its spawn's file actions on Linux, by
 *       {@link java.lang.ProcessBuilder.Redirect#appendTo} elsewhere). A file has no reader count:
 *       no SIGPIPE, no blocking, with or without a daemon, on every platform. The daemon copies
 *       new lines from a persisted offset into the log and gives the copied range's blocks back
 *       with {@code fallocate(PUNCH_HOLE)}, so the spool is large only in apparent size. The
 *       cost: output written while the daemon is down waits on disk (it is not lost and the
 *       child is not slowed), and lines are timestamped when copied, not when written.</li>
 * </ul>
 *
 * <h2>How a line travels</h2>
 * One virtual thread per service ({@code SpoolPump}) is woken by one file-system watch per state
 * directory ({@code SpoolWatch}; inotify on Linux, no timers, so idle services cost nothing), reads
 * a spool in 64 KiB chunks ({@code Spool}), cuts whole lines ({@code LineScanner}; lines over
 * 64 KiB become pieces marked {@code out+}), prefixes them ({@code LineFormat}) and appends them to
 * {@code logs/NAME.log} ({@code RotatingLog}), rotating by rename before a line that would not
 * fit, so no line is torn across files. {@code ChunkCopy} copies one chunk; {@code Capture} keeps
 * the generations of spool files (one per child start), their recovery, and the lock.
 *
 * <h2>Surviving a kill at any instant</h2>
 * Before each append, the {@code Journal} records the spool offsets as they will be after it, and
 * where in which log file (device and inode) the append goes. A new daemon finding the log
 * ending inside that append cuts it off and copies the range again; finding it complete, or in a
 * file since rotated away, it resumes after it. So a restart neither loses, repeats nor tears a
 * line ({@code DaemonDeathTest} kills the capturing JVM with SIGKILL to check it).
 *
 * <h2>A full disk</h2>
 * A child's write that needs a new block on a full disk fails (ENOSPC), and most programs die of
 * it. So each spool keeps {@code Spool.RESERVE} bytes allocated past its end
 * ({@code fallocate(KEEP_SIZE)}), topped up after each copy from the blocks the copy punched out:
 * the child writes into reserved blocks and keeps running. A log append that fails for lack of
 * space drops its lines (journaled as an empty append, so a restart does not copy them again) and
 * counts them; the next append that fits is preceded by one line
 * {@code [warden] N bytes of output dropped: no space left on device}, as journald does. The
 * service's events say when the dropping began and when output was logged again
 * ({@link io.warden.supervisor.logs.ServiceLog#reportDrops}). A start whose output files cannot be
 * made for lack of space ({@link io.warden.supervisor.logs.ServiceLog#noSpace}) backs off and is
 * retried by the supervisor, never failed for it.
 *
 * <h2>Windows and macOS</h2>
 * The same spool files work (no SIGPIPE, no blocking), but no space is reclaimed while a child
 * lives: the spool of a long-running chatty service grows until its next start (Windows could use
 * {@code FSCTL_SET_ZERO_DATA}; not done). File-system events there are not prompt, so pumps also
 * look every 250 ms. Windows has no inode to tell a rotated file from a new one: a daemon killed
 * right after a rotation may repeat the last copied batch. A rotation Windows refuses because
 * another program holds the log open is retried later, the file growing meanwhile.
 */
package io.warden.supervisor.logs;
