package io.warden.cli;

import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Signal;
import io.warden.supervisor.process.StopReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code warden run --name NAME -- COMMAND...}: the single-instance guarantee for any program,
 * without changing it. Takes the lock, runs the command (an argument list, no shell), forwards
 * SIGINT and SIGTERM, and exits with the command's exit code.
 */
final class RunCommand implements Command {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final CommandSpec SPEC = new CommandSpec("run", "--name NAME [OPTIONS] [--] COMMAND [ARGS...]",
            """
            Runs COMMAND unless NAME already runs (then exits 3 naming who holds it).
            SIGINT and SIGTERM are forwarded to COMMAND; its exit code is warden's.
            With --watch, COMMAND is restarted on change (the old tree stopped, then a fresh copy),
            and waits for a change when it exits.
            Example: warden run --name backend --port 54112 -- python3 main.py
            Example: warden run --name backend --watch src -- python3 main.py""",
            List.of(Option.value("--name", "NAME", "Instance name: one running copy per name and state dir."),
                    Option.value("--port", "N", "Port the program serves, recorded in the PID file."),
                    Option.value("--state-dir", "DIR", "Where NAME.lock and NAME.pid live "
                            + "(default: $WARDEN_STATE_DIR, else .warden)."),
                    Option.flag("--replace", "Stop a copy left running by a killed wrapper (its whole process "
                            + "tree), then start."),
                    Option.value("--stop-timeout", "DURATION", "With --replace or --watch: time between SIGTERM "
                            + "and SIGKILL.").defaultsTo("10s"),
                    Option.value("--watch", "PATH", "Restart COMMAND (its whole tree) when a file under PATH changes; "
                            + "a folder, file or glob, repeatable. Ignores .git, __pycache__, node_modules, the state "
                            + "dir and what .gitignore ignores."),
                    Option.value("--ignore", "GLOB", "With --watch: also ignore changes matching GLOB; repeatable."),
                    Option.value("--debounce", "DURATION", "With --watch: quiet time after the last change before "
                            + "the restart.").defaultsTo("200ms")),
            "COMMAND", 1, true);

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String name = args.required("--name");
        int port = args.integer("--port", 0, 65_535).orElse(0);
        boolean replace = args.flag("--replace");
        Duration stopTimeout = args.duration("--stop-timeout").orElseThrow();
        List<String> command = args.positionals();
        String commandLine = String.join(" ", command);
        PidRecord self = PidRecord.ofCurrentProcess("warden run --name " + name + " -- " + commandLine, port,
                Version.current());
        try (InstanceLock lock = InstanceLock.acquire(StateDirs.forRun(args.path("--state-dir").orElse(null)), name,
                self)) {
            var survivor = lock.survivor();
            if (survivor.isPresent()) {
                if (!replace) {
                    err.println("warden: " + orphanMessage(name, args.value("--state-dir").orElse(null), lock,
                            survivor.get()));
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
            if (!args.values("--watch").isEmpty()) {
                // Its own class, loaded only here: `warden run` without --watch never loads the watcher.
                return WatchedRun.run(args, SPEC, lock, command, port, stopTimeout, err);
            }
            Process child;
            try {
                child = new ProcessBuilder(command).inheritIO().start();
            } catch (IOException e) {
                err.println("warden: cannot run '" + command.getFirst() + "': " + e.getMessage());
                err.flush();
                return ExitCodes.CANNOT_EXECUTE;
            }
            // Forwarding first: once the PID file names the child, a signal to us must reach it.
            TerminationSignals.handle(signal -> ChildSignals.forward(child, signal));
            lock.update(lock.record().withChild(child.toHandle(), commandLine));
            int exit = child.waitFor();
            lock.update(lock.record().withoutChild());
            return exit;
        }
    }

    /**
     * Names the copy a killed wrapper left running, and the commands that end it: {@code --replace}
     * (the whole process tree, then a fresh copy) with the survivor's own command line, or a
     * {@code kill} of it alone.
     */
    private static String orphanMessage(String name, String stateDirFlag, InstanceLock lock, ProcessHandle survivor) {
        PidRecord before = lock.previous().orElseThrow();
        String since = before.childStarted().atZone(ZoneId.systemDefault()).format(CLOCK);
        return name + " is already running (PID " + survivor.pid() + ": " + before.childCommand() + ", up since "
                + since + "); the wrapper that started it (PID " + before.pid() + ") is gone. PID file: "
                + lock.pidFile() + ". Replace it (its whole process tree, then a fresh copy): warden run --replace --name "
                + name + (stateDirFlag == null ? "" : " --state-dir " + Path.of(stateDirFlag).toAbsolutePath())
                + " -- " + before.childCommand() + "  (or stop it alone: kill " + survivor.pid() + ")";
    }
}
