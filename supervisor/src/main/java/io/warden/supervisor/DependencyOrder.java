package io.warden.supervisor;

import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.ServiceGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Starts and stops services in the order of their {@link ServiceGraph}: each start as soon as its
 * dependencies reach their conditions ({@code started} or {@code healthy}), independent ones in
 * parallel, and a service whose dependency failed failed with it, naming it; each stop after the
 * services that depend on it.
 *
 * <p>Thread safety: stateless apart from its collaborators; any thread may call it. The starts and
 * stops run on virtual threads.
 */
final class DependencyOrder {

    /** How the reason of a service not started because of a dependency begins. */
    private static final String DEPENDENCY_FAILED = "not started: dependency ";

    /** Starts and stops (a shutdown's too) in order, kept on time under an API flood ({@link SupervisionThreads}). */
    private static final Executor ORDERED = SupervisionThreads.named("warden-order");

    private final Map<String, ServiceRunner> runners;
    private final ServiceGraph graph;
    private final StopMarks stopMarks;

    DependencyOrder(Map<String, ServiceRunner> runners, ServiceGraph graph, StopMarks stopMarks) {
        this.runners = runners;
        this.graph = graph;
        this.stopMarks = stopMarks;
    }

    /**
     * Starts {@code name} after its dependencies (recursively), forgetting a stop by hand of any of
     * them, and waits at most {@code patience} for it to be launched.
     *
     * @throws SupervisorException when a dependency failed or exited (the message names it)
     */
    StartReport startWithDependencies(String name, String why, Duration patience) {
        ServiceRunner target = runners.get(name);
        Set<String> needed = graph.withDependencies(name);
        List<String> notUp = graph.order().stream()
                .filter(other -> !other.equals(name) && needed.contains(other))
                .filter(other -> !runners.get(other).status().state().isUp())
                .toList();
        Map<String, CompletableFuture<Void>> launched = start(needed, other -> other.equals(name) ? why
                : "started by hand as a dependency of " + name, other -> Optional.empty());
        try {
            launched.get(name).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Answered as it is: still starting, its reason names what it waits for.
        } catch (ExecutionException e) {
            throw new IllegalStateException("starting " + name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ServiceStatus status = target.status();
        if (status.state() == ServiceState.FAILED && status.reason().startsWith(DEPENDENCY_FAILED)) {
            throw new SupervisorException(status.reason());
        }
        return new StartReport(status, notUp.stream().map(other -> runners.get(other).status()).toList());
    }

    /**
     * Starts each of {@code names} (closed under dependencies) as soon as its dependencies reach
     * their conditions. A service for which {@code kept} has a reason is not started (it says why).
     *
     * @return by name, a future that completes once the service was started or given up on
     */
    Map<String, CompletableFuture<Void>> start(Set<String> names, Function<String, String> why,
                                               Function<String, Optional<String>> kept) {
        Map<String, CompletableFuture<Void>> launched = new LinkedHashMap<>();
        Map<String, String> keptReasons = new HashMap<>();
        for (String name : graph.order()) {
            if (!names.contains(name)) {
                continue;
            }
            ServiceRunner runner = runners.get(name);
            Optional<String> keptStopped = kept.apply(name);
            if (keptStopped.isPresent()) {
                keptReasons.put(name, keptStopped.get());
                runner.keptStopped(keptStopped.get());
                launched.put(name, CompletableFuture.completedFuture(null));
                continue;
            }
            Map<String, DependencyCondition> dependencies = graph.dependenciesOf(name);
            if (dependencies.isEmpty()) {
                launched.put(name, CompletableFuture.runAsync(() -> started(name, why.apply(name)), ORDERED));
                continue;
            }
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            dependencies.forEach((dependency, condition) -> ready.add(launched.get(dependency)
                    .thenCompose(ignored -> reached(dependency, condition))));
            long ticket = runner.waiting("waiting for " + describe(dependencies, keptReasons));
            launched.put(name, CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
                    .handleAsync((ignored, error) -> {
                        if (error != null) {
                            Throwable cause = error.getCause() != null ? error.getCause() : error;
                            runner.dependencyFailed(ticket, "not started: " + cause.getMessage());
                        } else {
                            stopMarks.forget(name);
                            runner.startAfterWaiting(ticket, why.apply(name));
                        }
                        return null;
                    }, ORDERED));
        }
        return launched;
    }

    /** Stops every service, dependants before their dependencies, independent ones in parallel; blocks. */
    void stopAll(String why) {
        Map<String, CompletableFuture<Void>> stopped = new LinkedHashMap<>();
        for (String name : graph.order().reversed()) {
            List<CompletableFuture<Void>> dependants = new ArrayList<>();
            graph.dependantsOf(name).forEach(other -> dependants.add(stopped.get(other)));
            stopped.put(name, CompletableFuture.allOf(dependants.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> runners.get(name).stop(why), ORDERED));
        }
        CompletableFuture.allOf(stopped.values().toArray(CompletableFuture[]::new)).join();
    }

    /** When {@code dependency} reaches {@code condition}; failed, naming it and why, when it will not. */
    private CompletableFuture<Void> reached(String dependency, DependencyCondition condition) {
        ServiceRunner runner = runners.get(dependency);
        return runner.whenReached(condition).exceptionallyCompose(error -> {
            ServiceStatus status = runner.status();
            return CompletableFuture.failedFuture(new SupervisorException(
                    "dependency " + dependency + " " + status.state() + ": " + status.reason()));
        });
    }

    private void started(String name, String why) {
        stopMarks.forget(name);
        runners.get(name).start(why);
    }

    private static String describe(Map<String, DependencyCondition> dependencies, Map<String, String> keptStopped) {
        List<String> parts = new ArrayList<>();
        dependencies.forEach((name, condition) -> parts.add(name + " (" + condition + ")"
                + (keptStopped.containsKey(name) ? ", which stays stopped until warden start " + name : "")));
        return String.join(", ", parts);
    }
}
