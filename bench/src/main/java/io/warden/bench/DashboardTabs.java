package io.warden.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens dashboard tabs in one headless Debian Chromium, signed in, on the overview page, and keeps
 * them open until {@code RELEASE} exists: what {@code bench/dashboard.sh} measures the daemon's CPU
 * against. Each tab gets the token as a person's sign-in leaves it (in the tab's sessionStorage,
 * set through the DevTools protocol over the JDK's WebSocket client), then reloads. Prints
 * {@code ready} once every tab shows "live" and its CPU chart holds points.
 *
 * <p>Usage: {@code DashboardTabs PORT TOKEN TABS WORK_DIR RELEASE}
 */
public final class DashboardTabs {

    private static final Pattern WS_URL = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*\"?([^\",}]*)");

    private DashboardTabs() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = args[1];
        int tabs = Integer.parseInt(args[2]);
        Path work = Path.of(args[3]);
        Path release = Path.of(args[4]);
        String page = "http://127.0.0.1:" + port + "/";
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1280,720", "--remote-debugging-port=0",
                "--user-data-dir=" + work.resolve("profile"), page)
                .redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile()).start();
        try {
            int devtools = devtoolsPort(work.resolve("profile/DevToolsActivePort"));
            HttpClient http = HttpClient.newHttpClient();
            List<String> sockets = new ArrayList<>();
            sockets.add(firstPage(http, devtools));
            for (int i = 1; i < tabs; i++) {
                String target = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + devtools
                        + "/json/new?" + page)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                sockets.add(match(WS_URL, target));
            }
            for (String socket : sockets) {
                evaluate(http, socket, "sessionStorage.setItem('warden.token', '" + token + "'); location.reload(); 1");
            }
            for (String socket : sockets) {
                Instant deadline = Instant.now().plusSeconds(60);
                String probe = "(document.getElementById('live').textContent === 'live' && "
                        + "Number((document.getElementById('chart-cpu') || {dataset: {}}).dataset.points || 0) > 0) + ''";
                while (!evaluate(http, socket, probe).equals("true")) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("a tab did not show live charts within 60 s");
                    }
                    Thread.sleep(250);
                }
            }
            System.out.println("ready " + tabs + " tab(s), chromium pid " + chromium.pid());
            while (!Files.exists(release) && chromium.isAlive()) {
                Thread.sleep(200);
            }
            System.out.println("released");
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroy);
            chromium.destroy();
            chromium.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int devtoolsPort(Path file) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!Files.exists(file) || Files.readString(file).isBlank()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(file + " did not appear: is /usr/bin/chromium installed?");
            }
            Thread.sleep(100);
        }
        return Integer.parseInt(Files.readAllLines(file).get(0).trim());
    }

    private static String firstPage(HttpClient http, int devtools) throws Exception {
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + devtools + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return match(WS_URL, list);
    }

    /** Runs {@code expression} in the tab and returns its value as text (one short-lived socket per call). */
    private static String evaluate(HttpClient http, String socketUrl, String expression) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(socketUrl), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String quoted = expression.replace("\\", "\\\\").replace("\"", "\\\"");
        socket.sendText("{\"id\":1,\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":\"" + quoted
                + "\",\"returnByValue\":true}}", true).get(10, TimeUnit.SECONDS);
        String answer = reply.get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        Matcher value = VALUE.matcher(answer);
        return value.find() ? value.group(1) : "";
    }

    private static String match(Pattern pattern, String text) throws IOException {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IOException("no " + pattern + " in " + text);
        }
        return matcher.group(1);
    }
}
