package io.warden.lock;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a PID file says: the holder of an instance lock and, when the holder is a wrapper or a
 * supervisor, the child it runs. Information for humans and tools only; the lock decides.
 *
 * <p>The file's first line is the holder's PID alone, so {@code kill $(head -1 NAME.pid)} and
 * systemd's {@code PIDFile=} work; {@code key=value} lines follow.
 *
 * @param pid           the lock holder's PID
 * @param started       when the holder process started, as the OS reports it
 * @param port          the port the instance serves, 0 when none
 * @param command       the holder's command line, empty when unknown
 * @param host          the host name the holder runs on
 * @param version       the version of the program holding the lock
 * @param childPid      the PID of the process the holder runs for the name, 0 when none
 * @param childStarted  the child's start instant, {@code null} when there is no child
 * @param childCommand  the child's command line, empty when there is no child
 * @param stop          the command that stops the instance, as its holder knows it ({@code warden stop
 *                      backend --state-dir /srv/.warden} for a supervised service); empty when the holder
 *                      did not say, and then {@code kill PID} does
 */
public record PidRecord(long pid, Instant started, int port, String command, String host, String version,
                        long childPid, Instant childStarted, String childCommand, String stop) {

    public PidRecord {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
        Objects.requireNonNull(started, "started");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        command = Objects.requireNonNullElse(command, "");
        host = Objects.requireNonNullElse(host, "");
        version = Objects.requireNonNullElse(version, "");
        childCommand = Objects.requireNonNullElse(childCommand, "");
        stop = Objects.requireNonNullElse(stop, "");
        if (childPid < 0 || (childPid > 0) != (childStarted != null)) {
            throw new IllegalArgumentException("a child needs both a positive PID and a start instant");
        }
        if (childPid == 0 && !childCommand.isEmpty()) {
            throw new IllegalArgumentException("a child command needs a child");
        }
    }

    /** A record that does not say how the instance is stopped ({@code kill PID} does). */
    public PidRecord(long pid, Instant started, int port, String command, String host, String version,
                     long childPid, Instant childStarted, String childCommand) {
        this(pid, started, port, command, host, version, childPid, childStarted, childCommand, "");
    }

    /** A record for the running JVM, with its start instant as the OS reports it. */
    public static PidRecord ofCurrentProcess(String command, int port, String version) {
        ProcessHandle self = ProcessHandle.current();
        return new PidRecord(self.pid(), ProcessIds.startOf(self).orElse(Instant.now()), port, command,
                ProcessIds.hostName(), version, 0, null, "");
    }

    /** This record with the given child process, identified by PID and start instant. */
    public PidRecord withChild(ProcessHandle child, String childCommand) {
        return new PidRecord(pid, started, port, command, host, version, child.pid(),
                ProcessIds.startOf(child).orElse(Instant.now()), childCommand, stop);
    }

    /** This record with the same child as {@code other} (a survivor carried over from a dead holder). */
    public PidRecord withChildOf(PidRecord other) {
        return new PidRecord(pid, started, port, command, host, version, other.childPid, other.childStarted,
                other.childCommand, stop);
    }

    /** This record without a child (the child exited). */
    public PidRecord withoutChild() {
        return new PidRecord(pid, started, port, command, host, version, 0, null, "", stop);
    }

    /** This record with another port. */
    public PidRecord withPort(int newPort) {
        return new PidRecord(pid, started, newPort, command, host, version, childPid, childStarted, childCommand,
                stop);
    }

    /** This record saying how the instance is stopped: a command that works where the lock's holder runs. */
    public PidRecord withStop(String stopCommand) {
        return new PidRecord(pid, started, port, command, host, version, childPid, childStarted, childCommand,
                stopCommand);
    }

    /** The command that stops the instance: the holder's own, else {@code kill PID} (SIGTERM to the holder). */
    public String stopCommand() {
        return stop.isEmpty() ? "kill " + pid : stop;
    }

    /** Whether the record names a child process. */
    public boolean hasChild() {
        return childPid > 0;
    }

    /**
     * The holder process, if it is still alive and is the same process (PID and start instant
     * match), so that a recycled PID is never mistaken for it.
     */
    public Optional<ProcessHandle> liveHolder() {
        return ProcessIds.live(pid, started);
    }

    /** The child process, if it is still alive and is the same process (PID and start instant match). */
    public Optional<ProcessHandle> liveChild() {
        return hasChild() ? ProcessIds.live(childPid, childStarted) : Optional.empty();
    }

    /** The file form: the PID alone on the first line, then {@code key=value} lines. */
    public String toFileText() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("started", started.toString());
        if (port > 0) {
            fields.put("port", Integer.toString(port));
        }
        fields.put("command", command);
        fields.put("host", host);
        fields.put("version", version);
        if (hasChild()) {
            fields.put("child.pid", Long.toString(childPid));
            fields.put("child.started", childStarted.toString());
            fields.put("child.command", childCommand);
        }
        if (!stop.isEmpty()) {
            fields.put("stop", stop);
        }
        StringBuilder text = new StringBuilder().append(pid).append('\n')
                .append("# Information only: the lock file beside this one decides who runs.\n");
        fields.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    /**
     * Parses the file form.
     *
     * @throws IllegalArgumentException naming what is wrong, when the text is not a PID file
     */
    public static PidRecord parse(String text) {
        String[] lines = text.split("\n", -1);
        long pid = parseLong(lines[0].strip(), "first line (the PID)");
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not key=value");
            }
            fields.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
        }
        Instant started = parseInstant(fields.get("started"), "started");
        long port = fields.containsKey("port") ? parseLong(fields.get("port"), "port") : 0;
        if (port != (int) port) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port); // not cut to 32 bits
        }
        long childPid = fields.containsKey("child.pid") ? parseLong(fields.get("child.pid"), "child.pid") : 0;
        Instant childStarted = childPid > 0 ? parseInstant(fields.get("child.started"), "child.started") : null;
        // The child's lines are written together; a command left without its PID describes no one.
        String childCommand = childPid > 0 ? fields.get("child.command") : null;
        return new PidRecord(pid, started, (int) port, fields.get("command"), fields.get("host"),
                fields.get("version"), childPid, childStarted, childCommand, fields.get("stop"));
    }

    private static long parseLong(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: " + abbreviate(value));
        }
    }

    private static Instant parseInstant(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " is not an ISO-8601 instant: " + abbreviate(value));
        }
    }

    /** A short, printable rendering of a bad value for a message (binary garbage included). */
    private static String abbreviate(String value) {
        String shown = value.length() <= 40 ? value : value.substring(0, 40) + "...";
        return shown.codePoints()
                .mapToObj(c -> c >= 0x20 && c < 0x7f ? Character.toString(c) : "?")
                .collect(java.util.stream.Collectors.joining());
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
