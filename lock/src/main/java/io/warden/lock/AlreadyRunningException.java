package io.warden.lock;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Another process (or another part of this JVM) holds the instance lock. The message names the
 * holder's PID, port, start time, the PID file and the command that stops it, as the holder
 * recorded it ({@link PidRecord#stopCommand()}), for example:
 *
 * <pre>backend is already running (PID 4242, port 54112, up since 10:14:03). PID file: .warden/backend.pid. Stop it with: kill 4242</pre>
 */
public final class AlreadyRunningException extends LockException {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String name;
    private final Path pidFile;
    private final transient PidRecord holder;

    AlreadyRunningException(String name, Path pidFile, PidRecord holder) {
        super(describe(name, pidFile, holder));
        this.name = name;
        this.pidFile = pidFile;
        this.holder = holder;
    }

    /** The instance name that is taken. */
    public String name() {
        return name;
    }

    /** The PID file of the holder. */
    public Path pidFile() {
        return pidFile;
    }

    /**
     * What the holder's PID file says, when it could be read; empty when the holder had not
     * written it yet or it is unreadable.
     */
    public Optional<PidRecord> holder() {
        return Optional.ofNullable(holder);
    }

    private static String describe(String name, Path pidFile, PidRecord holder) {
        if (holder == null) {
            // Nothing names the holder yet, so no command to stop it: a guessed one could hit the wrong process.
            return name + " is already running (its PID file " + pidFile + " is not readable yet: its holder "
                    + "writes it right after taking the lock; run this again to see who holds " + name + ")";
        }
        StringBuilder text = new StringBuilder(name).append(" is already running (PID ").append(holder.pid());
        if (holder.port() > 0) {
            text.append(", port ").append(holder.port());
        }
        text.append(", up since ").append(since(holder)).append(")");
        if (holder.hasChild()) {
            text.append(", running PID ").append(holder.childPid()).append(": ").append(holder.childCommand());
        }
        return text.append(". PID file: ").append(pidFile)
                .append(". Stop it with: ").append(holder.stopCommand())
                .toString();
    }

    private static String since(PidRecord holder) {
        var local = holder.started().atZone(ZoneId.systemDefault());
        boolean today = local.toLocalDate().equals(LocalDate.now(ZoneId.systemDefault()));
        return local.format(today ? TIME : DATE_TIME);
    }
}
