package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ServiceMarks;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.DependsOn;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's backend shape under the supervisor, for real: Debian's uvicorn (an HTTP/1.1-only
 * server) serving a FastAPI app, with {@code --reload} (a reloader, its worker, and
 * multiprocessing's resource tracker) and without (one process). {@code bin/install-test-deps}
 * installs python3-uvicorn and python3-fastapi.
 */
@EnabledOnOs(OS.LINUX)
class UvicornSupervisionTest {

    /** Debian's Python: the one on PATH may be another (pyenv) without uvicorn. */
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String NAME = "web";

    @TempDir
    Path stateDir;

    private final List<Supervisor> supervisors = new ArrayList<>();
    private int port;

    @BeforeAll
    static void uvicornIsInstalled() throws Exception {
        String reason;
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import uvicorn, fastapi").redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes()).strip();
            if (check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0) {
                return;
            }
            reason = PYTHON + " cannot import uvicorn and fastapi: " + output;
        } catch (IOException e) {
            reason = "cannot run " + PYTHON + ": " + e.getMessage();
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: a failure, not a skip; bin/install-test-deps installs them)");
        }
        Assumptions.abort(reason + ". Skipping the uvicorn suite; bin/install-test-deps installs python3-uvicorn"
                + " and python3-fastapi (CI=true fails instead of skipping).");
    }

    @BeforeEach
    void appAndPort() throws IOException {
        Path app = Files.createDirectories(stateDir.resolve("app"));
        try (InputStream source = getClass().getResourceAsStream("/uvicorn/main.py")) {
            Files.copy(source, app.resolve("main.py"));
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::close);
        // A failed test may leave an orphan that no stop reaches; it is ours (our marks, our state dir).
        ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, NAME).forEach(ProcessHandle::destroyForcibly);
    }

    @ParameterizedTest(name = "reload={0}")
    @ValueSource(booleans = {false, true})
    void healthyOverHttp_andADependantOfConditionHealthyStarts(boolean reload) {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("worker", ServiceSpec.of(List.of("/bin/sh", "-c", "exec sleep 1000"))
                .withDependsOn(new DependsOn(Map.of(NAME, DependencyCondition.HEALTHY))));
        specs.put(NAME, uvicorn(reload, false));
        Supervisor supervisor = supervise(specs);

        supervisor.startAll();

        await().atMost(PATIENCE).until(() -> supervisor.service("worker").state() == ServiceState.RUNNING);
        assertThat(supervisor.service(NAME).state()).isEqualTo(ServiceState.HEALTHY);
        assertThat(supervisor.service(NAME).reason()).isEqualTo("health check: HTTP 200");
    }

    @ParameterizedTest(name = "kill -9 of {0}")
    @ValueSource(strings = {"reloader", "worker", "both"})
    void killedWithReload_recoversToOneHealthyCopy(String victim) {
        Supervisor supervisor = supervise(Map.of(NAME, uvicorn(true, true)));
        supervisor.startAll();
        Tree before = awaitHealthyTree(supervisor, -1);

        if (!victim.equals("reloader")) {
            before.worker().live().ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        }
        if (!victim.equals("worker")) {
            before.reloader().live().ifPresent(ProcessHandle::destroyForcibly);
        }

        Tree after = awaitHealthyTree(supervisor, before.reloader().pid());
        assertThat(before.worker().live()).as("the killed run's worker").isEmpty();
        assertThat(after.worker()).isNotEqualTo(before.worker());
        assertThat(supervisor.events(null)).noneMatch(event -> event.to() == ServiceState.FAILED);
    }

    @Test
    void killedWithoutReload_recoversToOneHealthyCopy() {
        Supervisor supervisor = supervise(Map.of(NAME, uvicorn(false, false)));
        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> supervisor.service(NAME).state() == ServiceState.HEALTHY);
        long first = supervisor.service(NAME).pid();

        ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(PATIENCE).until(() -> supervisor.service(NAME).state() == ServiceState.HEALTHY
                && supervisor.service(NAME).pid() != first);
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, NAME))
                .singleElement().extracting(ProcessHandle::pid).isEqualTo(supervisor.service(NAME).pid());
    }

    @Test
    void exitedForGood_startByHand_stopsTheOrphanHoldingThePort_notRefused() {
        // Restart policy no: the killed reloader is not restarted, its worker keeps the port.
        Supervisor supervisor = supervise(Map.of(NAME, uvicorn(true, false)
                .withRestart(new RestartSpec(RestartPolicy.NO, null, null, null))));
        supervisor.startAll();
        Tree before = awaitHealthyTree(supervisor, -1);
        before.reloader().live().ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(PATIENCE).until(() -> supervisor.service(NAME).state() == ServiceState.EXITED);
        assertThat(before.worker().live()).as("the orphaned worker").isPresent();

        assertThat(supervisor.start(NAME).service().state()).isIn(ServiceState.RUNNING, ServiceState.HEALTHY);

        awaitHealthyTree(supervisor, before.reloader().pid());
        assertThat(before.worker().live()).isEmpty();
    }

    @ParameterizedTest(name = "reload={0}")
    @ValueSource(booleans = {false, true})
    void stop_leavesNoProcessOfTheTree(boolean reload) {
        Supervisor supervisor = supervise(Map.of(NAME, uvicorn(reload, false)));
        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> supervisor.service(NAME).state() == ServiceState.HEALTHY);
        List<ProcessId> members = new ArrayList<>();
        ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, NAME)
                .forEach(process -> ProcessId.of(process).ifPresent(members::add));
        assertThat(members).hasSizeGreaterThanOrEqualTo(reload ? 2 : 1);

        assertThat(supervisor.stop(NAME).state()).isEqualTo(ServiceState.STOPPED);

        assertThat(members).allSatisfy(member -> assertThat(member.live()).as("%s", member).isEmpty());
    }

    /**
     * The seed's shape: the app in its folder, the port declared, an HTTP probe of /health that
     * notices a dead worker within a few seconds, once up: a start may take many seconds on a busy
     * machine (Python imports FastAPI twice with --reload), which the start period allows for.
     */
    private ServiceSpec uvicorn(boolean reload, boolean restartWhenUnhealthy) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-m", "uvicorn", "main:app", "--host", "127.0.0.1",
                "--port", Integer.toString(port)));
        if (reload) {
            command.add("--reload");
        }
        HealthSpec health = new HealthSpec("http://127.0.0.1:" + port + "/health", null, null, Duration.ofMillis(300),
                Duration.ofSeconds(2), 2, Duration.ofSeconds(60), restartWhenUnhealthy);
        return new ServiceSpec(command, "app", null, port, null, null, null, health, null, null, null);
    }

    private Supervisor supervise(Map<String, ServiceSpec> specs) {
        Supervisor supervisor = TestHost.supervisor(specs, stateDir).baseDir(stateDir).build();
        supervisors.add(supervisor);
        return supervisor;
    }

    /** A healthy run with --reload: exactly one reloader (the root) and one worker, its root not {@code oldRoot}. */
    private Tree awaitHealthyTree(Supervisor supervisor, long oldRoot) {
        Tree[] seen = new Tree[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            ServiceStatus status = supervisor.service(NAME);
            List<ProcessHandle> marked = ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, NAME);
            List<ProcessHandle> reloaders = marked.stream().filter(p -> commandOf(p).contains(" uvicorn ")).toList();
            List<ProcessHandle> workers = marked.stream().filter(p -> commandOf(p).contains("spawn_main")).toList();
            String seenNow = status.state() + " (" + status.reason() + "), root " + status.pid() + ", marked "
                    + marked.stream().map(p -> p.pid() + " " + commandOf(p)).toList();
            assertThat(status.state()).as(seenNow).isEqualTo(ServiceState.HEALTHY);
            assertThat(status.pid()).as(seenNow).isNotNull().isNotEqualTo(oldRoot);
            assertThat(reloaders).as(seenNow).singleElement().extracting(ProcessHandle::pid).isEqualTo(status.pid());
            assertThat(workers).as(seenNow).hasSize(1);
            seen[0] = new Tree(ProcessId.of(reloaders.getFirst()).orElseThrow(),
                    ProcessId.of(workers.getFirst()).orElseThrow());
        });
        return seen[0];
    }

    private static String commandOf(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    private record Tree(ProcessId reloader, ProcessId worker) {
    }
}
