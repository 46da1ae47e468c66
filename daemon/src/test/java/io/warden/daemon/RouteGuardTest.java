package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.api.auth.Scope;
import io.warden.api.limit.RateClass;
import io.warden.api.route.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every route the daemon serves (the seed tested 3 of 39): each must refuse a caller without
 * a token, refuse a read-only token on admin routes, draw from the bucket of its kind of caller
 * (the user's for a token, the address's anonymous one without, /health's own), and run out of it
 * with the rate-limit headers. Buckets are per user with a token, so each check of a route uses
 * users of its own; without a token, an address of its own from X-Forwarded-For through a trusted
 * proxy (127.0.0.1). So each check starts from fresh buckets.
 */
class RouteGuardTest {

    private static final int USERS = 100;
    private static final List<TestDaemon.Token> VIEWERS = users("viewer", "read");
    private static final List<TestDaemon.Token> ADMINS = users("admin", "admin");

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(Stream.concat(VIEWERS.stream(), ADMINS.stream())
                    .toArray(TestDaemon.Token[]::new))
            .server("trustedProxies: [127.0.0.1]").config("""
            rateLimits:
              read: {capacity: 5, refill: 1, period: 1h}
              write: {capacity: 3, refill: 1, period: 1h}
              stream: {capacity: 2, refill: 1, period: 1h}
              anonymous: {capacity: 4, refill: 1, period: 1h}
              health: {capacity: 6, refill: 1, period: 1h}
              asset: {capacity: 7, refill: 1, period: 1h}
            """);

    private final HttpClient http = HttpClient.newHttpClient();
    private int clientCounter;
    private int userCounter;

    private static List<TestDaemon.Token> users(String prefix, String scope) {
        return IntStream.range(0, USERS).mapToObj(i -> new TestDaemon.Token(prefix + i,
                prefix + "-token-0123456789abcdef-" + i, scope)).toList();
    }

    /** A read-only token nobody has used yet in this test. */
    private String freshViewer() {
        return VIEWERS.get(userCounter++).token();
    }

    /** An admin token nobody has used yet in this test. */
    private String freshAdmin() {
        return ADMINS.get(userCounter++).token();
    }

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
        HttpResponse<String> response = call(stream, freshViewer());
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
                assertThat(call(route, freshViewer()).statusCode()).as(route.describe()).isEqualTo(403);
            } else {
                assertThat(call(route, freshViewer()).statusCode()).as(route.describe()).isNotIn(401, 403, 429);
            }
        }
    }

    @Test
    void everyRoute_runsOutOfItsBucket_with429AndRateLimitHeaders() throws Exception {
        for (Route route : httpRoutes()) {
            String admin = freshAdmin();
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
                last = call(route, admin);
                statuses.add(last.statusCode());
                assertThat(last.headers().firstValue("RateLimit-Limit")).as(route.describe()).isPresent();
                assertThat(last.headers().firstValue("RateLimit-Remaining")).isPresent();
                assertThat(last.headers().firstValue("RateLimit-Reset")).isPresent();
            }
            assertThat(last.statusCode()).as(route.describe() + " statuses " + statuses).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).as(route.describe()).isPresent();
            assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(statuses).as(route.describe()).hasSize((int) capacity(expectedBucket(route, true)) + 1);
            String rateClass = expectedBucket(route, true).name().toLowerCase(java.util.Locale.ROOT);
            assertThat(ApiClient.json(last).path("detail").asText()).as(route.describe())
                    .matches("rate limit for " + rateClass + " requests exceeded \\(1 per hour, bursts of up to \\d+\\);"
                            + " retry after \\d+ s \\(rateLimits\\." + rateClass + " in warden\\.yaml\\)");
        }
    }

    @Test
    void theTable_holdsTheDashboardAlertsAndWhoami_soTheWalksBelowCoverThem() {
        assertThat(httpRoutes()).extracting(Route::describe).contains("GET /", "GET /ui/{file}", "GET /api/v1/alerts",
                "GET /api/v1/silences", "POST /api/v1/silences", "DELETE /api/v1/silences/{id}", "GET /api/v1/whoami",
                "GET /health", "WS /api/v1/stream");
    }

    @Test
    void everyRoute_drawsFromTheBucketOfItsKindOfCaller() throws Exception {
        for (Route route : httpRoutes()) {
            RateClass user = expectedBucket(route, true);
            assertThat(limitOf(call(route, freshViewer()))).as(route.describe() + " with a read token")
                    .isEqualTo(capacity(user));
            assertThat(limitOf(call(route, freshAdmin()))).as(route.describe() + " with an admin token")
                    .isEqualTo(capacity(user));
            RateClass anonymous = expectedBucket(route, false);
            assertThat(limitOf(call(route, null))).as(route.describe() + " without a token")
                    .isEqualTo(capacity(anonymous));
        }
    }

    @Test
    void aTokenlessFlood_fromAnAddress_leavesItsUsersAndHealthTheirBuckets() throws Exception {
        Route services = route("GET", "/api/v1/services");
        int address = ++clientCounter;
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            clientCounter = address - 1;
            status = call(services, null).statusCode();
        }
        assertThat(status).isEqualTo(429);

        clientCounter = address - 1;
        String viewer = freshViewer();
        HttpResponse<String> user = call(services, viewer);
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.headers().firstValue("RateLimit-Remaining")).hasValue("4");
        clientCounter = address - 1;
        assertThat(call(route("GET", "/health"), null).statusCode()).isIn(200, 503);

        // The user's bucket follows the user, not the address it comes from.
        HttpResponse<String> elsewhere = call(services, viewer);
        assertThat(elsewhere.headers().firstValue("RateLimit-Remaining")).hasValue("3");
    }

    private Route route(String method, String path) {
        return httpRoutes().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst()
                .orElseThrow();
    }

    /**
     * /health and the dashboard's files have their own buckets; otherwise a token draws from the
     * route's class, no token from ANONYMOUS.
     */
    private static RateClass expectedBucket(Route route, boolean withToken) {
        if (route.path().equals("/health")) {
            return RateClass.HEALTH;
        }
        if (route.path().equals("/") || route.path().startsWith("/ui/")) {
            return RateClass.ASSET;
        }
        return withToken ? route.rateClass() : RateClass.ANONYMOUS;
    }

    private static long limitOf(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("RateLimit-Limit").orElseThrow());
    }

    private static long capacity(RateClass rateClass) {
        return switch (rateClass) {
            case READ -> 5;
            case WRITE -> 3;
            case STREAM -> 2;
            case ANONYMOUS -> 4;
            case HEALTH -> 6;
            case ASSET -> 7;
            case MESSAGE -> throw new AssertionError("no route draws from the message bucket");
        };
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
