package io.warden.supervisor;

import java.util.List;

/**
 * What a start by hand did: the service, and the dependencies it had to start first.
 *
 * @param service      the service after the start (still {@code starting} when its dependencies
 *                     did not reach their condition in time; the start goes on)
 * @param dependencies the dependencies that were not running and were started for it, in start
 *                     order; empty when all ran already
 */
public record StartReport(ServiceStatus service, List<ServiceStatus> dependencies) {

    public StartReport {
        dependencies = List.copyOf(dependencies);
    }
}
