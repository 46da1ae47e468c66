package io.warden.api;

import io.warden.api.auth.Scope;
import io.warden.api.limit.RateClass;
import io.warden.api.route.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: liveness (the process answers) and readiness (every component is up). A
 * caller without a token (the route is public by default) sees each component's state, not its
 * detail (paths, failed services).
 */
public final class HealthRoutes {

    private final Map<String, Supplier<ComponentHealth>> components;

    /** @param components the parts whose state is reported, by name, in this order */
    public HealthRoutes(Map<String, Supplier<ComponentHealth>> components) {
        this.components = new LinkedHashMap<>(components);
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(new Route("GET", "/health", Scope.READ, RateClass.HEALTH, call -> {
            Map<String, ComponentHealth> states = new LinkedHashMap<>();
            components.forEach((name, probe) -> states.put(name, probe.get()));
            boolean ready = states.values().stream().allMatch(ComponentHealth::up);
            if (call.principal().scope() == Scope.PUBLIC) {
                // Open to anyone by default: the state dir's path and why a service failed are for
                // callers with a token.
                states.replaceAll((name, health) -> new ComponentHealth(health.up(), ""));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "up" : "degraded");
            body.put("live", true);
            body.put("ready", ready);
            body.put("components", states);
            call.json(ready ? 200 : 503, body);
        }));
    }
}
