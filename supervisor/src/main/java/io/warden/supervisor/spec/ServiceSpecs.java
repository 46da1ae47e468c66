package io.warden.supervisor.spec;

import io.warden.config.ConfigException;
import io.warden.config.ConfigMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks over the whole {@code services:} map that binding alone cannot make: service names,
 * references to unknown services, dependency cycles, {@code healthy} conditions on services
 * without a health check, and dependencies on cluster singletons. The order they start in is {@link ServiceGraph}'s.
 */
public final class ServiceSpecs {

    /** The same rule as instance lock names: a service's lock is {@code NAME.lock}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String RESERVED = "warden";

    private ServiceSpecs() {
    }

    /**
     * Validates the services map bound from {@code text}.
     *
     * @param keyPrefix the path of the services map in the document, usually {@code services}
     * @return the map, unchanged and unmodifiable, in declaration order
     * @throws ConfigException at the offending key, naming file and line
     */
    public static Map<String, ServiceSpec> validate(Map<String, ServiceSpec> services, ConfigMapper mapper,
                                                    String source, String text, boolean isJson, String keyPrefix) {
        Map<String, ServiceSpec> specs = services == null ? Map.of() : services;
        for (String name : specs.keySet()) {
            String key = keyPrefix + "." + name;
            if (!NAME.matcher(name).matches()) {
                throw mapper.errorAt(source, text, isJson, key, "'" + name + "' is not a valid service name: use 1-64 "
                        + "letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (RESERVED.equalsIgnoreCase(name)) {
                throw mapper.errorAt(source, text, isJson, key, "'" + name
                        + "' is reserved for the daemon's own lock; rename the service");
            }
            if (specs.get(name) == null) {
                throw mapper.errorAt(source, text, isJson, key, "the service is empty: it needs at least a command");
            }
        }
        for (var entry : specs.entrySet()) {
            for (var dependency : entry.getValue().dependsOn().conditions().entrySet()) {
                String key = keyPrefix + "." + entry.getKey() + ".dependsOn";
                ServiceSpec target = specs.get(dependency.getKey());
                if (target == null) {
                    throw mapper.errorAt(source, text, isJson, key, "unknown service '" + dependency.getKey()
                            + "'. Services: " + String.join(", ", specs.keySet()));
                }
                if (dependency.getKey().equals(entry.getKey())) {
                    throw mapper.errorAt(source, text, isJson, key, "a service cannot depend on itself");
                }
                if (target.runsOncePerCluster()) {
                    throw mapper.errorAt(source, text, isJson, key, "'" + dependency.getKey() + "' is a cluster "
                            + "singleton: it runs on one agent of the fleet, so most agents could never start '"
                            + entry.getKey() + "'; remove the dependency");
                }
                if (dependency.getValue() == DependencyCondition.HEALTHY && target.health() == null) {
                    throw mapper.errorAt(source, text, isJson, key, "'" + dependency.getKey()
                            + "' has no health check, so it can never be healthy: add health: to it or use "
                            + "condition: started");
                }
            }
        }
        List<String> cycle = ServiceGraph.findCycle(specs);
        if (!cycle.isEmpty()) {
            throw mapper.errorAt(source, text, isJson, keyPrefix + "." + cycle.getFirst() + ".dependsOn",
                    "dependency cycle: " + String.join(" -> ", cycle));
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    }
}
