package io.warden.api.services;

import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.supervisor.ServiceNotFoundException;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.StartReport;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.SupervisorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /api/v1/services...} and {@code /api/v1/events}: state, control and events of the
 * supervised services. Control calls block until the service reached its new state.
 */
public final class ServiceRoutes {

    private static final String TEXT = "text/plain; charset=utf-8";

    private final Supervisor supervisor;
    private final ServiceLogs logs;
    private final ServiceCode code;

    public ServiceRoutes(Supervisor supervisor, ServiceLogs logs) {
        this(supervisor, logs, ServiceCode.NONE);
    }

    /** With {@code code}: each service's code stamp in its JSON, and {@code ?wide=true} (status --wide). */
    public ServiceRoutes(Supervisor supervisor, ServiceLogs logs, ServiceCode code) {
        this.supervisor = supervisor;
        this.logs = logs;
        this.code = code;
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/services", Scope.READ, call -> {
                    boolean wide = LogFollow.flag(call, "wide");
                    List<ServiceStatus> services = supervisor.services();
                    if (wantsText(call)) {
                        call.text(TEXT, wide ? code.wideTable(services) : StatusText.table(services, code::staleLine));
                    } else {
                        call.json(Map.of("services", wide ? code.wide(call.jsonMapper(), services)
                                : code.json(call.jsonMapper(), services)));
                    }
                }),
                Route.get("/api/v1/services/{name}", Scope.READ, call -> call.json(code.json(call.jsonMapper(),
                        status(call)))),
                Route.post("/api/v1/services/_all/start", Scope.ADMIN, call -> all(call, this::startAllAndWait)),
                Route.post("/api/v1/services/_all/stop", Scope.ADMIN, call -> all(call, supervisor::stopAll)),
                Route.post("/api/v1/services/_all/restart", Scope.ADMIN, call -> all(call, () -> {
                    supervisor.stopAll();
                    startAllAndWait();
                })),
                Route.post("/api/v1/services/{name}/start", Scope.ADMIN, call -> start(call, supervisor::start)),
                Route.post("/api/v1/services/{name}/stop", Scope.ADMIN, call -> control(call, supervisor::stop)),
                Route.post("/api/v1/services/{name}/restart", Scope.ADMIN, call -> start(call, supervisor::restart)),
                Route.get("/api/v1/services/{name}/logs", Scope.READ, call -> {
                    String name = known(call);
                    if (LogFollow.flag(call, "follow")) {
                        LogFollow.answer(call, supervisor, name);
                        return;
                    }
                    int tail = call.queryInt("tail", 100, 0, 10_000);
                    var lines = logs.tail(name, tail);
                    if (wantsText(call)) {
                        call.text(TEXT, StatusText.logs(lines));
                    } else {
                        call.json(Map.of("service", name, "lines", lines));
                    }
                }),
                Route.get("/api/v1/events", Scope.READ, call -> {
                    Instant since = call.query("since").map(ServiceRoutes::instant).orElse(null);
                    call.json(Map.of("events", supervisor.events(since)));
                }));
    }

    /**
     * Every service at once, in dependency order (stops in reverse), as one request: one token of
     * the write bucket, however many services there are.
     */
    private void all(Call call, Runnable action) throws Exception {
        try {
            action.run();
        } catch (SupervisorException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
        if (wantsText(call)) {
            call.text(TEXT, StatusText.table(supervisor.services()));
        } else {
            call.json(Map.of("services", supervisor.services()));
        }
    }

    /**
     * Starts every service by hand (a stop by hand is forgotten) and waits until each was
     * launched, as long as a single start waits for its dependencies.
     */
    private void startAllAndWait() {
        try {
            supervisor.startAllByHand().get(Supervisor.DEPENDENCY_PATIENCE.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // The answer shows each service's state, slow or failed ones included.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Plain text only when asked for and JSON not preferred: the CLI asks for it. */
    private static boolean wantsText(Call call) {
        return call.header("Accept").map(accept -> accept.startsWith("text/plain")).orElse(false);
    }

    private ServiceStatus status(Call call) {
        return supervisor.service(known(call));
    }

    private void control(Call call, Function<String, ServiceStatus> action) throws Exception {
        ServiceStatus status = act(call, action);
        if (wantsText(call)) {
            call.text(TEXT, StatusText.line(status));
        } else {
            call.json(status);
        }
    }

    /**
     * A start or restart: the service's status, and the dependencies it started first (as
     * {@code startedDependencies} in JSON, a line each before the service's in text).
     */
    private void start(Call call, Function<String, StartReport> action) throws Exception {
        StartReport report = act(call, action);
        ServiceStatus service = report.service();
        if (!cameUp(service)) {
            throw new ApiProblem(409, "Start Failed", service.name() + " did not start, it is " + service.state()
                    + (service.reason() == null || service.reason().isEmpty() ? "" : ": " + service.reason()), null);
        }
        if (wantsText(call)) {
            call.text(TEXT, StatusText.started(report));
        } else {
            Map<String, Object> answer = new LinkedHashMap<>(call.jsonMapper().convertValue(report.service(),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
            answer.put("startedDependencies", report.dependencies());
            call.json(answer);
        }
    }

    /**
     * Whether a start brought the service up, or leaves it on its way: still {@code starting}
     * when its dependencies did not reach their condition within the start's patience (the start
     * goes on). Failed, exited, in backoff or stopped, it did not start.
     */
    private static boolean cameUp(ServiceStatus service) {
        return service.state().isUp() || service.state() == ServiceState.STARTING;
    }

    private <T> T act(Call call, Function<String, T> action) {
        String name = known(call);
        noBodyOrJsonObject(call);
        try {
            return action.apply(name);
        } catch (ServiceNotFoundException e) {
            throw ApiProblem.notFound(e.getMessage());
        } catch (SupervisorException e) {
            throw ApiProblem.conflict(e.getMessage());
        }
    }

    /** Control calls take no parameters; a body, if sent, must at least be a JSON object. */
    private static void noBodyOrJsonObject(Call call) {
        String body = call.bodyText();
        if (body.isBlank()) {
            return;
        }
        try {
            if (!call.jsonMapper().readTree(body).isObject()) {
                throw ApiProblem.badRequest("body", "the body must be empty or a JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.badRequest("body", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private String known(Call call) {
        String name = call.name("name");
        if (!supervisor.names().contains(name)) {
            throw ApiProblem.notFound("no service named '" + name + "'. Services: "
                    + String.join(", ", supervisor.names()));
        }
        return name;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("since", "since must be an ISO-8601 instant such as "
                    + "2026-11-21T10:00:00Z, was '" + text + "'");
        }
    }
}
