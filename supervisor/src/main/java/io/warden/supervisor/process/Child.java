package io.warden.supervisor.process;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A child started by a {@link Spawner}: its handle, for info, descendants and signals, and its exit.
 *
 * <p>Never call {@link ProcessHandle#onExit()} on the handle: for a child it did not start itself the
 * JDK then starts a thread of its own to wait for it, the cost {@code LinuxSpawner} exists to avoid.
 */
public final class Child {

    private final ProcessHandle handle;
    private final CompletableFuture<Integer> exit;
    private final Tether tether;

    Child(ProcessHandle handle, CompletableFuture<Integer> exit) {
        this(handle, exit, Tether.NONE);
    }

    /** A tethered child: the tether is closed once the child has exited. */
    Child(ProcessHandle handle, CompletableFuture<Integer> exit, Tether tether) {
        this.handle = handle;
        this.exit = exit;
        this.tether = tether;
        exit.whenComplete((code, error) -> tether.close());
    }

    /** The daemon's end of the child's stdin pipe; {@link Tether#NONE} unless spawned tethered. */
    public Tether tether() {
        return tether;
    }

    public ProcessHandle handle() {
        return handle;
    }

    public long pid() {
        return handle.pid();
    }

    /**
     * Completes with the exit code once the child has exited and been reaped: its exit status, or
     * 128 + the signal number when a signal ended it, as {@link Process#exitValue()}; null when the
     * OS could not tell (another waiter reaped it). It completes on the spawner's reaping thread:
     * attach work with the {@code *Async} methods.
     */
    public CompletionStage<Integer> exit() {
        return exit.minimalCompletionStage();
    }
}
