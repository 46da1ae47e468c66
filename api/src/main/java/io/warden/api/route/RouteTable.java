package io.warden.api.route;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.warden.api.auth.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Adds the HTTP routes, guarded, and the catch-all. A WebSocket endpoint's upgrade is wired by
     * the server; a plain GET on its path goes through the guard like any route (429, 401, 403)
     * and is then answered 426 Upgrade Required.
     */
    public void register(HttpRouting.Builder routing, Guard guard) {
        for (Route route : routes) {
            if (route.method().equals("WS")) {
                routing.get(route.path(), guard.wrap(new Route("WS", route.path(), route.scope(), route.rateClass(),
                        RouteTable::upgradeRequired)));
            } else {
                routing.route(Method.create(route.method()), route.path(), guard.wrap(route));
            }
        }
        routing.any(guard.unknownRoute());
    }

    /** The WebSocket endpoints' paths with the scope each needs. */
    public Map<String, Scope> websockets() {
        Map<String, Scope> paths = new LinkedHashMap<>();
        routes.stream().filter(route -> route.method().equals("WS")).forEach(route -> paths.put(route.path(), route.scope()));
        return paths;
    }

    private static void upgradeRequired(Call call) {
        call.response().header(HeaderNames.UPGRADE, "websocket");
        throw new ApiProblem(426, "Upgrade Required", "this is a WebSocket endpoint: connect with "
                + "'Connection: Upgrade' and 'Upgrade: websocket'", null);
    }
}
