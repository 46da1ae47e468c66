package io.warden.api.dashboard;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import io.warden.api.auth.Principal;
import io.warden.api.auth.Scope;
import io.warden.api.route.ApiProblem;
import io.warden.api.route.Call;
import io.warden.api.route.Route;
import io.warden.api.route.RouteTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The web dashboard: {@code GET /} (the page) and {@code GET /ui/{file}} (its scripts, styles and
 * uPlot), public and drawn from the ASSET bucket, and {@code GET /api/v1/whoami} (read scope). The page holds no data: every figure it shows
 * comes from the {@code /api/v1} routes with the user's own token, so scopes and rate limits apply
 * to it as to any client. Every answer carries a strict Content-Security-Policy (no inline script
 * or style, connections only to this origin). Thread safe.
 */
public final class DashboardRoutes {

    private static final Header NOSNIFF = HeaderValues.createCached(HeaderNames.create("X-Content-Type-Options"),
            "nosniff");
    private static final Header NO_REFERRER = HeaderValues.createCached(HeaderNames.create("Referrer-Policy"),
            "no-referrer");
    private static final Header NO_FRAMES = HeaderValues.createCached(HeaderNames.create("X-Frame-Options"), "DENY");
    private static final Header OPENER = HeaderValues.createCached(
            HeaderNames.create("Cross-Origin-Opener-Policy"), "same-origin");
    private static final Header VARY = HeaderValues.createCached(HeaderNames.VARY, "Accept-Encoding");
    private static final Header GZIP = HeaderValues.createCached(HeaderNames.CONTENT_ENCODING, "gzip");
    private static final Header REVALIDATE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-cache");
    private static final Header FOREVER = HeaderValues.createCached(HeaderNames.CACHE_CONTROL,
            "public, max-age=31536000, immutable");
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");

    /** Pages of the dashboard that show only when the server has their API. */
    private static final Map<String, String> FEATURES = Map.of("alerts", "GET /api/v1/alerts",
            "deploys", "GET /api/v1/deploys", "hosts", "GET /api/v1/hosts");

    private final DashboardAssets assets;
    private final Supplier<RouteTable> table;

    private DashboardRoutes(DashboardAssets assets, Supplier<RouteTable> table) {
        this.assets = assets;
        this.table = table;
    }

    /**
     * The dashboard with its files loaded from the class path; {@code table} is the server's route
     * table (asked when a client asks, so it may be built after these routes).
     */
    public static DashboardRoutes load(Supplier<RouteTable> table) {
        return new DashboardRoutes(DashboardAssets.load(), table);
    }

    /** The routes. */
    public List<Route> routes() {
        return List.of(
                Route.asset("/", call -> send(call, assets.find("index.html").orElseThrow(), false)),
                Route.asset("/ui/{file}", call -> {
                    String name = call.name("file");
                    DashboardAssets.Asset asset = assets.find(name).filter(a -> !a.name().equals("index.html"))
                            .orElseThrow(() -> ApiProblem.notFound("the dashboard has no file '" + name + "'"));
                    send(call, asset, call.query("v").filter(assets.version()::equals).isPresent());
                }),
                // Who the token belongs to, so that a client shows only what the caller may do, and
                // which optional APIs this server has (a page for each, no probing 404s).
                Route.get("/api/v1/whoami", Scope.READ, call -> call.json(whoami(call.principal()))));
    }

    private Map<String, Object> whoami(Principal principal) {
        Set<String> declared = new HashSet<>();
        table.get().routes().forEach(route -> declared.add(route.describe()));
        Map<String, Boolean> features = new TreeMap<>();
        FEATURES.forEach((feature, route) -> features.put(feature, declared.contains(route)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", principal.user());
        body.put("scope", principal.scope());
        body.put("roles", new TreeSet<>(principal.roles()));
        body.put("features", features);
        return body;
    }

    private static void send(Call call, DashboardAssets.Asset asset, boolean versioned) {
        ServerResponse response = call.response();
        response.header(HeaderNames.CONTENT_TYPE, asset.contentType());
        response.header(CSP, policy(call.header(HeaderNames.HOST).orElse("")));
        response.header(NOSNIFF);
        response.header(NO_REFERRER);
        response.header(NO_FRAMES);
        response.header(OPENER);
        response.header(VARY);
        response.header(versioned ? FOREVER : REVALIDATE);
        response.header(HeaderNames.ETAG, asset.etag());
        if (call.header(HeaderNames.IF_NONE_MATCH).filter(asset.etag()::equals).isPresent()) {
            response.status(Status.NOT_MODIFIED_304);
            response.send();
            return;
        }
        boolean gzip = asset.gzipped() != null
                && call.header(HeaderNames.ACCEPT_ENCODING).filter(DashboardRoutes::acceptsGzip).isPresent();
        if (gzip) {
            response.header(GZIP);
        }
        response.send(gzip ? asset.gzipped() : asset.body());
    }

    /**
     * The page's Content-Security-Policy: only this origin's scripts, styles and images, no inline
     * ones, no plugins, no framing; connections to this origin over HTTP and WebSocket (named
     * explicitly: older browsers do not count {@code ws:} as {@code 'self'}).
     */
    static String policy(String host) {
        String sockets = isHost(host) ? " ws://" + host + " wss://" + host : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + sockets + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /** A Host header that can go into the policy as it is: a name or address and a port, nothing else. */
    static boolean isHost(String host) {
        if (host.isEmpty() || host.length() > 255) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                    || c == ':' || c == '[' || c == ']';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
