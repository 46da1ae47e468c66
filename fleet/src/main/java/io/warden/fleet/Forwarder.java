package io.warden.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a request to another agent's API and returns its answer as it is. The credential is the
 * caller's business ({@link Fleet#forward} picks it); it goes in the {@code Authorization} header
 * only, never into a message. Thread safe.
 */
final class Forwarder {

    /** The header naming the agent a request was forwarded by (for proxies' and the owner's access logs). */
    static final String FORWARDED_BY = "X-Warden-Forwarded-By";
    /** The header naming the user the forwarding agent authenticated. */
    static final String ON_BEHALF_OF = "X-Warden-On-Behalf-Of";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration timeout;

    Forwarder(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Sends {@code request} to {@code owner}.
     *
     * @throws ForwardException when the owner does not answer (502) or not in time (504)
     */
    Forwarded send(Host owner, ForwardRequest request, String authorization, String forwardedBy)
            throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(owner.apiUrl() + request.path()))
                .timeout(timeout)
                .method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()))
                .header("Authorization", authorization)
                .header(FORWARDED_BY, forwardedBy)
                .header(ON_BEHALF_OF, request.user());
        if (request.accept() != null) {
            builder.header("Accept", request.accept());
        }
        if (!request.body().isEmpty() && request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        String who = "agent " + owner.id() + " (" + owner.hostName() + ", " + owner.apiUrl() + ", "
                + owner.state().wire() + ")";
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Optional<String> type = response.headers().firstValue("Content-Type");
            return new Forwarded(response.statusCode(), type.orElse(null), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new ForwardException(502, who + " could not be reached within " + CONNECT_TIMEOUT.toSeconds()
                    + "s; check that it runs and that this host can reach " + owner.apiUrl(), e);
        } catch (HttpTimeoutException e) {
            throw new ForwardException(504, who + " did not answer within " + timeout.toSeconds()
                    + "s (fleet.forwardTimeout); the request may still complete there", e);
        } catch (IOException e) {
            throw new ForwardException(502, who + " did not answer: " + e + "; check that it runs and that"
                    + " this host can reach " + owner.apiUrl() + " (fleet.advertise)", e);
        }
    }
}
