package io.warden.api.fleet;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.api.route.RouteHandler;
import io.warden.fleet.Fleet;
import io.warden.fleet.FleetException;
import io.warden.fleet.ForwardException;
import io.warden.fleet.ForwardRequest;
import io.warden.fleet.Forwarded;
import io.warden.fleet.Host;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/hosts} and {@code /api/v1/hosts/{id}} (read): every agent of the fleet with
 * its services; {@code POST /api/v1/hosts/{id}/services/{name}/start|stop|restart} (admin): the
 * control request passed to the agent {@code id} and its answer returned as it is. An owner that
 * does not answer is a 502 (504 when it is too slow) naming it. Thread safe.
 */
public final class HostRoutes {

    private static final String TEXT = "text/plain; charset=utf-8";

    private final Fleet fleet;

    public HostRoutes(Fleet fleet) {
        this.fleet = fleet;
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/hosts", Scope.READ, guarded(call -> {
                    List<Host> hosts = fleet.hosts();
                    if (wantsText(call)) {
                        call.text(TEXT, HostText.table(hosts, fleet.shared()));
                    } else {
                        call.json(Map.of("self", fleet.id(), "shared", fleet.shared(),
                                "hosts", hosts.stream().map(HostView::of).toList()));
                    }
                })),
                Route.get("/api/v1/hosts/{id}", Scope.READ, guarded(call -> call.json(HostView.of(owner(call))))),
                Route.post("/api/v1/hosts/{id}/services/{name}/start", Scope.ADMIN, guarded(call -> forward(call, "start"))),
                Route.post("/api/v1/hosts/{id}/services/{name}/stop", Scope.ADMIN, guarded(call -> forward(call, "stop"))),
                Route.post("/api/v1/hosts/{id}/services/{name}/restart", Scope.ADMIN,
                        guarded(call -> forward(call, "restart"))));
    }

    private Host owner(Call call) {
        String id = call.name("id");
        return fleet.host(id).orElseThrow(() -> ApiProblem.notFound("no agent '" + id + "' in the fleet; GET"
                + " /api/v1/hosts (warden hosts) lists them"));
    }

    private void forward(Call call, String action) throws Exception {
        Host owner = owner(call);
        String name = call.name("name");
        ForwardRequest request = new ForwardRequest("POST", "/api/v1/services/" + name + "/" + action,
                call.header("Accept").orElse(null), call.header("Content-Type").orElse(null), call.bodyText(),
                call.principal().user());
        Forwarded answer = fleet.forward(owner, request, call.header(HeaderNames.AUTHORIZATION).orElse(""));
        call.response().status(Status.create(answer.status()));
        if (answer.contentType() != null) {
            call.response().header(HeaderNames.CONTENT_TYPE, answer.contentType());
        }
        call.response().send(answer.body());
    }

    private static boolean wantsText(Call call) {
        return call.header("Accept").map(accept -> accept.startsWith("text/plain")).orElse(false);
    }

    /** The fleet's exceptions as problems, once for every route. */
    private static RouteHandler guarded(RouteHandler handler) {
        return call -> {
            try {
                handler.handle(call);
            } catch (ForwardException e) {
                throw new ApiProblem(e.status(), Status.create(e.status()).reasonPhrase(), e.getMessage(), null);
            } catch (FleetException e) {
                throw new ApiProblem(503, "Service Unavailable", e.getMessage(), null);
            }
        };
    }
}
