package io.warden.bench;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What a load run saw, counted from many threads: responses by route and status, errors by kind
 * (with the first few messages of each), WebSocket messages, and the latency of the HTTP answers.
 * An error is anything but an expected answer or a 429: a transport failure (refused, reset,
 * timed out, closed by the server), an unexpected status (a 5xx above all), a WebSocket closed by
 * the server or an error message on it.
 */
final class LoadTally {

    private static final int SAMPLES_PER_KIND = 1;

    private final Map<String, LongAdder> responses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Queue<String> samples = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> sampled = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder wsMessages = new LongAdder();
    /** Microseconds, up to 10 minutes. */
    private final Histogram latency = new ConcurrentHistogram(600_000_000L, 3);

    /** A response to a {@code route} request that took {@code nanos}. */
    void response(String route, int status, long nanos) {
        requests.increment();
        if (status == 429) {
            rateLimited.increment();
        }
        responses.computeIfAbsent(route + " " + status, key -> new LongAdder()).increment();
        latency.recordValue(Math.max(0, nanos / 1000));
    }

    /** An error of {@code kind} (the key it is counted under), {@code detail} kept for the first few. */
    void error(String kind, String detail) {
        errors.computeIfAbsent(kind, key -> new LongAdder()).increment();
        LongAdder seen = sampled.computeIfAbsent(kind, key -> new LongAdder());
        if (seen.sum() < SAMPLES_PER_KIND) {
            seen.increment();
            samples.add(kind + ": " + detail);
        }
    }

    /** A request on {@code route} that failed with {@code failure} instead of answering. */
    void transport(String route, Exception failure) {
        error(kindOf(failure) + ": " + route, failure.toString());
    }

    static String kindOf(Exception failure) {
        if (failure instanceof ConnectException) {
            return "connect refused";
        }
        if (failure instanceof SocketTimeoutException) {
            return "timeout";
        }
        if (failure instanceof EOFException) {
            return "closed by the server";
        }
        if (failure instanceof SocketException && String.valueOf(failure.getMessage()).contains("reset")) {
            return "reset";
        }
        return failure.getClass().getSimpleName();
    }

    void wsMessage() {
        wsMessages.increment();
    }

    long requests() {
        return requests.sum();
    }

    long rateLimited() {
        return rateLimited.sum();
    }

    long wsMessages() {
        return wsMessages.sum();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Errors by kind, sorted. */
    Map<String, Long> errors() {
        return sorted(errors);
    }

    /** Responses by "route status", sorted. */
    Map<String, Long> responses() {
        return sorted(responses);
    }

    Iterable<String> samples() {
        return samples;
    }

    /** Latency in milliseconds at {@code percentile}. */
    double latencyMs(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, count) -> sorted.put(key, count.sum()));
        return sorted;
    }
}
