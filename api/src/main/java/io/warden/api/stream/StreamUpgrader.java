package io.warden.api.stream;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgrader;
import io.helidon.websocket.WsSession;
import io.warden.api.auth.Principal;
import io.warden.api.auth.Scope;
import io.warden.api.limit.Decision;
import io.warden.api.limit.RateClass;
import io.warden.api.route.Guard;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gate in front of Helidon's WebSocket upgrade: on a WebSocket path it draws from the
 * client's STREAM bucket (the same buckets and client addresses as HTTP, so
 * {@code X-Forwarded-For} counts only from trusted proxies) and checks a token sent in the
 * {@code Authorization} header, answering 429, 401 or 403 in the problem format before the
 * protocol switches. Here, unlike in a {@code WsListener}, the peer address is known. Stateless
 * apart from its collaborators; thread safe.
 */
final class StreamUpgrader implements Http1Upgrader {

    /** Carries the resolved client key to the listener; any value sent by the client is replaced. */
    static final HeaderName CLIENT = HeaderNames.create("X-Warden-Stream-Client");
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final int MAX_FRAME = 64 * 1024;

    private final Guard guard;
    private final Map<String, Scope> paths;
    private final OriginPolicy origins;
    private final Consumer<WsSession> ended;
    private final WsUpgrader websocket = WsUpgrader.create(WsConfig.builder().maxFrameLength(MAX_FRAME).build());

    /** @param ended told of each upgraded connection's session once Helidon stops handling it */
    StreamUpgrader(Guard guard, Map<String, Scope> paths, OriginPolicy origins, Consumer<WsSession> ended) {
        this.guard = guard;
        this.paths = Map.copyOf(paths);
        this.origins = origins;
        this.ended = ended;
    }

    @Override
    public String supportedProtocol() {
        return websocket.supportedProtocol();
    }

    @Override
    public ServerConnection upgrade(ConnectionContext context, HttpPrologue prologue, WritableHeaders<?> headers) {
        Scope scope = paths.get(prologue.uriPath().path());
        headers.remove(CLIENT);
        if (scope == null) {
            return null; // not an endpoint: HTTP routing answers (404 problem)
        }
        String client = guard.client(context.remotePeer().address(), headers.first(FORWARDED_FOR).orElse(null));
        Optional<String> authorization = headers.first(HeaderNames.AUTHORIZATION);
        Optional<Principal> caller = authorization.flatMap(guard::principal);
        // A token sent with the upgrade draws from its user's bucket; one sent in the first
        // message (browsers) cannot be known yet, so the connect draws from the address's.
        Decision decision = guard.draw(guard.bucketKey(caller, client), RateClass.STREAM);
        if (!decision.allowed()) {
            throw refusal(Status.TOO_MANY_REQUESTS_429, guard.tooMany(RateClass.STREAM, "stream connects", decision), decision)
                    .header(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(decision.retryAfterSeconds())))
                    .build();
        }
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        if (!origins.allows(origin.orElse(null), headers.first(HeaderNames.HOST).orElse(null))) {
            throw refusal(Status.FORBIDDEN_403, "pages of origin " + origin.get() + " may not open this WebSocket: "
                    + "add it to server.allowedOrigins in warden.yaml", decision).build();
        }
        if (authorization.isPresent()) {
            if (caller.isEmpty()) {
                throw refusal(Status.UNAUTHORIZED_401, "the bearer token is not valid", decision)
                        .header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer")).build();
            }
            if (!caller.get().scope().covers(scope)) {
                throw refusal(Status.FORBIDDEN_403, "user " + caller.get().user() + " has " + caller.get().scope()
                        + " scope; " + prologue.uriPath().path() + " needs " + scope, decision).build();
            }
        }
        headers.set(CLIENT, client);
        ServerConnection upgraded = websocket.upgrade(context, prologue, headers);
        return upgraded == null ? null : new EndReportingConnection(upgraded, ended);
    }

    private static RequestException.Builder refusal(Status status, String detail, Decision decision) {
        return RequestException.builder()
                .type(io.helidon.http.DirectHandler.EventType.OTHER)
                .status(status)
                .message(detail)
                .safeMessage(true)
                .header(HeaderValues.create(HeaderNames.create("RateLimit-Limit"), Long.toString(decision.limit())))
                .header(HeaderValues.create(HeaderNames.create("RateLimit-Remaining"), Long.toString(decision.remaining())))
                .header(HeaderValues.create(HeaderNames.create("RateLimit-Reset"), Long.toString(decision.resetSeconds())));
    }

    @Override
    public String toString() {
        return "warden stream gate on " + paths.keySet().toString().toLowerCase(Locale.ROOT);
    }
}
