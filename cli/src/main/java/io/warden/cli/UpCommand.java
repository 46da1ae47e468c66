package io.warden.cli;

import io.warden.daemon.Daemon;
import io.warden.daemon.LogSetup;
import io.warden.daemon.WardenConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        try (Daemon daemon = Daemon.start(settings, baseDir, StateDirs.forDaemon(args.path("--state-dir").orElse(null),
                file), "warden up" + (file == null ? "" : " --config " + file), Version.current())) {
            stop.await();
        }
        return ExitCodes.OK;
    }
}
