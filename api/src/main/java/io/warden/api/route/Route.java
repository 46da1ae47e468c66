package io.warden.api.route;

import io.warden.api.auth.Scope;
import io.warden.api.limit.RateClass;
import java.util.Objects;

/**
 * One entry of the route table: every route the server answers is declared here, with the scope
 * it needs and the bucket it draws from. There is no other way to register a route.
 *
 * @param method    HTTP method, or {@code WS} for a WebSocket endpoint
 * @param path      the path pattern, with {@code {name}} parameters
 * @param scope     what the caller needs
 * @param rateClass the bucket the route draws from
 * @param handler   what it does (null for WebSocket endpoints, which the server wires itself)
 */
public record Route(String method, String path, Scope scope, RateClass rateClass, RouteHandler handler) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(rateClass, "rateClass");
        if (!method.equals("WS")) {
            Objects.requireNonNull(handler, "handler");
        }
    }

    /** A GET route: read scope unless stated otherwise, READ bucket. */
    public static Route get(String path, Scope scope, RouteHandler handler) {
        return new Route("GET", path, scope, RateClass.READ, handler);
    }

    /** A POST route: WRITE bucket. */
    public static Route post(String path, Scope scope, RouteHandler handler) {
        return new Route("POST", path, scope, RateClass.WRITE, handler);
    }

    /** A PUT route: WRITE bucket. */
    public static Route put(String path, Scope scope, RouteHandler handler) {
        return new Route("PUT", path, scope, RateClass.WRITE, handler);
    }

    /** A DELETE route: WRITE bucket. */
    public static Route delete(String path, Scope scope, RouteHandler handler) {
        return new Route("DELETE", path, scope, RateClass.WRITE, handler);
    }

    /** A dashboard page or file: no token, ASSET bucket (public, but limited apart from the API). */
    public static Route asset(String path, RouteHandler handler) {
        return new Route("GET", path, Scope.PUBLIC, RateClass.ASSET, handler);
    }

    /** A WebSocket endpoint: STREAM bucket for connects. */
    public static Route websocket(String path, Scope scope) {
        return new Route("WS", path, scope, RateClass.STREAM, null);
    }

    /** {@code GET /api/v1/services/{name}}-style text for messages and metrics. */
    public String describe() {
        return method + " " + path;
    }
}
