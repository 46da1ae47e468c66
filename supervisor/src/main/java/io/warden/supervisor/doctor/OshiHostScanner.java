package io.warden.supervisor.doctor;

import io.warden.supervisor.process.ServiceMarks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oshi.SystemInfo;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The host through OSHI: the portable process list and connection table (no {@code ps} or
 * {@code netstat} parsing), Windows included. The process list is read once per scan; each row's
 * command line, working directory and environment are read right then, so the snapshot is a
 * plain value. Thread safety: OSHI's operating system object is safe for concurrent use.
 */
final class OshiHostScanner implements HostScanner {

    private final OperatingSystem os;

    private OshiHostScanner(OperatingSystem os) {
        this.os = os;
    }

    static OshiHostScanner create() {
        return new OshiHostScanner(new SystemInfo().getOperatingSystem());
    }

    @Override
    public HostSnapshot scan() {
        List<ProcessRow> rows = new ArrayList<>();
        for (OSProcess process : os.getProcesses()) {
            ProcessRow row = row(process);
            if (row != null) {
                rows.add(row);
            }
        }
        return new HostSnapshot(Instant.now(), rows, listeners());
    }

    @Override
    public List<Listener> listeners() {
        List<Listener> listeners = new ArrayList<>();
        for (InternetProtocolStats.IPConnection connection : os.getInternetProtocolStats().getConnections()) {
            if (connection.getState() == InternetProtocolStats.TcpState.LISTEN
                    && connection.getType().startsWith("tcp")) {
                listeners.add(new Listener(connection.getLocalPort(), connection.getowningProcessId(),
                        connection.getType()));
            }
        }
        return listeners;
    }

    @Override
    public Optional<ProcessRow> process(long pid) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        OSProcess process = os.getProcess((int) pid);
        return process == null ? Optional.empty() : Optional.ofNullable(row(process));
    }

    /** The row of a live process; null for zombies, vanished processes and those without a start time. */
    private static ProcessRow row(OSProcess process) {
        OSProcess.State state = process.getState();
        if (state == OSProcess.State.ZOMBIE || state == OSProcess.State.INVALID || process.getProcessID() <= 0
                || process.getStartTime() <= 0) {
            return null;
        }
        Map<String, String> env = environment(process);
        return new ProcessRow(process.getProcessID(), Math.max(0, process.getParentProcessID()),
                Instant.ofEpochMilli(process.getStartTime()), process.getPath(), process.getArguments(),
                process.getCurrentWorkingDirectory(), Math.max(0, process.getResidentMemory()),
                env.get(ServiceMarks.SERVICE), env.get(ServiceMarks.STATE_DIR));
    }

    private static Map<String, String> environment(OSProcess process) {
        try {
            return process.getEnvironmentVariables();
        } catch (RuntimeException e) {
            // Another user's process, or one that just exited: it carries no marks we can read.
            return Map.of();
        }
    }
}
