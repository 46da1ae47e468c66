package io.warden.supervisor;

import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.ServiceGraph;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services a supervisor runs at one moment: each one's runner and the dependency graph over
 * their specs, as one value. A change of the set (a service added, removed or given a new spec)
 * makes a new roster, checked as a whole first, so the graph never names a service without a
 * runner.
 *
 * <p>Immutable and thread safe.
 */
record Roster(Map<String, ServiceRunner> runners, ServiceGraph graph) {

    Roster {
        runners = Collections.unmodifiableMap(new LinkedHashMap<>(runners));
    }

    static Roster of(Map<String, ServiceRunner> runners) {
        return new Roster(runners, ServiceGraph.of(specsOf(runners)));
    }

    /** The specs, in declaration order. */
    Map<String, ServiceSpec> specs() {
        return specsOf(runners);
    }

    /** {@code runner} under its name, appended when new, in place when it replaces one. */
    Roster with(ServiceRunner runner) {
        Map<String, ServiceRunner> next = new LinkedHashMap<>(runners);
        next.put(runner.name(), runner);
        return Roster.of(next);
    }

    /** Without {@code name}. */
    Roster without(String name) {
        Map<String, ServiceRunner> next = new LinkedHashMap<>(runners);
        next.remove(name);
        return Roster.of(next);
    }

    /**
     * Refuses {@code spec} as the spec of {@code name} when the graph would break: a dependency on
     * an unknown service or on itself, a {@code healthy} condition on a service without a health
     * check, a dependant's {@code healthy} condition on this one without one, a cycle.
     */
    void checkSpec(String name, ServiceSpec spec) {
        for (var dependency : spec.dependsOn().conditions().entrySet()) {
            String other = dependency.getKey();
            ServiceRunner target = runners.get(other);
            if (other.equals(name)) {
                throw new SupervisorException(name + " cannot depend on itself");
            }
            if (target == null) {
                throw new SupervisorException(name + " depends on unknown service '" + other + "'. Services: "
                        + String.join(", ", runners.keySet()));
            }
            if (dependency.getValue() == DependencyCondition.HEALTHY && target.spec().health() == null) {
                throw new SupervisorException(name + " waits for " + other + " to be healthy, but " + other
                        + " has no health check");
            }
        }
        if (spec.health() == null) {
            for (String dependant : graph.dependantsOf(name)) {
                if (graph.dependenciesOf(dependant).get(name) == DependencyCondition.HEALTHY) {
                    throw new SupervisorException(dependant + " waits for " + name + " to be healthy; the new spec "
                            + "of " + name + " has no health check");
                }
            }
        }
        Map<String, ServiceSpec> specs = specs();
        specs.put(name, spec);
        try {
            ServiceGraph.of(specs);
        } catch (IllegalArgumentException e) {
            throw new SupervisorException(name + ": " + e.getMessage());
        }
    }

    /** Refuses to remove {@code name} while a service that stays depends on it. */
    void checkRemoval(String name) {
        Set<String> dependants = graph.dependantsOf(name);
        if (!dependants.isEmpty()) {
            throw new SupervisorException("cannot remove " + name + ": " + String.join(", ", List.copyOf(dependants))
                    + " depend" + (dependants.size() == 1 ? "s" : "") + " on it; remove or change "
                    + (dependants.size() == 1 ? "it" : "them") + " first");
        }
    }

    private static Map<String, ServiceSpec> specsOf(Map<String, ServiceRunner> runners) {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        runners.forEach((name, runner) -> specs.put(name, runner.spec()));
        return specs;
    }
}
