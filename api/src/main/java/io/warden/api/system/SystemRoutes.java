package io.warden.api.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.RenderedJson;
import io.warden.api.route.Route;
import io.warden.metrics.MetricsSampler;
import io.warden.metrics.Sample;
import io.warden.metrics.history.SeriesPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code /api/v1/system} (the latest sample, rendered once per sample and served from memory: a
 * request never waits for a measurement) and history for charts.
 */
public final class SystemRoutes {

    private static final int MAX_POINTS = 3_600;

    private final MetricsSampler sampler;
    private final ObjectMapper json;
    private final Supplier<Set<String>> serviceNames;
    private volatile Rendered rendered = new Rendered(-1, null);

    private record Rendered(long sequence, RenderedJson json) {
    }

    public SystemRoutes(MetricsSampler sampler, ObjectMapper json, Supplier<Set<String>> serviceNames) {
        this.sampler = sampler;
        this.json = json;
        this.serviceNames = serviceNames;
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/system", Scope.READ, call -> call.json(latest())),
                Route.get("/api/v1/system/history", Scope.READ, call -> {
                    String metric = call.query("metric").orElseThrow(() -> ApiProblem.badRequest("metric",
                            "metric is required; one of " + known()));
                    // A host series is known before the first sample: no points yet, not an unknown name.
                    if (!MetricsSampler.HOST_SERIES.contains(metric) && !sampler.history().names().contains(metric)) {
                        throw ApiProblem.badRequest("metric", "unknown metric '" + metric + "'; one of " + known());
                    }
                    call.json(series(metric, since(call)));
                }),
                Route.get("/api/v1/services/{name}/history", Scope.READ, call -> {
                    String name = call.name("name");
                    if (!serviceNames.get().contains(name)) {
                        throw ApiProblem.notFound("no service named '" + name + "'");
                    }
                    Instant since = since(call);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("service", name);
                    for (String metric : List.of("cpu", "rss", "threads")) {
                        body.put(metric, series("service." + name + "." + metric, since));
                    }
                    call.json(body);
                }));
    }

    /** The host series and those existing now (per core, per service). */
    private SortedSet<String> known() {
        SortedSet<String> names = new TreeSet<>(MetricsSampler.HOST_SERIES);
        names.addAll(sampler.history().names());
        return names;
    }

    /** The latest sample as JSON; rendered at most once per sample, whatever the request rate. */
    private RenderedJson latest() {
        Sample sample = sampler.latest().orElseThrow(() -> new ApiProblem(503, "Service Unavailable",
                "no system sample yet: the sampler takes its first one within a second of start", null));
        Rendered current = rendered;
        if (current.sequence() == sample.sequence()) {
            return current.json();
        }
        try {
            RenderedJson body = RenderedJson.of(json.writeValueAsBytes(sample));
            rendered = new Rendered(sample.sequence(), body);
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> series(String metric, Instant since) {
        SeriesPoints points = sampler.history().find(metric).map(buffer -> buffer.since(since))
                .orElse(SeriesPoints.empty());
        int from = Math.max(0, points.size() - MAX_POINTS);
        long[] times = new long[points.size() - from];
        double[] values = new double[points.size() - from];
        for (int i = from; i < points.size(); i++) {
            times[i - from] = points.epochMillis(i);
            values[i - from] = points.value(i);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", metric);
        body.put("epochMillis", times);
        body.put("values", values);
        return body;
    }

    private static Instant since(Call call) {
        return call.query("since").map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("since", "since must be an ISO-8601 instant such as "
                        + "2026-11-21T10:00:00Z, was '" + text + "'");
            }
        }).orElse(Instant.EPOCH);
    }
}
