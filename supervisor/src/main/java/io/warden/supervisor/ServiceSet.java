package io.warden.supervisor;

import io.warden.supervisor.spec.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The supervisor's services as they change at runtime: the current {@link Roster}, and the
 * changes of the set (a new spec, a service added or removed), one at a time. A change is checked
 * against the whole graph before anything stops; readers see the old roster or the new one.
 *
 * <p>Thread safety: the roster is read without a lock; changes are serialised by one lock.
 */
final class ServiceSet {

    private final RunnerContext context;
    private final ReentrantLock changes = new ReentrantLock();
    private volatile Roster roster;

    ServiceSet(Map<String, ServiceSpec> specs, RunnerContext context) {
        this.context = context;
        Map<String, ServiceRunner> byName = new LinkedHashMap<>();
        specs.forEach((name, spec) -> byName.put(name, new ServiceRunner(name, spec, context)));
        this.roster = Roster.of(byName);
    }

    Roster roster() {
        return roster;
    }

    /** Starts and stops in the order of the services now. */
    DependencyOrder order(StopMarks stopMarks) {
        Roster now = roster;
        return new DependencyOrder(now.runners(), now.graph(), stopMarks);
    }

    /** @throws ServiceNotFoundException for an unknown name */
    ServiceRunner runner(String name) {
        Map<String, ServiceRunner> runners = roster.runners();
        ServiceRunner runner = runners.get(name);
        if (runner == null) {
            throw new ServiceNotFoundException(name, runners.keySet());
        }
        return runner;
    }

    /** The spec of {@code name} now; null when there is no such service. */
    ServiceSpec specOrNull(String name) {
        ServiceRunner runner = roster.runners().get(name);
        return runner == null ? null : runner.spec();
    }

    /** Stops {@code name}'s tree and puts a runner of {@code spec} in its place, not started. */
    void replace(String name, ServiceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        changes.lock();
        try {
            ServiceRunner old = runner(name);
            roster.checkSpec(name, spec);
            old.stop("replaced by a new spec");
            old.close();
            roster = roster.with(new ServiceRunner(name, spec, context, old.followers()));
        } finally {
            changes.unlock();
        }
    }

    /** Adds a runner of {@code spec}, not started. */
    void add(String name, ServiceSpec spec) {
        Objects.requireNonNull(spec, "spec");
        changes.lock();
        try {
            if (roster.runners().containsKey(name)) {
                throw new SupervisorException("a service named '" + name + "' exists; replace its spec instead");
            }
            roster.checkSpec(name, spec);
            roster = roster.with(new ServiceRunner(name, spec, context));
        } finally {
            changes.unlock();
        }
    }

    /** Stops {@code name}'s tree and forgets the service. */
    ServiceStatus remove(String name) {
        changes.lock();
        try {
            ServiceRunner runner = runner(name);
            roster.checkRemoval(name);
            ServiceStatus status = runner.stop("removed");
            runner.close();
            roster = roster.without(name);
            return status;
        } finally {
            changes.unlock();
        }
    }
}
