package io.warden.api.deploy;

import io.helidon.http.HeaderNames;
import io.warden.api.auth.Scope;
import io.warden.api.governance.GovernanceProblems;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.api.route.RouteHandler;
import io.warden.config.Durations;
import io.warden.deploy.DeployException;
import io.warden.deploy.DeployRefusedException;
import io.warden.deploy.DeployRequest;
import io.warden.deploy.Deployer;
import io.warden.deploy.UpdateSettings;
import io.warden.deploy.history.DeployRecord;
import io.warden.governance.GovernanceException;
import io.warden.governance.approval.Approver;
import io.warden.supervisor.ServiceNotFoundException;
import io.warden.supervisor.spec.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The governed change of a service's spec: {@code POST /api/v1/services/{name}/deploy} and
 * {@code /rollback} (admin), {@code GET /api/v1/deploys} and {@code /api/v1/deploys/{id}} (read).
 * The list is the whole fleet's when agents share a database ({@code ?service=} and {@code ?host=}
 * narrow it, {@code ?host=self} to this agent's); a deploy and rollback act on this agent's service.
 * A deploy the policy refuses is a 409 titled {@value #REFUSED} (the CLI exits 4), naming the rule
 * and what would satisfy it. Thread safe.
 */
public final class DeployRoutes {

    /** The title of a policy refusal; the CLI maps it to exit 4. */
    public static final String REFUSED = "Deploy Refused";

    private final Supplier<Deployer> deployer;
    private final Function<String, ServiceSpec> currentSpec;
    private final Supplier<UpdateSettings> settings;

    /**
     * @param deployer    asked at each call (the daemon opens the store on the first)
     * @param currentSpec the spec a service runs now, the base of {@code set}
     * @param settings    the {@code update:} block of warden.yaml now (warden apply reloads it)
     */
    public DeployRoutes(Supplier<Deployer> deployer, Function<String, ServiceSpec> currentSpec,
                        Supplier<UpdateSettings> settings) {
        this.deployer = deployer;
        this.currentSpec = currentSpec;
        this.settings = settings;
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.post("/api/v1/services/{name}/deploy", Scope.ADMIN, guarded(this::deploy)),
                Route.post("/api/v1/services/{name}/rollback", Scope.ADMIN, guarded(this::rollback)),
                Route.get("/api/v1/deploys", Scope.READ, guarded(call -> {
                    int limit = call.queryInt("limit", 50, 1, 1000);
                    Deployer deploys = deployer.get();
                    String host = call.query("host").map(h -> h.equals("self") ? deploys.host() : h).orElse(null);
                    List<DeployRecord> listed = deploys.list(limit, call.query("service").orElse(null), host);
                    call.json(Map.of("deploys", listed.stream().map(DeployViews.Summary::of).toList()));
                })),
                Route.get("/api/v1/deploys/{id}", Scope.READ, guarded(call -> {
                    Deployer deploys = deployer.get();
                    String id = call.name("id");
                    DeployRecord deploy = deploys.find(id).orElseThrow(() -> ApiProblem.notFound(
                            "no deploy '" + id + "'; GET /api/v1/deploys lists them"));
                    call.json(new DeployViews.Detail(DeployViews.Summary.of(deploy), deploys.progress(id)
                            .map(p -> DeployViews.Watch.of(p, deploy.settings().failureLimit())).orElse(null),
                            deploys.steps(id).stream().map(DeployViews.Step::of).toList()));
                })));
    }

    /**
     * {@code {"spec": TEXT, "specFile": NAME, "set": ["k=v"], "assessment": ID, "environment": ENV,
     * "watch": "10m", "tags": [...]}}: exactly one of {@code spec} and {@code set}.
     */
    record DeployBody(String spec, String specFile, List<String> set, String assessment, String environment,
                      String watch, List<String> tags) {
    }

    /** {@code {"reason": "..."}}. */
    record RollbackBody(String reason) {
    }

    private void deploy(Call call) throws Exception {
        String service = call.name("name");
        DeployBody body = call.body(DeployBody.class);
        if (body == null || (body.spec() == null) == (body.set() == null || body.set().isEmpty())) {
            throw ApiProblem.badRequest("spec", "give the new spec (spec) or settings to change (set), one of them");
        }
        ServiceSpec current = currentSpec.apply(service);
        ServiceSpec next = body.spec() != null
                ? SpecChange.parse(body.specFile() == null ? "spec" : body.specFile(), body.spec())
                : SpecChange.set(current, body.set());
        UpdateSettings update = settings.get();
        if (body.watch() != null) {
            try {
                update = update.withWindow(Durations.parse(body.watch()));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("watch", "watch: " + e.getMessage());
            }
        }
        DeployRecord started = deployer.get().deploy(new DeployRequest(service, next, blankToNull(body.assessment()),
                body.environment(), body.tags(), actor(call), update, List.of()));
        call.response().header(HeaderNames.LOCATION, "/api/v1/deploys/" + started.id());
        call.json(202, DeployViews.Summary.of(started));
    }

    private void rollback(Call call) throws Exception {
        String service = call.name("name");
        currentSpec.apply(service); // 404 for an unknown service
        String text = call.bodyText();
        RollbackBody body;
        try {
            body = text.isBlank() ? new RollbackBody(null) : call.jsonMapper().readValue(text, RollbackBody.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("reason", "request body: " + e.getOriginalMessage());
        }
        String reason = body.reason() == null || body.reason().isBlank() ? "rolled back by hand" : body.reason();
        call.json(DeployViews.Summary.of(deployer.get().rollback(service, actor(call), reason)));
    }

    private static Approver actor(Call call) {
        return new Approver(call.principal().user(), List.copyOf(call.principal().roles()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The deploy and governance exceptions as problems, once for every route. */
    private static RouteHandler guarded(RouteHandler handler) {
        return call -> {
            try {
                handler.handle(call);
            } catch (DeployRefusedException e) {
                throw new ApiProblem(409, REFUSED, e.getMessage(), null);
            } catch (DeployException e) {
                throw ApiProblem.conflict(e.getMessage());
            } catch (ServiceNotFoundException e) {
                throw ApiProblem.notFound(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("spec", e.getMessage());
            } catch (GovernanceException e) {
                throw GovernanceProblems.of(e);
            }
        };
    }
}
