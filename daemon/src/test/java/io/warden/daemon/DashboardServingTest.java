package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How the daemon serves the dashboard over plain HTTP: security headers, gzip, caching, the ASSET
 * bucket, {@code /api/v1/whoami}, and the first load within its 150 KB budget.
 */
class DashboardServingTest {

    private static final String ADMIN = TestDaemon.ADMIN.token();
    private static final String VIEWER = TestDaemon.VIEWER.token();
    private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"(/ui/[^\"]+)\"");
    private static final Pattern IMPORTED = Pattern.compile("from '\\./([a-z]+\\.js\\?v=[0-9a-f]+)'");

    @RegisterExtension
    final TestDaemon daemon = TestDaemon.withTokens(TestDaemon.VIEWER, TestDaemon.ADMIN).config("""
            rateLimits:
              asset: {capacity: 40, refill: 1, period: 1h}
            """);

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) throws IOException {
        boolean gzip = response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
        byte[] body = gzip ? new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes()
                : response.body();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void thePage_isServedWithoutAToken_underAStrictPolicy() throws Exception {
        HttpResponse<byte[]> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self' ws://127.0.0.1:" + daemon.port(), "frame-ancestors 'none'", "object-src 'none'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "*");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("RateLimit-Limit")).hasValue("40");
        String html = text(page);
        assertThat(html).doesNotContain("<script>", "style=", "@VERSION@", "//cdn", "https://");
        assertThat(html).contains("<script type=\"module\" src=\"/ui/app.js?v=");
    }

    @Test
    void files_areGzipped_cachedForGoodWhenVersioned_andRevalidatedOtherwise() throws Exception {
        String app = linked().stream().filter(path -> path.startsWith("/ui/app.js")).findFirst().orElseThrow();
        HttpResponse<byte[]> versioned = get(app, "Accept-Encoding", "gzip");
        assertThat(versioned.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(versioned.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(versioned.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(text(versioned)).contains("from './api.js?v=").doesNotContain("@VERSION@");

        HttpResponse<byte[]> plain = get("/ui/app.js");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = plain.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get("/ui/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        assertThat(get("/ui/uplot.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        HttpResponse<byte[]> missing = get("/ui/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(missing)).contains("the dashboard has no file 'nothing.js'");
    }

    @Test
    void theFirstLoad_isAtMost150KilobytesGzipped() throws Exception {
        List<String> files = new ArrayList<>(List.of("/"));
        files.addAll(linked());
        for (int i = 0; i < files.size(); i++) { // and every module the scripts import, once
            if (files.get(i).contains(".js")) {
                Matcher imports = IMPORTED.matcher(text(get(files.get(i))));
                while (imports.find()) {
                    if (!files.contains("/ui/" + imports.group(1))) {
                        files.add("/ui/" + imports.group(1));
                    }
                }
            }
        }
        long total = 0;
        for (String path : files) {
            HttpResponse<byte[]> response = get(path, "Accept-Encoding", "gzip");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            total += response.body().length;
        }
        assertThat(files).hasSizeGreaterThan(10);
        assertThat(total).as("bytes of %s", files).isLessThanOrEqualTo(150 * 1024);
    }

    @Test
    void files_drawFromTheAssetBucket_notTheApis() throws Exception {
        int status = 0;
        for (int i = 0; i < 50 && status != 429; i++) {
            status = get("/ui/app.css").statusCode();
        }
        assertThat(status).isEqualTo(429);
        HttpResponse<byte[]> api = get("/api/v1/whoami", "Authorization", "Bearer " + VIEWER);
        assertThat(api.statusCode()).as("the read bucket is untouched").isEqualTo(200);
    }

    @Test
    void whoami_tellsTheCallerItsScopeAndRoles() throws Exception {
        assertThat(text(get("/api/v1/whoami", "Authorization", "Bearer " + VIEWER)))
                .startsWith("{\"user\":\"viewer\",\"scope\":\"read\",\"roles\":[],\"features\":{\"alerts\":true,");
        assertThat(text(get("/api/v1/whoami", "Authorization", "Bearer " + ADMIN)))
                .startsWith("{\"user\":\"alice\",\"scope\":\"admin\",\"roles\":[\"lead\"]");
        assertThat(get("/api/v1/whoami").statusCode()).isEqualTo(401);
    }

    private List<String> linked() throws Exception {
        Matcher matcher = LINKED.matcher(text(get("/")));
        List<String> paths = new ArrayList<>();
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return paths;
    }
}
