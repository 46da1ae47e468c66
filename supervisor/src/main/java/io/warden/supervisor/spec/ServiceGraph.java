package io.warden.supervisor.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services' {@code dependsOn} arrows as a value: the start order, what a service depends on,
 * what depends on it, and the closure a start by hand needs. Pure: no processes, no state.
 *
 * <p>Immutable and thread safe.
 */
public final class ServiceGraph {

    private final Map<String, Map<String, DependencyCondition>> dependencies;
    private final Map<String, Set<String>> dependants;
    private final List<String> order;

    private ServiceGraph(Map<String, Map<String, DependencyCondition>> dependencies) {
        this.dependencies = dependencies;
        Map<String, Set<String>> reverse = new LinkedHashMap<>();
        dependencies.keySet().forEach(name -> reverse.put(name, new LinkedHashSet<>()));
        dependencies.forEach((name, needs) -> needs.keySet().forEach(dependency -> {
            if (reverse.containsKey(dependency)) {
                reverse.get(dependency).add(name);
            }
        }));
        reverse.replaceAll((name, set) -> Collections.unmodifiableSet(set));
        this.dependants = Collections.unmodifiableMap(reverse);
        List<String> sorted = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        dependencies.keySet().forEach(name -> visit(name, placed, sorted));
        this.order = List.copyOf(sorted);
    }

    /**
     * The graph of {@code specs}; references to unknown services are ignored (validated specs have
     * none).
     *
     * @throws IllegalArgumentException on a cycle (validated specs have none)
     */
    public static ServiceGraph of(Map<String, ServiceSpec> specs) {
        Map<String, Map<String, DependencyCondition>> arrows = arrows(specs);
        List<String> cycle = cycleIn(arrows);
        if (!cycle.isEmpty()) {
            throw new IllegalArgumentException("dependency cycle: " + String.join(" -> ", cycle));
        }
        return new ServiceGraph(Collections.unmodifiableMap(arrows));
    }

    /** Every service after the ones it depends on, otherwise in declaration order. */
    public List<String> order() {
        return order;
    }

    /** What {@code name} depends on directly, with the condition of each, in the order written. */
    public Map<String, DependencyCondition> dependenciesOf(String name) {
        return dependencies.getOrDefault(name, Map.of());
    }

    /** The services that depend on {@code name} directly. */
    public Set<String> dependantsOf(String name) {
        return dependants.getOrDefault(name, Set.of());
    }

    /** {@code name} and everything it depends on, directly or not. */
    public Set<String> withDependencies(String name) {
        Set<String> needed = new HashSet<>();
        List<String> pending = new ArrayList<>(List.of(name));
        while (!pending.isEmpty()) {
            String next = pending.removeLast();
            if (needed.add(next)) {
                pending.addAll(dependenciesOf(next).keySet());
            }
        }
        return needed;
    }

    private void visit(String name, Set<String> placed, List<String> sorted) {
        if (placed.contains(name) || !dependencies.containsKey(name)) {
            return;
        }
        for (String dependency : dependencies.get(name).keySet()) {
            visit(dependency, placed, sorted);
        }
        placed.add(name);
        sorted.add(name);
    }

    /** A cycle of {@code specs} as a path that starts and ends with the same name; empty when there is none. */
    static List<String> findCycle(Map<String, ServiceSpec> specs) {
        return cycleIn(arrows(specs));
    }

    private static Map<String, Map<String, DependencyCondition>> arrows(Map<String, ServiceSpec> specs) {
        Map<String, Map<String, DependencyCondition>> arrows = new LinkedHashMap<>();
        specs.forEach((name, spec) -> arrows.put(name, spec.dependsOn().conditions()));
        return arrows;
    }

    private static List<String> cycleIn(Map<String, Map<String, DependencyCondition>> arrows) {
        Map<String, Integer> state = new HashMap<>(); // 1: on the path, 2: done
        for (String start : arrows.keySet()) {
            List<String> cycle = walk(start, arrows, state, new ArrayList<>());
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<String> walk(String name, Map<String, Map<String, DependencyCondition>> arrows,
                                     Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2 || !arrows.containsKey(name)) {
            return List.of();
        }
        if (seen != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            return cycle;
        }
        state.put(name, 1);
        path.add(name);
        for (String dependency : arrows.get(name).keySet()) {
            List<String> cycle = walk(dependency, arrows, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.removeLast();
        state.put(name, 2);
        return List.of();
    }
}
