package io.warden.bench;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP client of {@link ApiLoad}: a keep-alive connection sending requests from a mix of
 * routes, one after the other with no pause, each checked against the statuses it may answer
 * (429 always may). A reader (read-scope token) reads everything a dashboard or a script reads;
 * an admin also writes now and then (a silence added and removed, an assessment filed and read
 * back, a service restarted); an anonymous client fetches what is public and is refused the rest.
 */
final class MixClient {

    /** What a client may do. */
    enum Role { READER, ADMIN, ANONYMOUS }

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final String SILENCE = """
            {"matchers": [{"name": "alertname", "op": "=", "value": "load-%d"}], "duration": "1h", "comment": "load"}""";
    private static final String ASSESSMENTS = "/api/v1/assessments";

    private final Role role;
    private final String token;
    private final List<String> services;
    private final String seededAssessment;
    private final KeepAliveHttp http;
    private final LoadTally tally;
    private final SplittableRandom random;
    /** Silences this client added and has not removed yet. */
    private final Deque<String> silences = new ArrayDeque<>();
    private String ownAssessment;
    private int sequence;

    MixClient(Role role, String token, List<String> services, String seededAssessment, KeepAliveHttp http,
              LoadTally tally, long seed) {
        this.role = role;
        this.token = token;
        this.services = services;
        this.seededAssessment = seededAssessment;
        this.http = http;
        this.tally = tally;
        this.random = new SplittableRandom(seed);
    }

    /** Sends one request of the mix and checks its answer. */
    void step() {
        switch (role) {
            case READER -> read();
            case ADMIN -> {
                if (random.nextInt(10) == 0) {
                    write();
                } else {
                    read();
                }
            }
            case ANONYMOUS -> anonymous();
        }
    }

    /** Removes what this client added and is still there; errors counted as usual. */
    void cleanUp() {
        while (!silences.isEmpty()) {
            send("DELETE /api/v1/silences/{id}", "DELETE", "/api/v1/silences/" + silences.pop(), token, null, 200);
        }
    }

    private void read() {
        String service = services.get(random.nextInt(services.size()));
        switch (random.nextInt(16)) {
            case 0 -> get("GET /api/v1/services", "/api/v1/services");
            case 1 -> get("GET /api/v1/services/{name}", "/api/v1/services/" + service);
            case 2 -> get("GET /api/v1/services/{name}/history", "/api/v1/services/" + service + "/history");
            case 3 -> get("GET /api/v1/services/{name}/logs", "/api/v1/services/" + service + "/logs?tail=20");
            case 4 -> get("GET /api/v1/system", "/api/v1/system");
            case 5 -> get("GET /api/v1/system/history", "/api/v1/system/history?metric=cpu.total");
            case 6 -> get("GET /api/v1/alerts", "/api/v1/alerts");
            case 7 -> get("GET /api/v1/silences", "/api/v1/silences");
            case 8 -> get("GET /api/v1/assessments", ASSESSMENTS + "?status=draft");
            case 9 -> get("GET /api/v1/assessments/{id}", ASSESSMENTS + "/" + seededAssessment);
            case 10 -> get("GET /api/v1/events", "/api/v1/events");
            case 11 -> get("GET /api/v1/whoami", "/api/v1/whoami");
            case 12 -> get("GET /health", "/health");
            case 13 -> get("GET /metrics", "/metrics");
            case 14 -> get("GET /api/v1/deploys", "/api/v1/deploys");
            default -> send("GET /ui/{file}", "GET", random.nextBoolean() ? "/ui/app.css" : "/ui/uplot.js", null, null,
                    200);
        }
    }

    private void write() {
        switch (random.nextInt(4)) {
            case 0 -> {
                String created = send("POST /api/v1/silences", "POST", "/api/v1/silences", token,
                        SILENCE.formatted(sequence++), 201);
                Matcher id = created == null ? null : ID.matcher(created);
                if (id != null && id.find()) {
                    silences.push(id.group(1));
                }
            }
            case 1 -> {
                if (silences.isEmpty()) {
                    get("GET /api/v1/silences", "/api/v1/silences");
                } else {
                    send("DELETE /api/v1/silences/{id}", "DELETE", "/api/v1/silences/" + silences.pop(), token, null,
                            200);
                }
            }
            case 2 -> {
                if (ownAssessment == null) {
                    String created = send("POST /api/v1/assessments", "POST", ASSESSMENTS, token,
                            RiskApiLoad.ASSESSMENT.formatted(sequence++), 201);
                    Matcher id = created == null ? null : ID.matcher(created);
                    if (id != null && id.find()) {
                        ownAssessment = id.group(1);
                    }
                } else {
                    get("GET /api/v1/assessments/{id}", ASSESSMENTS + "/" + ownAssessment);
                }
            }
            default -> send("POST /api/v1/services/{name}/restart", "POST",
                    "/api/v1/services/" + services.get(random.nextInt(services.size())) + "/restart", token, "", 200);
        }
    }

    private void anonymous() {
        switch (random.nextInt(6)) {
            case 0 -> send("GET /health (anonymous)", "GET", "/health", null, null, 200);
            case 1 -> send("GET / (anonymous)", "GET", "/", null, null, 200);
            case 2 -> send("GET /ui/{file} (anonymous)", "GET", "/ui/app.css", null, null, 200);
            case 3 -> send("GET /api/v1/services (anonymous)", "GET", "/api/v1/services", null, null, 401);
            case 4 -> send("GET /api/v1/system (wrong token)", "GET", "/api/v1/system", "not-a-token-of-this-daemon",
                    null, 401);
            default -> send("POST /api/v1/silences (anonymous)", "POST", "/api/v1/silences", null, "{}", 401);
        }
    }

    private void get(String route, String path) {
        send(route, "GET", path, token, null, 200);
    }

    /** The body of an expected answer, else null (a 429, or an error counted). */
    private String send(String route, String method, String path, String bearer, String body, int expected) {
        byte[] request = http.request(method, path, bearer, body);
        long start = System.nanoTime();
        KeepAliveHttp.Response response;
        try {
            response = http.send(request);
        } catch (IOException | RuntimeException e) {
            tally.transport(route, e);
            return null;
        }
        tally.response(route, response.status(), System.nanoTime() - start);
        if (response.status() == expected) {
            return response.body();
        }
        if (response.status() != 429) {
            tally.error("status " + response.status() + ": " + route, path + " answered: "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return null;
    }
}
