package io.warden.api.route;

/** The body of a route: the guard has already authenticated and rate limited the call. */
@FunctionalInterface
public interface RouteHandler {

    /** Answers the call; throw {@link ApiProblem} for 4xx outcomes. */
    void handle(Call call) throws Exception;
}
