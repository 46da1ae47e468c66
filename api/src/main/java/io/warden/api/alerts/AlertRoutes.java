package io.warden.api.alerts;

import io.warden.alerts.Alerts;
import io.warden.alerts.silence.LabelMatcher;
import io.warden.alerts.silence.Silence;
import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.config.Durations;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/v1/alerts} (firing, pending, no data, error and recently resolved alerts, and
 * how each receiver is doing) and {@code GET/POST /api/v1/silences},
 * {@code DELETE /api/v1/silences/{id}} (admin for writes). With {@code Accept: text/plain} the
 * answers are the tables and lines {@code warden alerts} and {@code warden silence} print.
 */
public final class AlertRoutes {

    private static final String TEXT = "text/plain; charset=utf-8";

    /**
     * The body of {@code POST /api/v1/silences}.
     *
     * @param matchers  {@code {name, op, value}}, op {@code =} (default), {@code !=}, {@code =~}, {@code !~}
     * @param startsAt  from when, default now
     * @param endsAt    until when; or {@code duration} from {@code startsAt}
     * @param duration  how long, e.g. {@code 2h}, when {@code endsAt} is not given
     * @param createdBy who, default the caller's user
     * @param comment   why
     */
    record SilenceRequest(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, Duration duration,
                          String createdBy, String comment) {
    }

    private final Alerts alerts;
    private final InstantSource clock;

    public AlertRoutes(Alerts alerts, InstantSource clock) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/alerts", Scope.READ, call -> {
                    if (wantsText(call)) {
                        call.text(TEXT, AlertText.alerts(alerts.alerts(), alerts.deliveries()));
                    } else {
                        call.json(Map.of("alerts", alerts.alerts(), "receivers", alerts.deliveries()));
                    }
                }),
                Route.get("/api/v1/silences", Scope.READ, call -> {
                    if (wantsText(call)) {
                        call.text(TEXT, AlertText.silences(alerts.silences()));
                    } else {
                        call.json(Map.of("silences", alerts.silences()));
                    }
                }),
                Route.post("/api/v1/silences", Scope.ADMIN, this::add),
                Route.delete("/api/v1/silences/{id}", Scope.ADMIN, call -> {
                    String id = call.name("id");
                    Silence removed = alerts.removeSilence(id).orElseThrow(() -> ApiProblem.notFound(
                            "no silence with id '" + id + "' (it may have ended). See: GET /api/v1/silences"));
                    answer(call, 200, removed, "expired silence " + removed.id() + "\n");
                }));
    }

    private void add(Call call) throws IOException {
        SilenceRequest request = call.body(SilenceRequest.class);
        if (request.matchers() == null || request.matchers().isEmpty()) {
            throw ApiProblem.badRequest("matchers", "a silence needs at least one matcher, for example "
                    + "{\"name\": \"alertname\", \"op\": \"=\", \"value\": \"api-5xx\"}");
        }
        if (request.endsAt() == null && request.duration() == null) {
            throw ApiProblem.badRequest("endsAt", "a silence needs endsAt (an ISO-8601 instant) or duration "
                    + "(for example \"2h\")");
        }
        if (request.endsAt() != null && request.duration() != null) {
            throw ApiProblem.badRequest("duration", "give endsAt or duration, not both");
        }
        Instant starts = request.startsAt() == null ? clock.instant() : request.startsAt();
        Instant ends = request.endsAt() != null ? request.endsAt() : end(starts, request.duration());
        String createdBy = request.createdBy() == null || request.createdBy().isBlank()
                ? call.principal().user() : request.createdBy();
        Silence silence;
        try {
            silence = alerts.addSilence(request.matchers(), starts, ends, createdBy, request.comment());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(request.duration() != null ? "duration" : "endsAt", e.getMessage());
        }
        answer(call, 201, silence, "silence " + silence.id() + " added until " + silence.endsAt() + "\n");
    }

    /** {@code starts} plus {@code duration}; 400 when the sum is past the last instant Java knows. */
    private static Instant end(Instant starts, Duration duration) {
        try {
            return starts.plus(duration);
        } catch (DateTimeException | ArithmeticException e) {
            throw ApiProblem.badRequest("duration", "startsAt " + starts + " plus duration " + Durations.format(duration)
                    + " is past the year 1000000000: give a nearer startsAt or a shorter duration");
        }
    }

    private static void answer(Call call, int status, Silence silence, String text) throws IOException {
        if (wantsText(call)) {
            call.response().status(io.helidon.http.Status.create(status));
            call.text(TEXT, text);
        } else {
            call.json(status, silence);
        }
    }

    /** Plain text only when asked for: the CLI asks for it. */
    private static boolean wantsText(Call call) {
        return call.header("Accept").map(accept -> accept.startsWith("text/plain")).orElse(false);
    }
}
