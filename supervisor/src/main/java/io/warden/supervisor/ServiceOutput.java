package io.warden.supervisor;

import io.warden.supervisor.logs.LineListeners;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.logs.OutputFiles;
import io.warden.supervisor.logs.ServiceLog;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A service's output across its runs: the log its runs write to, opened at the first start and
 * kept open until the supervisor closes (the next start uses the spool files it prepared, where
 * reopening it would make new ones and read its state again), and the followers of its lines.
 *
 * <p>Thread safety: the log is guarded by the runner's lock; methods that say "under the lock" are
 * called with it held. {@link #follow} may be called from any thread.
 */
final class ServiceOutput {

    private final String name;
    private final ServiceSpec spec;
    private final RunnerContext context;
    private final ReentrantLock lock;
    private final LineListeners followers;
    private final Consumer<String> drops;
    private ServiceLog log; // guarded by lock

    /**
     * @param followers the followers of its lines (a new spec's runner keeps its predecessor's)
     * @param drops     told when output begins to be dropped for lack of space, and when it is logged again
     */
    ServiceOutput(String name, ServiceSpec spec, RunnerContext context, ReentrantLock lock, LineListeners followers,
                  Consumer<String> drops) {
        this.name = name;
        this.spec = spec;
        this.context = context;
        this.lock = lock;
        this.followers = followers;
        this.drops = drops;
    }

    LineListeners followers() {
        return followers;
    }

    /** Under the lock: the files the next spawn writes to. */
    OutputFiles attach() {
        return open().attach();
    }

    /** Under the lock: the log follows a survivor's output, already going to its spool files. */
    void adopt(long pid) {
        open().adopt(pid);
    }

    /** Under the lock: when the child exits, so that a last line without a newline reaches the log then. */
    void finishWhen(CompletionStage<?> exit) {
        log.finishWhen(exit);
    }

    /**
     * After a start: makes the next start's output files, so that a restart does not wait for
     * them. Also when the run has already ended (a crash loop's child may die within the delay):
     * the restart then finds them made if this comes first, and makes them itself otherwise.
     */
    void prepareNext() {
        ServiceLog current;
        lock.lock();
        try {
            current = log;
        } finally {
            lock.unlock();
        }
        if (current != null) {
            current.prepareNext();
        }
    }

    /** Follows every line this service prints from now on, across its restarts. */
    AutoCloseable follow(Consumer<LogLine> follower) {
        return followers.add(follower);
    }

    /** Closes the log; called once the service is stopped for good (the supervisor's close). */
    void close() {
        lock.lock();
        try {
            if (log != null) {
                log.close();
                log = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private ServiceLog open() {
        if (log == null) {
            log = ServiceLog.open(context.stateDir(), name, spec.logs(), context.clock());
            log.follow(followers);
            log.reportDrops(drops);
        }
        return log;
    }
}
