package io.warden.supervisor.watch;

import io.warden.supervisor.TestHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.ServiceEvent;
import io.warden.supervisor.ServiceState;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.TestHost;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StopSpec;
import io.warden.supervisor.spec.WatchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class ServiceWatchesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Quiet time that proves no further restart comes: many times the debounce. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private Path app;
    private Path stateDir;
    private int port;
    private Supervisor supervisor;
    private ServiceWatches watches;
    private final List<ServiceEvent> restarts = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (watches != null) {
            watches.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private void serve(Duration debounce) throws IOException {
        app = Files.createDirectories(dir.resolve("app"));
        VersionServer.write(app, "v1");
        serveExisting(debounce);
    }

    @Test
    void burstOf50Writes_restartsOnce_andTheNewProcessServesTheNewCode() throws IOException {
        serve(WatchSpec.DEFAULT_DEBOUNCE);
        String[] before = VersionServer.ask(port).orElseThrow();

        for (int i = 0; i < 49; i++) {
            VersionServer.write(app, "draft" + i);
        }
        VersionServer.write(app, "v2");

        await().atMost(PATIENCE).until(() -> VersionServer.version(port).equals("v2"));
        restartedOnce();
        assertThat(restarts.getFirst().reason()).startsWith("restarted on change, changed: app.py");
        assertThat(supervisor.events(null).stream().filter(e -> e.to() == ServiceState.STOPPING))
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("changed: app.py"));
        assertThat(running(Long.parseLong(before[1]))).as("the old server").isFalse();
        assertThat(running(Long.parseLong(before[2]))).as("the old server's worker").isFalse();
    }

    @Test
    void checkoutOf500Files_restartsOnce() throws Exception {
        Assumptions.assumeTrue(GitFixture.installed(), "git is not installed");
        app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve(".gitignore"), ".warden/\n");
        VersionServer.write(app, "v1");
        for (int i = 0; i < 500; i++) {
            Path file = app.resolve("pkg" + (i % 10)).resolve("mod" + i + ".py");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "X = 1\n");
        }
        GitFixture.git(app, "init", "-q", "-b", "one");
        GitFixture.git(app, "add", "-A");
        GitFixture.git(app, "commit", "-q", "-m", "one");
        GitFixture.git(app, "checkout", "-q", "-b", "two");
        for (int i = 0; i < 500; i++) {
            Files.writeString(app.resolve("pkg" + (i % 10)).resolve("mod" + i + ".py"), "X = 2\n");
        }
        VersionServer.write(app, "v2");
        GitFixture.git(app, "commit", "-q", "-am", "two");
        GitFixture.git(app, "checkout", "-q", "one");
        serveExisting(WatchSpec.DEFAULT_DEBOUNCE);

        GitFixture.git(app, "checkout", "-q", "two"); // 501 files rewritten at once

        await().atMost(PATIENCE).until(() -> VersionServer.version(port).equals("v2"));
        restartedOnce();
    }

    @Test
    void writesIntoIgnoredPaths_neverRestart() throws IOException {
        serve(Duration.ofMillis(50));
        long pid = supervisor.service("web").pid();
        Files.writeString(app.resolve(".gitignore"), "*.out\nbuild/\n");
        // .gitignore itself is a change: let that restart pass, then write only ignored files
        await().atMost(PATIENCE).until(() -> restarts.size() == 1
                && supervisor.service("web").state() == ServiceState.RUNNING && !VersionServer.version(port).isEmpty());
        pid = supervisor.service("web").pid();
        for (int i = 0; i < 20; i++) {
            VersionServer.version(port); // the service writes its own log (in the state dir)
            Files.writeString(stateDir.resolve("notes" + i), "x");
            Files.createDirectories(app.resolve("__pycache__"));
            Files.writeString(app.resolve("__pycache__/app" + i + ".pyc"), "x");
            Files.createDirectories(app.resolve("build/deep"));
            Files.writeString(app.resolve("build/deep/out" + i), "x");
            Files.writeString(app.resolve("result" + i + ".out"), "x");
            Files.writeString(app.resolve("scratch" + i + ".tmp"), "x");
            Files.createDirectories(app.resolve("node_modules/left-pad"));
            Files.writeString(app.resolve("node_modules/left-pad/index.js"), "x" + i);
        }
        long unchanged = pid;
        restartedOnce();
        assertThat(supervisor.service("web").pid()).isEqualTo(unchanged);
    }

    @Test
    void hundredRestarts_leaveNoProcessOfAnOldTree() throws IOException {
        serve(Duration.ofMillis(20));
        Set<Long> seen = new HashSet<>();
        List<String[]> answers = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            String version = "r" + i;
            VersionServer.write(app, version);
            await().atMost(PATIENCE).until(() -> VersionServer.version(port).equals(version));
            String[] answer = VersionServer.ask(port).orElseThrow();
            answers.add(answer);
            seen.add(Long.parseLong(answer[1]));
            seen.add(Long.parseLong(answer[2]));
        }
        String[] last = answers.getLast();
        Set<Long> current = Set.of(Long.parseLong(last[1]), Long.parseLong(last[2]));
        assertThat(seen).hasSizeGreaterThanOrEqualTo(200);
        List<Long> alive = seen.stream().filter(pid -> !current.contains(pid))
                .filter(ServiceWatchesTest::running).toList();
        assertThat(alive).as("processes of earlier trees still alive").isEmpty();
        assertThat(restarts).hasSize(100);
    }

    private void restartedOnce() {
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).untilAsserted(() -> assertThat(restarts)
                .extracting(ServiceEvent::reason).hasSize(1));
    }

    /**
     * Whether the process still runs. A zombie does not: it holds no port and runs no code, and
     * init reaps it when it gets to it (ProcessHandle counts it alive until then).
     */
    static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return !Files.isDirectory(Path.of("/proc")); // no procfs (macOS): trust ProcessHandle
        }
    }

    private void serveExisting(Duration debounce) throws IOException {
        stateDir = app.resolve(".warden"); // the default place: beside warden.yaml, inside the watched tree
        port = VersionServer.freePort();
        ServiceSpec spec = new ServiceSpec(VersionServer.command(port), "app", null, port, null, null,
                new StopSpec(null, Duration.ofSeconds(5)), null, null, new WatchSpec(null, List.of("*.tmp"), debounce, null), null);
        Map<String, ServiceSpec> specs = Map.of("web", spec);
        supervisor = TestHost.supervisor(specs, stateDir).baseDir(dir).build();
        supervisor.subscribe(event -> {
            if (event.to() == ServiceState.STARTING && event.reason().startsWith("restarted on change")) {
                restarts.add(event);
            }
        });
        supervisor.start("web");
        await().atMost(PATIENCE).until(() -> VersionServer.version(port).equals("v1"));
        watches = ServiceWatches.start(supervisor, specs, dir, stateDir);
    }
}
