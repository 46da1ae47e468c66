package io.warden.api.route;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.warden.api.auth.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every route of the API with its scope and rate class, and the only way routes reach the server:
 * {@link #register} wraps each in the {@link Guard}, then adds a catch-all that answers 404 in the
 * problem format. A test walks this table and calls each route unauthenticated, underprivileged and
 * past its bucket. Immutable.
 */
public final class RouteTable {

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * The table of these routes; {@code publicPaths} (from {@code auth.publicRoutes}) make the
     * GET routes on those paths answer without a token.
     */
    public static RouteTable of(List<Route> routes, Set<String> publicPaths) {
        Set<String> seen = new HashSet<>();
        List<Route> resolved = new ArrayList<>();
        for (Route route : routes) {
            if (!seen.add(route.describe())) {
                throw new IllegalArgumentException("route declared twice: " + route.describe());
            }
            boolean open = publicPaths.contains(route.path()) && route.method().equals("GET");
            resolved.add(open ? new Route(route.method(), route.path(), Scope.PUBLIC, route.rateClass(),
                    route.handler()) : route);
        }
        return new RouteTable(resolved);
    }

    /** All routes, WebSocket endpoints included. */
    public List<Route> routes() {
        return routes;
    }

    /** Adds the HTTP routes, guarded, and the catch-all; WebSocket endpoints are wired by the server. */
    public void register(HttpRouting.Builder routing, Guard guard) {
        for (Route route : routes) {
            if (!route.method().equals("WS")) {
                routing.route(Method.create(route.method()), route.path(), guard.wrap(route));
            }
        }
        routing.any(guard.unknownRoute());
    }
}
