package io.warden.cli;

import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Signal;
import io.warden.supervisor.process.StopReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code warden run --name NAME -- COMMAND...}: the single-instance guarantee for any program,
 * without changing it. Takes the lock, runs the command (an argument list, no shell), forwards
 * SIGINT and SIGTERM, and exits with the command's exit code.
 */
@Command(name = "run", description = {
        "Runs COMMAND unless NAME already runs (exit 3 with who holds it).",
        "Example: warden run --name backend --port 54112 -- python3 main.py"})
final class RunCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, description = "Instance name: one running copy per name and state dir.")
    String name;

    @Option(names = "--port", defaultValue = "0", description = "Port the program serves, recorded in the PID file.")
    int port;

    @Option(names = "--state-dir", description = "Where NAME.lock and NAME.pid live "
            + "(default: $WARDEN_STATE_DIR, else .warden in the current directory).")
    Path stateDir;

    @Option(names = "--replace", description = "Stop a copy left running by a killed wrapper (its whole process tree), then start.")
    boolean replace;

    @Option(names = "--stop-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "With --replace: how long the old copy gets after SIGTERM before SIGKILL (default ${DEFAULT-VALUE}).")
    Duration stopTimeout;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The program and its arguments.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String commandLine = String.join(" ", command);
        PidRecord self = PidRecord.ofCurrentProcess("warden run --name " + name + " -- " + commandLine, port,
                Version.current());
        try (InstanceLock lock = InstanceLock.acquire(StateDirs.forRun(stateDir), name, self)) {
            var survivor = lock.survivor();
            if (survivor.isPresent()) {
                if (!replace) {
                    err.println("warden: " + orphanMessage(lock, survivor.get()));
                    err.flush();
                    return ExitCodes.ALREADY_RUNNING;
                }
                StopReport stopped = ProcessTree.platform().stop(survivor.get(), Signal.TERM, stopTimeout);
                err.println("warden: stopped the copy left running (PID " + survivor.get().pid() + ", "
                        + stopped.size() + " process(es) in its tree" + (stopped.killed().isEmpty() ? ""
                        : ", " + stopped.killed().size() + " killed after " + stopTimeout.toSeconds() + " s") + ")");
                err.flush();
                lock.update(lock.record().withoutChild());
            }
            Process child;
            try {
                child = new ProcessBuilder(command).inheritIO().start();
            } catch (IOException e) {
                err.println("warden: cannot run '" + command.getFirst() + "': " + e.getMessage());
                err.flush();
                return ExitCodes.CANNOT_EXECUTE;
            }
            lock.update(lock.record().withChild(child.toHandle(), commandLine));
            TerminationSignals.handle(signal -> ChildSignals.forward(child, signal));
            int exit = child.waitFor();
            lock.update(lock.record().withoutChild());
            return exit;
        }
    }

    private String orphanMessage(InstanceLock lock, ProcessHandle survivor) {
        PidRecord before = lock.previous().orElseThrow();
        String since = before.childStarted().atZone(ZoneId.systemDefault()).format(CLOCK);
        return name + " is already running (PID " + survivor.pid() + ": " + before.childCommand() + ", up since "
                + since + "); the wrapper that started it (PID " + before.pid() + ") is gone. PID file: "
                + lock.pidFile() + ". Stop it with: warden run --replace --name " + name + " -- ...  (or: kill "
                + survivor.pid() + ")";
    }
}
