package io.warden.api.stream;

import io.github.bucket4j.Bucket;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.warden.api.auth.Principal;
import io.warden.api.auth.Scope;
import io.warden.api.limit.Decision;
import io.warden.api.limit.RateClass;
import java.util.List;
import java.util.Optional;

/**
 * One client's side of the protocol: authentication by the first message when the upgrade carried
 * no token, the per-connection message bucket, subscribe and unsubscribe. The upgrade itself was
 * already rate limited and its token (if any) checked by {@link StreamUpgrader}.
 *
 * <p>Thread safety: Helidon calls a listener on its connection's reader thread only.
 */
final class StreamListener implements WsListener {

    static final int POLICY_VIOLATION = 1008;
    static final int TOO_BIG = 1009;
    private static final int MAX_MESSAGE_CHARS = 16 * 1024;

    private final StreamHub hub;
    private final Bucket messages;
    private String client = "unknown";
    private Principal principal;
    private StreamConnection connection;
    private StringBuilder partial;
    private int refusedInARow;

    StreamListener(StreamHub hub) {
        this.hub = hub;
        this.messages = hub.guard().newMessageBucket();
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        client = headers.first(StreamUpgrader.CLIENT).orElse("unknown");
        principal = headers.first(HeaderNames.AUTHORIZATION).flatMap(hub.guard()::principal).orElse(null);
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        connection = new StreamConnection(session, client, principal, hub.settings(), hub.timer(),
                hub.dropCounter(), hub::closed);
        hub.opened(connection);
        connection.start();
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        if (!last || partial != null) {
            partial = partial == null ? new StringBuilder() : partial;
            partial.append(text);
            if (partial.length() > MAX_MESSAGE_CHARS) {
                connection.close(TOO_BIG, "a message may have at most " + MAX_MESSAGE_CHARS + " characters");
                partial = null;
                return;
            }
            if (!last) {
                return;
            }
            text = partial.toString();
            partial = null;
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            connection.close(TOO_BIG, "a message may have at most " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        handle(text);
    }

    @Override
    public void onMessage(WsSession session, io.helidon.common.buffers.BufferData buffer, boolean last) {
        connection.close(POLICY_VIOLATION, "binary messages are not understood: send JSON text");
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        if (connection != null) {
            hub.closed(connection);
        }
    }

    @Override
    public void onError(WsSession session, Throwable error) {
        if (connection != null) {
            hub.closed(connection);
        }
    }

    private void handle(String text) {
        Decision decision = hub.guard().draw(messages, RateClass.MESSAGE);
        if (!decision.allowed()) {
            refusedInARow++;
            if (refusedInARow >= hub.settings().abuseLimit()) {
                connection.close(POLICY_VIOLATION, "message rate limit of " + decision.limit() + " exceeded "
                        + refusedInARow + " times in a row");
            } else {
                connection.offer(Outbound.error(hub.json(), 429, hub.guard().tooMany(RateClass.MESSAGE,
                        "WebSocket messages", decision), decision.retryAfterSeconds()));
            }
            return;
        }
        refusedInARow = 0;
        Inbound message;
        try {
            message = Inbound.parse(hub.json(), text);
        } catch (IllegalArgumentException e) {
            if (connection.principal() == null) {
                connection.close(POLICY_VIOLATION, "authenticate first: " + e.getMessage());
            } else {
                connection.offer(Outbound.error(hub.json(), 400, e.getMessage(), 0));
            }
            return;
        }
        if (connection.principal() == null) {
            authenticate(message);
            return;
        }
        switch (message.type()) {
            case "auth" -> connection.offer(Outbound.error(hub.json(), 400, "already authenticated as "
                    + connection.principal().user(), 0));
            case "subscribe" -> subscribe(message.topics());
            default -> {
                message.topics().forEach(topic -> hub.unsubscribe(connection, topic));
                connection.offer(Outbound.reply(hub.json(), "unsubscribed", "topics", message.topics()));
            }
        }
    }

    private void authenticate(Inbound message) {
        if (!message.type().equals("auth")) {
            connection.close(POLICY_VIOLATION, "authenticate first: send {\"type\":\"auth\",\"token\":\"...\"}");
            return;
        }
        Optional<Principal> caller = hub.guard().principalOfToken(message.token());
        if (caller.isEmpty()) {
            connection.close(POLICY_VIOLATION, "invalid token");
        } else if (!caller.get().scope().covers(Scope.READ)) {
            connection.close(POLICY_VIOLATION, "user " + caller.get().user() + " has " + caller.get().scope()
                    + " scope; the stream needs read");
        } else {
            connection.authenticate(caller.get());
            connection.offer(Outbound.reply(hub.json(), "authenticated", "user", caller.get().user()));
        }
    }

    private void subscribe(List<String> topics) {
        for (String topic : topics) {
            String problem = hub.subscribe(connection, topic);
            if (problem != null) {
                connection.offer(Outbound.error(hub.json(), topic.startsWith(StreamHub.LOGS) ? 404 : 400, problem, 0));
                return;
            }
        }
        connection.offer(Outbound.reply(hub.json(), "subscribed", "topics", List.copyOf(connection.topics())));
    }
}
