package io.warden.api.route;

import io.github.bucket4j.Bucket;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.warden.api.auth.Principal;
import io.warden.api.auth.Scope;
import io.warden.api.auth.Tokens;
import io.warden.api.limit.ClientAddress;
import io.warden.api.limit.Decision;
import io.warden.api.limit.RateClass;
import io.warden.api.limit.RateLimiter;
import io.warden.api.limit.RateLimits;
import io.warden.config.ConfigMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every route goes through, in this order: the token is looked up (a hash and a scan of a few
 * digests), the rate limit is drawn from the caller's bucket (so floods are refused before any
 * work), then scope, the handler, problem+json for failures, and request metrics. A caller with a
 * valid token draws from its user's bucket of the route's class; one without draws from its
 * address's small {@link RateClass#ANONYMOUS} bucket, so tokenless floods from a shared address
 * (every local user is 127.0.0.1) cannot starve users; {@code /health} has its own
 * {@link RateClass#HEALTH} bucket and the dashboard's files their {@link RateClass#ASSET} one.
 * Thread safe.
 */
public final class Guard {

    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

    private volatile Tokens tokens;
    private final RateLimiter limiter;
    private final ClientAddress clients;
    private final ConfigMapper mapper;
    private final long maxBodyBytes;
    private final RequestMetrics metrics;
    private volatile RateLimitHeaders rateLimitHeaders;
    /**
     * The text of the last peer address: most requests come from the client before (a dashboard,
     * the CLI, a load test on one host), and formatting the address is a string per request.
     */
    private volatile Peer lastPeer = new Peer(null, null);

    private record Peer(InetAddress ip, String text) {
    }

    public Guard(Tokens tokens, RateLimiter limiter, ClientAddress clients, ConfigMapper mapper, long maxBodyBytes,
                 RequestMetrics metrics) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.clients = clients;
        this.mapper = mapper;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.rateLimitHeaders = new RateLimitHeaders(limiter.limits());
    }

    /**
     * Takes changed tokens and rate limits ({@code warden apply}): the next request is judged by
     * them (a removed token is refused, a changed scope applies). A WebSocket already open keeps
     * the principal it authenticated with until it closes.
     */
    public void reload(Tokens newTokens, RateLimits newLimits) {
        tokens = newTokens;
        limiter.reload(newLimits);
        rateLimitHeaders = new RateLimitHeaders(limiter.limits());
    }

    /** The Helidon handler for a route of the table. */
    Handler wrap(Route route) {
        RequestMetrics.RouteTimers timers = metrics.forRoute(route.describe());
        return (request, response) -> {
            long start = metrics.nanoTime();
            if (handle(route, request, response)) {
                timers.record(response.status().code(), metrics.nanoTime() - start);
            }
            CloseRequests.closeIfAsked();
        };
    }

    /** What the server's HTTP/1 connections report to the guard (requests that ask to close). */
    public Http1ConnectionListener connectionListener() {
        return new CloseRequests();
    }

    /** Answers a request that matched no route: 404 in the same problem format, still rate limited. */
    Handler unknownRoute() {
        RequestMetrics.RouteTimers timers = metrics.forRoute("unmatched");
        return (request, response) -> {
            Optional<Principal> caller = principal(request);
            RateClass rateClass = caller.isPresent() ? RateClass.READ : RateClass.ANONYMOUS;
            if (admit(rateClass, bucketKey(caller, request), request, response)) {
                Problems.write(response, 404, "Not Found", "no route " + request.prologue().method().text() + " "
                        + request.path().rawPath(), null, request.path().rawPath());
            }
            timers.record(response.status().code(), 0);
            CloseRequests.closeIfAsked();
        };
    }

    /** The client key of a request: its peer address, or the forwarded one behind a trusted proxy. */
    public String client(ServerRequest request) {
        String peer = address(request.remotePeer().address());
        if (!clients.trusts(peer)) {
            return peer; // the header would be ignored: not looked up
        }
        return clients.resolve(peer, request.headers().first(FORWARDED_FOR).orElse(null));
    }

    /** Authenticates a request's {@code Authorization} header. */
    public Optional<Principal> principal(ServerRequest request) {
        return tokens.fromAuthorization(request.headers().first(HeaderNames.AUTHORIZATION).orElse(null));
    }

    /**
     * The client key of a connection that is not an HTTP request (a WebSocket upgrade): the same
     * rules as {@link #client(ServerRequest)}.
     */
    public String client(SocketAddress peer, String forwardedFor) {
        return clients.resolve(address(peer), forwardedFor);
    }

    /** Authenticates an {@code Authorization} header value; empty when missing or invalid. */
    public Optional<Principal> principal(String authorization) {
        return tokens.fromAuthorization(authorization);
    }

    /** Authenticates a raw token (sent in a WebSocket's first message); empty when invalid. */
    public Optional<Principal> principalOfToken(String token) {
        return tokens.fromToken(token);
    }

    /** Draws a token for {@code client} from its bucket of {@code rateClass}; a refusal is counted. */
    public Decision draw(String client, RateClass rateClass) {
        Decision decision = limiter.tryAcquire(client, rateClass);
        if (!decision.allowed()) {
            metrics.rejected(rateClass);
        }
        return decision;
    }

    /** Draws a token from a connection's own bucket (WebSocket messages); a refusal is counted. */
    public Decision draw(Bucket bucket, RateClass rateClass) {
        Decision decision = limiter.tryAcquire(bucket, rateClass);
        if (!decision.allowed()) {
            metrics.rejected(rateClass);
        }
        return decision;
    }

    /** A fresh bucket for one WebSocket connection's inbound messages. */
    public Bucket newMessageBucket() {
        return limiter.newMessageBucket();
    }

    /**
     * The bucket a request of {@code route} draws from: {@code /health}'s own, the dashboard
     * files' own (a browser fetches them without a token), the route's class for a caller with a
     * valid token, else the anonymous one.
     */
    static RateClass bucketOf(Route route, Optional<Principal> caller) {
        if (route.rateClass() == RateClass.HEALTH || route.rateClass() == RateClass.ASSET) {
            return route.rateClass();
        }
        return caller.isPresent() ? route.rateClass() : RateClass.ANONYMOUS;
    }

    /**
     * Whose bucket: the user's for a valid token (one user's buckets, whatever address or token
     * they come with), else the client address's. The prefix cannot be the start of an address.
     */
    String bucketKey(Optional<Principal> caller, ServerRequest request) {
        return caller.isPresent() ? userKey(caller.get()) : client(request);
    }

    /** The key of {@link #bucketKey(Optional, ServerRequest)} for a connection from {@code client}. */
    public String bucketKey(Optional<Principal> caller, String client) {
        return caller.isPresent() ? userKey(caller.get()) : client;
    }

    private static String userKey(Principal principal) {
        return "user " + principal.user();
    }

    /** Draws a token from {@code key}'s bucket and writes the rate-limit headers; false after writing 429. */
    boolean admit(RateClass rateClass, String key, ServerRequest request, ServerResponse response) {
        Decision decision = limiter.tryAcquire(key, rateClass);
        rateLimitHeaders.write(response, rateClass, decision);
        if (decision.allowed()) {
            return true;
        }
        metrics.rejected(rateClass);
        response.header(HeaderNames.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        String what = rateClass.name().toLowerCase(java.util.Locale.ROOT) + " requests";
        Problems.write(response, 429, "Too Many Requests", tooMany(rateClass, what, decision), null,
                request.path().rawPath());
        return false;
    }

    /**
     * A 429's detail ({@code what} names the class: {@code write requests}): its refill rate and
     * burst, when to retry, and the key that sets it: {@code rate limit for write requests exceeded (2 per second, bursts of up to 20); retry after
     * 1 s (rateLimits.write in warden.yaml)}.
     */
    public String tooMany(RateClass rateClass, String what, Decision decision) {
        return "rate limit for " + what + " exceeded (" + limiter.limits().of(rateClass).describe() + "); retry after "
                + decision.retryAfterSeconds() + " s (rateLimits." + rateClass.name().toLowerCase(java.util.Locale.ROOT)
                + " in warden.yaml)";
    }

    /** Answers the request; false when the client hung up before it was complete (nothing to count). */
    private boolean handle(Route route, ServerRequest request, ServerResponse response) {
        Optional<Principal> caller = principal(request);
        if (!admit(bucketOf(route, caller), bucketKey(caller, request), request, response)) {
            return true;
        }
        if (hasEncodedSlash(request.path().rawPathNoParams())) {
            // The server decodes %2F before routing, so /services%2Fecho would reach /services/echo;
            // a name never holds a slash, and a proxy in front may split the path differently.
            Problems.write(response, 400, "Bad Request", "the path contains an encoded '/' (%2F) inside a "
                    + "segment: names never contain '/'", null, request.path().rawPath());
            return true;
        }
        if (hasDotSegments(request.path().rawPathNoParams())) {
            // The server resolves dot segments before routing; a proxy in front may not, or may
            // resolve them differently, so a path that needed resolving is refused, not guessed.
            Problems.write(response, 400, "Bad Request", "the path contains '.' or '..' segments: send the "
                    + "resolved path", null, request.path().rawPath());
            return true;
        }
        Principal principal = Principal.ANONYMOUS;
        if (route.scope() != Scope.PUBLIC) {
            if (caller.isEmpty()) {
                response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
                Problems.write(response, 401, "Unauthorized", "this route needs a bearer token: send "
                        + "'Authorization: Bearer <token>' (the admin token is in the state dir's admin.token)",
                        null, request.path().rawPath());
                return true;
            }
            if (!caller.get().scope().covers(route.scope())) {
                Problems.write(response, 403, "Forbidden", "user " + caller.get().user() + " has "
                        + caller.get().scope() + " scope; "
                        + route.describe() + " needs " + route.scope(),
                        null, request.path().rawPath());
                return true;
            }
            principal = caller.get();
        } else {
            principal = caller.orElse(Principal.ANONYMOUS); // a public route may show more to a user
        }
        // Refused before any handler runs, so a route that ignores its body cannot be fed a huge one.
        if (request.headers().contentLength().orElse(0L) > maxBodyBytes) {
            Problems.write(response, 413, "Content Too Large", "the request body is larger than the limit of "
                    + maxBodyBytes + " bytes (server.maxBodySize)", null, request.path().rawPath());
            return true;
        }
        try {
            route.handler().handle(new Call(request, response, principal, mapper, maxBodyBytes));
        } catch (ApiProblem problem) {
            Problems.write(response, problem, request.path().rawPath());
        } catch (Exception e) {
            if (ClientGone.causedBy(e)) {
                metrics.clientDisconnected();
                LOG.debug("{}: the client at {} hung up mid-request ({})", route.describe(), client(request), e.toString());
                answerHungUp(request, response);
                return false;
            }
            LOG.error("{} failed", route.describe(), e);
            if (!response.isSent()) {
                Problems.write(response, 500, "Internal Server Error", "the server failed to answer "
                        + route.describe() + ": " + e.getClass().getSimpleName(), null, request.path().rawPath());
            }
        }
        return true;
    }

    /** The server needs an answer sent; it goes nowhere, and the connection closes. */
    private static void answerHungUp(ServerRequest request, ServerResponse response) {
        if (response.isSent()) {
            return;
        }
        try {
            response.header(HeaderValues.CONNECTION_CLOSE);
            Problems.write(response, 400, "Bad Request", "the request ended before its body did", null,
                    request.path().rawPath());
        } catch (RuntimeException e) {
            if (!ClientGone.causedBy(e)) {
                throw e;
            }
        }
    }

    private static boolean hasEncodedSlash(String rawPath) {
        return rawPath.contains("%2F") || rawPath.contains("%2f") || rawPath.contains("%5C") || rawPath.contains("%5c");
    }

    private static boolean hasDotSegments(String rawPath) {
        String path = rawPath.replace("%2e", ".").replace("%2E", ".");
        return path.contains("/../") || path.contains("/./") || path.endsWith("/..") || path.endsWith("/.");
    }

    private String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress ip = inet.getAddress();
            Peer last = lastPeer;
            if (ip.equals(last.ip())) {
                return last.text();
            }
            String text = ip.getHostAddress();
            lastPeer = new Peer(ip, text);
            return text;
        }
        return String.valueOf(address);
    }
}
