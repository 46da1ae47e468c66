package io.warden.api.governance;

import io.helidon.http.HeaderNames;
import io.warden.api.auth.Principal;
import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.api.route.RouteHandler;
import io.warden.governance.GovernanceException;
import io.warden.governance.GovernanceService;
import io.warden.governance.approval.Approver;
import io.warden.governance.assessment.Assessment;
import io.warden.governance.assessment.AssessmentContent;
import io.warden.governance.assessment.AssessmentFilter;
import io.warden.governance.assessment.Retrospective;
import io.warden.governance.assessment.Status;
import io.warden.governance.export.AssessmentCodec;
import io.warden.governance.matrix.RiskLevel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/assessments...}: list, read, create, update, submit, approve, reject, transition,
 * close, export and history of risk assessments. Reads need {@code read} scope, writes {@code admin};
 * the caller's user and roles are the actor the governance rules judge (an author cannot approve
 * their own change, approvers fill the roles the level requires). Thread safe.
 */
public final class AssessmentRoutes {

    private static final String BASE = "/api/v1/assessments";
    private static final String ONE = BASE + "/{id}";

    private final Supplier<GovernanceService> service;
    /** Reads request bodies (answers are written by the service's codec, see {@link #send}). */
    private final AssessmentCodec codec = new AssessmentCodec();
    private final Map<Principal, Approver> actors = new ConcurrentHashMap<>();

    /**
     * Routes over the service {@code service} supplies, asked at each call: the daemon opens its
     * store on the first call (a {@link io.warden.governance.StorageException} from the supplier is a 503).
     */
    public AssessmentRoutes(Supplier<GovernanceService> service) {
        this.service = service;
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.get(BASE, Scope.READ, guarded(this::list)),
                Route.post(BASE, Scope.ADMIN, guarded(call -> {
                    Assessment created = service.get().create(actor(call), read(call, AssessmentContent.class));
                    call.response().header(HeaderNames.LOCATION, BASE + "/" + created.id());
                    send(call, 201, created);
                })),
                Route.get(ONE, Scope.READ, guarded(call -> {
                    String id = call.name("id");
                    GovernanceService governance = service.get();
                    Assessment assessment = governance.get(id);
                    send(call, 200, new AssessmentViews.Detail(assessment, governance.progress(id), governance.policy(id)));
                })),
                Route.put(ONE, Scope.ADMIN, guarded(call -> send(call, 200,
                        service.get().update(call.name("id"), actor(call), read(call, AssessmentContent.class))))),
                Route.post(ONE + "/submit", Scope.ADMIN, guarded(call -> send(call, 200,
                        service.get().submit(call.name("id"), actor(call))))),
                Route.post(ONE + "/approve", Scope.ADMIN, guarded(call -> send(call, 200,
                        service.get().approve(call.name("id"), actor(call), comment(call, false))))),
                Route.post(ONE + "/reject", Scope.ADMIN, guarded(call -> send(call, 200,
                        service.get().reject(call.name("id"), actor(call), comment(call, true))))),
                Route.post(ONE + "/transition", Scope.ADMIN, guarded(call -> {
                    String id = call.name("id");
                    Transition request = read(call, Transition.class);
                    send(call, 200, service.get().transition(id, actor(call), status("to", request.to()), request.comment()));
                })),
                Route.post(ONE + "/close", Scope.ADMIN, guarded(call -> send(call, 200,
                        service.get().close(call.name("id"), actor(call), read(call, Retrospective.class))))),
                Route.get(ONE + "/export", Scope.READ, guarded(this::export)),
                Route.get(ONE + "/history", Scope.READ, guarded(call -> send(call, 200, Map.of("entries",
                        service.get().history(call.name("id")).stream().map(AssessmentViews.AuditLine::of).toList())))));
    }

    /** {@code {"comment": "..."}}: why an approver decided as they did. */
    record Comment(String comment) {
    }

    /** {@code {"to": "deployed", "comment": "..."}}: a lifecycle step and why. */
    record Transition(String to, String comment) {
    }

    private void list(Call call) throws Exception {
        AssessmentFilter filter = new AssessmentFilter(call.query("status").map(text -> status("status", text)).orElse(null),
                call.query("level").map(AssessmentRoutes::level).orElse(null), call.query("service").orElse(null));
        send(call, 200, Map.of("assessments", service.get().list(filter).stream().map(AssessmentViews.Summary::of).toList()));
    }

    private void export(Call call) {
        String id = call.name("id");
        String format = call.query("format").orElse("md");
        switch (format) {
            case "md", "markdown" -> call.text("text/markdown; charset=utf-8", service.get().exportMarkdown(id));
            case "json" -> call.text("application/json", service.get().exportJson(id));
            default -> throw ApiProblem.badRequest("format", "format must be md or json, was '" + abbreviate(format)
                    + "'");
        }
    }

    /** Translates the governance exceptions of {@code handler} once, for every route. */
    private static RouteHandler guarded(RouteHandler handler) {
        return call -> {
            try {
                handler.handle(call);
            } catch (GovernanceException e) {
                throw GovernanceProblems.of(e);
            }
        };
    }

    /** The caller as the governance rules see them; built once per principal (the configured users). */
    private Approver actor(Call call) {
        return actors.computeIfAbsent(call.principal(),
                principal -> new Approver(principal.user(), List.copyOf(principal.roles())));
    }

    /**
     * The body as {@code type}: YAML when the Content-Type says so, JSON otherwise (also when it is
     * absent, as curl sends it); anything else is 415, since a guess would give confusing errors.
     */
    private <T> T read(Call call, Class<T> type) {
        return parse(call, call.bodyText(), type);
    }

    /**
     * The comment of an approval or rejection body ({@link Comment}); {@code null} for an empty body
     * unless {@code required}. The plain {@code {"comment": "..."}} of almost every decision is read
     * without the mapper ({@link SimpleComment}); anything else goes through it.
     */
    private String comment(Call call, boolean required) {
        String text = call.bodyText();
        if (!required && text.isBlank()) {
            return null;
        }
        boolean yaml = isYaml(call);
        String simple = yaml ? null : SimpleComment.of(text);
        if (simple != null) {
            return simple;
        }
        return (yaml ? codec.readYaml(text, BodySource.DEFAULT, Comment.class)
                : codec.readJson(text, BodySource.DEFAULT, Comment.class)).comment();
    }

    /** Refusals name the body's file when the client gives it ({@link BodySource}). */
    private <T> T parse(Call call, String text, Class<T> type) {
        String source = BodySource.of(call.header("Content-Disposition").orElse(null));
        return isYaml(call) ? codec.readYaml(text, source, type) : codec.readJson(text, source, type);
    }

    /** Whether the body is YAML; JSON otherwise (also without a Content-Type); 415 for anything else. */
    private static boolean isYaml(Call call) {
        String value = call.header(HeaderNames.CONTENT_TYPE).orElse(null);
        if (value == null || value.equals("application/json")) {
            return false;
        }
        String mediaType = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean yaml = mediaType.endsWith("/yaml") || mediaType.endsWith("/x-yaml");
        if (!yaml && !mediaType.equals("application/json")) {
            throw new ApiProblem(415, "Unsupported Media Type", "Content-Type " + mediaType
                    + " is not accepted; send application/json or application/yaml", null);
        }
        return yaml;
    }

    /** Answers with {@code value} as compact JSON, rendered by the service's codec (which holds its rendered contents). */
    private void send(Call call, int status, Object value) {
        call.renderedJson(status, service.get().codec().toCompactJsonBytes(value));
    }

    private static Status status(String field, String text) {
        String wire = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(Status.values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest(field, field + " is '" + abbreviate(String.valueOf(text))
                        + "'; use one of " + Arrays.stream(Status.values()).map(Status::wire)
                        .collect(Collectors.joining(", "))));
    }

    private static RiskLevel level(String text) {
        return Arrays.stream(RiskLevel.values()).filter(l -> l.name().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("level", "'" + abbreviate(text)
                        + "' is not a level; use one of low, medium, high, critical"));
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
