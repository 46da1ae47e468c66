package io.warden.cli;

import io.warden.lock.InstanceLock;
import io.warden.supervisor.doctor.PortCheck;
import io.warden.supervisor.process.ProcessTree;
import io.warden.supervisor.process.Signal;
import io.warden.supervisor.spec.WatchSpec;
import io.warden.supervisor.watch.Change;
import io.warden.supervisor.watch.ChangeWatch;
import io.warden.supervisor.watch.WatchException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code warden run --watch PATH -- COMMAND}: the command restarted on change, as a service with
 * {@code watch:} is: the whole old tree stopped, the port free, a fresh copy started; a crashed
 * command waits for the change that fixes it. SIGINT and SIGTERM are forwarded, and the
 * command's exit code is warden's. Loaded only when {@code --watch} is given.
 *
 * <p>Thread safety: the restart runs on the watch's thread, signals on the JVM's signal thread,
 * exits on the process reaper's; the current child and the flags are guarded by one lock.
 */
final class WatchedRun {

    private final InstanceLock instance;
    private final List<String> command;
    private final String commandLine;
    private final int port;
    private final Duration stopTimeout;
    private final PrintStream err;
    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch ended = new CountDownLatch(1);

    // Guarded by lock.
    private Process child;
    /** The copy a restart is stopping: its exit is expected, not a crash to report. */
    private Process stopping;
    private boolean terminating;
    private int exitCode;

    private WatchedRun(InstanceLock instance, List<String> command, int port, Duration stopTimeout, PrintStream err) {
        this.instance = instance;
        this.command = command;
        this.commandLine = String.join(" ", command);
        this.port = port;
        this.stopTimeout = stopTimeout;
        this.err = err;
    }

    static int run(Args args, CommandSpec spec, InstanceLock instance, List<String> command, int port,
                   Duration stopTimeout, PrintStream err) throws InterruptedException {
        WatchSpec watchSpec;
        try {
            watchSpec = new WatchSpec(args.values("--watch"), args.values("--ignore"), args.duration("--debounce")
                    .orElseThrow(), null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(spec, e.getMessage());
        }
        WatchedRun run = new WatchedRun(instance, command, port, stopTimeout, err);
        if (!run.launch()) {
            return ExitCodes.CANNOT_EXECUTE;
        }
        TerminationSignals.handle(run::terminate);
        Path workdir = Path.of("").toAbsolutePath();
        try (ChangeWatch watch = ChangeWatch.start(watchSpec, workdir, List.of(instance.lockFile().getParent()),
                run::restart)) {
            run.say("watching " + watch.roots().stream().map(root -> workdir.relativize(root).toString())
                    .map(path -> path.isEmpty() ? "." : path).toList() + " for changes");
            run.ended.await();
        } catch (WatchException e) {
            run.say(e.getMessage());
            run.terminate("TERM");
            run.ended.await();
            return ExitCodes.FAILURE;
        }
        instance.update(instance.record().withoutChild());
        return run.exitCode;
    }

    /** Starts a fresh copy; false (said why) when the command cannot be executed. */
    private boolean launch() {
        Process started;
        try {
            started = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            say("cannot run '" + command.getFirst() + "': " + e.getMessage());
            return false;
        }
        lock.lock();
        try {
            child = started;
        } finally {
            lock.unlock();
        }
        instance.update(instance.record().withChild(started.toHandle(), commandLine));
        started.onExit().thenAccept(this::exited);
        return true;
    }

    private void exited(Process process) {
        lock.lock();
        try {
            if (process != child || process == stopping) {
                return; // an old copy, stopped by a restart
            }
            exitCode = process.exitValue();
            if (terminating) {
                ended.countDown();
                return;
            }
        } finally {
            lock.unlock();
        }
        say(commandLine + " exited with code " + process.exitValue() + "; waiting for a change to restart it");
    }

    private void restart(Change change) {
        Process old;
        lock.lock();
        try {
            if (terminating) {
                return;
            }
            old = child;
            stopping = old;
        } finally {
            lock.unlock();
        }
        say("restarting, " + change.reason());
        ProcessTree.platform().stop(old.toHandle(), Signal.TERM, stopTimeout);
        if (!PortCheck.awaitFree(port, stopTimeout)) {
            say("port " + port + " is still held after the stop: " + PortCheck.heldBy(port).orElse("")
                    + "; starting anyway");
        }
        lock.lock();
        try {
            stopping = null;
            if (terminating) {
                exitCode = old.onExit().join().exitValue();
                ended.countDown();
                return;
            }
        } finally {
            lock.unlock();
        }
        if (!launch()) {
            say("waiting for a change to restart it");
        }
    }

    private void terminate(String signal) {
        Process current;
        lock.lock();
        try {
            terminating = true;
            current = child;
            if (current == null || !current.isAlive()) {
                exitCode = current == null ? 0 : current.exitValue();
                ended.countDown();
                return;
            }
        } finally {
            lock.unlock();
        }
        ChildSignals.forward(current, signal);
    }

    private void say(String line) {
        err.println("warden: " + line);
        err.flush();
    }
}
