package io.warden.api.services;

import io.warden.config.TextTable;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.StartReport;
import io.warden.supervisor.logs.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plain-text forms of service answers ({@code Accept: text/plain}): what {@code warden status},
 * {@code start|stop|restart} and {@code logs} print. Rendered by the warm daemon so the CLI needs
 * no JSON library, which would cost it more start-up time than everything else it does.
 */
final class StatusText {

    private StatusText() {
    }

    /**
     * The status table: NAME STATE PID UPTIME RESTARTS HEALTH PORT, columns two spaces apart; under
     * the row of a service that is not running well (failed, unhealthy, in backoff, exited,
     * waiting, stopped) a line saying why, as the JSON's {@code reason} does.
     */
    public static String table(List<ServiceStatus> services) {
        return table(services, s -> Optional.empty());
    }

    /** As above, with a {@code stale:} line under each service whose code changed on disk since its start. */
    static String table(List<ServiceStatus> services, java.util.function.Function<ServiceStatus, Optional<String>> stale) {
        if (services.isEmpty()) {
            return "no services configured (add them under services: in warden.yaml)\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "PID", "UPTIME", "RESTARTS", "HEALTH", "PORT"});
        for (ServiceStatus s : services) {
            rows.add(new String[] {s.name(), s.state().toString(), s.pid() == null ? "-" : s.pid().toString(),
                s.pid() == null ? "-" : uptime(s.uptime()), Integer.toString(s.restarts()), s.health(),
                s.port() == 0 ? "-" : Integer.toString(s.port())});
        }
        String[] lines = TextTable.render(rows).split("\n");
        StringBuilder text = new StringBuilder(lines[0]).append('\n');
        for (int i = 0; i < services.size(); i++) {
            text.append(lines[i + 1]).append('\n');
            why(services.get(i)).ifPresent(why -> text.append("  why: ").append(why).append('\n'));
            stale.apply(services.get(i)).ifPresent(line -> text.append("  stale: ").append(line).append('\n'));
        }
        return text.toString();
    }

    /** Why a service is not running well, with how to start a failed one; empty when it runs as it should. */
    static Optional<String> why(ServiceStatus s) {
        boolean fine = s.state() == ServiceState.RUNNING || s.state() == ServiceState.HEALTHY
                || s.state() == ServiceState.STOPPING;
        if (fine || s.reason() == null || s.reason().isEmpty()) {
            return Optional.empty();
        }
        if (s.state() != ServiceState.FAILED) {
            return Optional.of(s.reason());
        }
        String start = "warden start " + s.name();
        String reason = s.reason();
        return Optional.of(reason.contains(start) ? reason : reason + (reason.endsWith(".") ? " " : ". ")
                + "Start it again: " + start);
    }

    /** One line for a control answer: {@code backend: running (PID 42), started}. */
    public static String line(ServiceStatus s) {
        return s.name() + ": " + s.state() + (s.pid() == null ? "" : " (PID " + s.pid() + ")")
                + (s.reason() == null || s.reason().isEmpty() ? "" : ", " + s.reason()) + "\n";
    }

    /**
     * The answer to a start: a line per dependency it started first, then the service's line:
     * {@code db: healthy (PID 41), started as a dependency of api}.
     */
    public static String started(StartReport report) {
        StringBuilder text = new StringBuilder();
        for (ServiceStatus dependency : report.dependencies()) {
            text.append(dependency.name()).append(": ").append(dependency.state())
                    .append(dependency.pid() == null ? "" : " (PID " + dependency.pid() + ")")
                    .append(", started as a dependency of ").append(report.service().name()).append('\n');
        }
        return text.append(line(report.service())).toString();
    }

    /** Log lines as the log file holds them: time, stream, text. */
    public static String logs(List<LogLine> lines) {
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            text.append(line.time()).append(' ').append(line.stream()).append(' ').append(line.text()).append('\n');
        }
        return text.toString();
    }

    static String uptime(Duration uptime) {
        long seconds = uptime.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format("%02ds", seconds % 60);
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h" + String.format("%02dm", seconds % 3600 / 60);
        }
        return seconds / 86_400 + "d" + String.format("%02dh", seconds % 86_400 / 3600);
    }
}
