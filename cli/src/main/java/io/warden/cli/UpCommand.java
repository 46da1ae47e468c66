package io.warden.cli;

import io.warden.daemon.Daemon;
import io.warden.daemon.WardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Option;

/** {@code warden up}: the daemon, in the foreground, until SIGINT or SIGTERM. */
@Command(name = "up", description = {
        "Starts the Warden daemon in the foreground (Ctrl-C or SIGTERM stops it cleanly).",
        "Example: warden up --config examples/warden.yaml"})
final class UpCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, description = "The config file (default: ./warden.yaml when it exists).")
    Path config;

    @Option(names = "--state-dir", description = "Locks, PID files, logs, database (default: .warden beside the config).")
    Path stateDir;

    @Option(names = "--port", description = "API port (default: the config's, else 54112).")
    Integer port;

    @Option(names = "--host", description = "API interface (default: the config's, else 127.0.0.1).")
    String host;

    @Override
    public Integer call() throws Exception {
        // The server's libraries log through java.util.logging; the daemon's log is SLF4J's.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Path file = config != null ? config : Files.exists(Path.of("warden.yaml")) ? Path.of("warden.yaml") : null;
        WardenConfig settings = file == null ? WardenConfig.defaults() : WardenConfig.load(file);
        if (port != null) {
            settings = settings.withServer(settings.server().withPort(port));
        }
        if (host != null) {
            settings = settings.withServer(settings.server().withHost(host));
        }
        CountDownLatch stop = new CountDownLatch(1);
        TerminationSignals.handle(signal -> stop.countDown());
        try (Daemon daemon = Daemon.start(settings, StateDirs.forDaemon(stateDir, file),
                "warden up" + (file == null ? "" : " --config " + file), Version.current())) {
            stop.await();
        }
        return ExitCodes.OK;
    }
}
