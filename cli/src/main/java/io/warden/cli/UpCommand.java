package io.warden.cli;

import io.warden.daemon.Daemon;
import io.warden.daemon.LogSetup;
import io.warden.daemon.WardenConfig;
import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.ServiceState;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code warden up}: the daemon, in the foreground, until SIGINT or SIGTERM. */
final class UpCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("up", "[--config FILE] [OPTIONS]",
            """
            Starts the Warden daemon in the foreground (Ctrl-C or SIGTERM stops it cleanly).
            Example: warden up --config examples/warden.yaml""",
            List.of(Option.value("--config", "FILE", "The config file (default: ./warden.yaml when it exists).")
                            .alias("-c"),
                    Option.value("--state-dir", "DIR", "Locks, PID files, logs, database, admin token "
                            + "(default: .warden beside the config)."),
                    Option.value("--port", "N", "API port (default: the config's, else 54112)."),
                    Option.value("--host", "ADDR", "API interface (default: the config's, else 127.0.0.1).")),
            null, 0, false);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        LogSetup.captureJavaUtilLogging();
        Path file = args.path("--config").orElse(Files.exists(Path.of("warden.yaml")) ? Path.of("warden.yaml") : null);
        WardenConfig settings = file == null ? WardenConfig.defaults() : WardenConfig.load(file);
        var port = args.integer("--port", 0, 65_535);
        if (port.isPresent()) {
            settings = settings.withPort(port.get());
        }
        var host = args.value("--host");
        if (host.isPresent()) {
            settings = settings.withHost(host.get());
        }
        CountDownLatch stop = new CountDownLatch(1);
        TerminationSignals.handle(signal -> stop.countDown());
        Path baseDir = file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        Path stateDir = StateDirs.forDaemon(args.path("--state-dir").orElse(null), file);
        Path logs = stateDir.toAbsolutePath().normalize().resolve("logs");
        try (Daemon daemon = Daemon.start(settings, baseDir, stateDir, "warden up" + (file == null ? ""
                : " --config " + file), Version.current(), event -> say(event, logs, err))) {
            ReloadSignal.handle(daemon, file, err);
            stop.await();
        }
        return ExitCodes.OK;
    }

    /**
     * A line for each start of a service (with where its log is), and each time one exits, backs
     * off or gives up; in the shape of the daemon's log lines, but printed directly: the daemon's
     * logger is set up only after the services start, to keep it off their start path.
     */
    static void say(ServiceEvent event, Path logs, PrintStream err) {
        ServiceState to = event.to();
        String what;
        if (to == ServiceState.RUNNING && !event.from().isUp()) {
            what = event.reason().startsWith("adopted") ? event.reason() : "started (PID " + event.pid() + ")";
            what += "; log: " + logs.resolve(event.service() + ".log");
        } else if (to == ServiceState.BACKOFF || to == ServiceState.FAILED
                // An exit that is followed by a backoff or a failure is said by that line; one the
                // restart policy leaves alone says so itself.
                || (to == ServiceState.EXITED && event.reason().contains("restart policy"))) {
            what = to + ": " + event.reason();
        } else {
            return;
        }
        err.println(CLOCK.format(event.time().atZone(ZoneId.systemDefault())) + (to == ServiceState.FAILED ? " WARN  "
                : " INFO  ") + event.service() + ": " + what);
    }
}
