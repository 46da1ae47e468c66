package io.warden.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.warden.api.auth.Scope;
import io.warden.api.route.Route;
import io.warden.api.system.SampleMeters;
import java.util.List;

/** {@code GET /metrics}: everything in the registry, in the Prometheus text format. */
public final class MetricsRoutes {

    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(Route.get("/metrics", Scope.READ,
                call -> call.text("text/plain; version=0.0.4; charset=utf-8", SampleMeters.scrape(registry))));
    }
}
