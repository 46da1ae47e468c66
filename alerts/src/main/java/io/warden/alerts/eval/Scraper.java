package io.warden.alerts.eval;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Fetches Prometheus endpoints, each at most once per evaluation round: {@link #prefetch} scrapes
 * every target of a round in parallel on virtual threads, so one slow target costs the round at
 * most the timeout, not the sum. Thread safe.
 */
public final class Scraper {

    /** A scrape's samples by metric name (parsed once, for every rule on the target), or why there are none. */
    record Result(Instant round, Map<String, List<Exposition.Sample>> samples, String error) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Map<URI, Result> latest = new ConcurrentHashMap<>();

    /**
     * @param http    the client (its connect timeout applies too)
     * @param timeout the limit of one scrape, from request to the whole answer
     */
    public Scraper(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** Scrapes every target for the round {@code now}, in parallel, and waits for all. */
    public void prefetch(Collection<URI> targets, Instant now) {
        if (targets.isEmpty()) {
            return;
        }
        try (var scope = Executors.newVirtualThreadPerTaskExecutor()) {
            for (URI target : List.copyOf(targets)) {
                scope.submit(() -> fetch(target, now));
            }
        }
    }

    /** The round's scrape of a target, fetched now unless {@link #prefetch} did already. */
    Result fetch(URI target, Instant now) {
        Result cached = latest.get(target);
        if (cached != null && cached.round().equals(now)) {
            return cached;
        }
        Result result = scrape(target, now);
        latest.put(target, result);
        return result;
    }

    private Result scrape(URI target, Instant now) {
        // HTTP/1.1: exporters speak it, and no h2c upgrade is tried on every scrape.
        HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 != 2) {
                return new Result(now, null, "scrape of " + target + " answered HTTP " + response.statusCode());
            }
            return new Result(now, Exposition.parse(response.body()), null);
        } catch (IllegalArgumentException e) {
            return new Result(now, null, target + ": " + e.getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            return timedOut(target, now);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return timedOut(target, now);
            }
            String why = cause instanceof IOException && cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : String.valueOf(cause.getMessage());
            if (cause instanceof java.net.ConnectException) {
                why = "connection refused";
            }
            return new Result(now, null, "cannot scrape " + target + ": " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(now, null, "scrape of " + target + " interrupted");
        }
    }

    private Result timedOut(URI target, Instant now) {
        return new Result(now, null, "scrape of " + target + " timed out after " + timeout.toMillis() + "ms");
    }
}
