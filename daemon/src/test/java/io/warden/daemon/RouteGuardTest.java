package io.warden.daemon;

import static io.warden.daemon.TestDaemon.ADMIN;
import static io.warden.daemon.TestDaemon.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.api.auth.Scope;
import io.warden.api.route.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every route the daemon serves (the seed tested 3 of 39): each must refuse a caller without
 * a token, refuse a read-only token on admin routes, and run out of its bucket with the rate-limit
 * headers. Client identities come from X-Forwarded-For through a trusted proxy (127.0.0.1), so
 * each check starts from a fresh bucket.
 */
class RouteGuardTest {

    private static final String READ_TOKEN = VIEWER.token();
    private static final String ADMIN_TOKEN = ADMIN.token();

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(VIEWER, ADMIN).server("trustedProxies: [127.0.0.1]").config("""
            rateLimits:
              read: {capacity: 5, refill: 1, period: 1h}
              write: {capacity: 3, refill: 1, period: 1h}
              stream: {capacity: 2, refill: 1, period: 1h}
              asset: {capacity: 4, refill: 1, period: 1h}
            """);

    private final HttpClient http = HttpClient.newHttpClient();
    private int clientCounter;

    /** Every route, the WebSocket endpoint included: a plain GET on it goes through the same guard. */
    private List<Route> httpRoutes() {
        return daemon.routes().routes();
    }

    private HttpResponse<String> call(Route route, String token) throws Exception {
        String path = route.path().replaceAll("\\{[^}]+}", "nosuchthing");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path))
                .header("X-Forwarded-For", "10.9.8." + (++clientCounter % 250))
                .method(method(route), method(route).equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String method(Route route) {
        return route.method().equals("WS") ? "GET" : route.method();
    }

    @Test
    void theWebSocketEndpoint_isInTheTable_andAPlainGetIsAskedToUpgrade() throws Exception {
        Route stream = daemon.routes().routes().stream().filter(r -> r.method().equals("WS")).findFirst().orElseThrow();
        assertThat(stream.path()).isEqualTo("/api/v1/stream");
        assertThat(stream.scope()).isEqualTo(Scope.READ);
        HttpResponse<String> response = call(stream, READ_TOKEN);
        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void everyRoute_withoutAToken_is401UnlessDeclaredPublic() throws Exception {
        assertThat(httpRoutes()).isNotEmpty();
        for (Route route : httpRoutes()) {
            HttpResponse<String> response = call(route, null);
            if (route.scope() == Scope.PUBLIC) {
                assertThat(response.statusCode()).as(route.describe()).isNotIn(401, 403);
            } else {
                assertThat(response.statusCode()).as(route.describe()).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.body()).contains("\"status\":401");
            }
        }
    }

    @Test
    void adminRoutes_refuseAReadOnlyToken_with403() throws Exception {
        for (Route route : httpRoutes()) {
            if (route.scope() == Scope.ADMIN) {
                assertThat(call(route, READ_TOKEN).statusCode()).as(route.describe()).isEqualTo(403);
            } else {
                assertThat(call(route, READ_TOKEN).statusCode()).as(route.describe()).isNotIn(401, 403);
            }
        }
    }

    @Test
    void everyRoute_runsOutOfItsBucket_with429AndRateLimitHeaders() throws Exception {
        for (Route route : httpRoutes()) {
            int client = ++clientCounter;
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
                clientCounter = client - 1;
                last = call(route, ADMIN_TOKEN);
                statuses.add(last.statusCode());
                assertThat(last.headers().firstValue("RateLimit-Limit")).as(route.describe()).isPresent();
                assertThat(last.headers().firstValue("RateLimit-Remaining")).isPresent();
                assertThat(last.headers().firstValue("RateLimit-Reset")).isPresent();
            }
            assertThat(last.statusCode()).as(route.describe() + " statuses " + statuses).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).as(route.describe()).isPresent();
            assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            String rateClass = route.rateClass().name().toLowerCase(java.util.Locale.ROOT);
            assertThat(ApiClient.json(last).path("detail").asText()).as(route.describe())
                    .matches("rate limit for " + rateClass + " requests exceeded \\(1 per hour, bursts of up to \\d+\\);"
                            + " retry after \\d+ s \\(rateLimits\\." + rateClass + " in warden\\.yaml\\)");
            clientCounter = client;
        }
    }

    @Test
    void unknownRoutes_are404ProblemsAndRateLimitedToo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + daemon.port() + "/api/v1/../../etc/passwd")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(400, 404);
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + daemon.port() + "/api/v1/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.headers().firstValue("RateLimit-Remaining")).isPresent();
    }
}
