package io.warden.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls a test daemon's API as one of the users of {@link GovernanceFixture}'s config. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String token, String path) {
        return send(token, "GET", path, null, null);
    }

    HttpResponse<String> post(String token, String path, String contentType, String body) {
        return send(token, "POST", path, contentType, body);
    }

    HttpResponse<String> postJson(String token, String path, String json) {
        return send(token, "POST", path, "application/json", json);
    }

    HttpResponse<String> put(String token, String path, String contentType, String body) {
        return send(token, "PUT", path, contentType, body);
    }

    HttpResponse<String> send(String token, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                // As curl does for large bodies: the server can refuse one before it is sent,
                // instead of closing the connection while the client is still writing it.
                .expectContinue(body != null && body.length() > 1_000_000);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
