package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.ServiceMarks;
import io.warden.supervisor.process.Signal;
import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.DependsOn;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StartLimit;
import io.warden.supervisor.spec.StopSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs({OS.LINUX, OS.MAC})
class SupervisorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Executor EACH_ON_ITS_THREAD = command -> Thread.ofPlatform().start(command);

    @TempDir
    Path stateDir;

    private final List<Supervisor> supervisors = new ArrayList<>();
    private final List<Process> fixtures = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::close);
        fixtures.forEach(Process::destroyForcibly);
    }

    private Supervisor supervise(Map<String, ServiceSpec> specs) {
        Supervisor supervisor = TestHost.supervisor(specs, stateDir).baseDir(stateDir).build();
        supervisors.add(supervisor);
        return supervisor;
    }

    private static ServiceSpec sh(String script) {
        return ServiceSpec.of(List.of("/bin/sh", "-c", script));
    }

    private static List<ServiceEvent> eventsOf(Supervisor supervisor, String name) {
        return supervisor.events(null).stream().filter(event -> event.service().equals(name)).toList();
    }

    @Test
    void crashingChild_isRestartedWithGrowingDelays_thenFailedAtTheStartLimit() {
        ServiceSpec crasher = sh("sleep 0.1; exit 1").withRestart(new RestartSpec(RestartPolicy.ON_FAILURE,
                new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 2.0, 0.0), Duration.ofSeconds(10),
                new StartLimit(4, Duration.ofMinutes(5))));
        Supervisor supervisor = supervise(Map.of("crasher", crasher));

        supervisor.startAll();

        await().atMost(PATIENCE).until(() -> supervisor.service("crasher").state() == ServiceState.FAILED);
        List<ServiceEvent> events = eventsOf(supervisor, "crasher");
        assertThat(events.stream().filter(e -> e.to() == ServiceState.RUNNING)).hasSize(4);
        assertThat(events.stream().filter(e -> e.to() == ServiceState.EXITED).map(ServiceEvent::exitCode))
                .containsOnly(1);
        assertThat(events.stream().filter(e -> e.to() == ServiceState.BACKOFF).map(ServiceEvent::reason))
                .containsExactly("exited with code 1; restart 1 in a row, in 50ms",
                        "exited with code 1; restart 2 in a row, in 100ms",
                        "exited with code 1; restart 3 in a row, in 200ms");
        ServiceEvent failed = events.getLast();
        assertThat(failed.to()).isEqualTo(ServiceState.FAILED);
        assertThat(failed.reason()).contains("start limit reached: 4 starts within 5m");
        ServiceStatus status = supervisor.service("crasher");
        assertThat(status.pid()).isNull();
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.lastExitCode()).isEqualTo(1);

        // Started by hand, a failed service runs again with a fresh history.
        supervisor.start("crasher");
        assertThat(supervisor.service("crasher").restarts()).isZero();
    }

    @Test
    void childIgnoringTerm_isKilledAfterTheStopTimeout() throws Exception {
        Path ready = stateDir.resolve("ready");
        ServiceSpec stubborn = sh("trap '' TERM; touch " + ready + "; while :; do sleep 1; done")
                .withStop(new StopSpec(Signal.TERM, Duration.ofMillis(300)));
        Supervisor supervisor = supervise(Map.of("stubborn", stubborn));
        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> Files.exists(ready));
        ProcessId root = supervisor.process("stubborn").orElseThrow();

        ServiceStatus stopped = supervisor.stop("stubborn");

        assertThat(stopped.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(stopped.reason()).matches("\\d+ process\\(es\\) exited, [1-9]\\d* killed");
        assertThat(stopped.lastExitCode()).isEqualTo(128 + 9);
        assertThat(root.live()).isEmpty();
        assertThat(Files.exists(stateDir.resolve("stubborn.pid"))).as("PID file removed at stop").isFalse();
    }

    @Test
    void restartDuringARestart_runsAfterIt_withAStopAndStartOfItsOwn() throws Exception {
        // Ignores TERM: the first restart's stop lasts its timeout, long enough to restart meanwhile.
        Supervisor supervisor = supervise(Map.of("web", sh("trap '' TERM; while :; do sleep 0.1; done")
                .withStop(new StopSpec(Signal.TERM, Duration.ofMillis(500)))));
        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> supervisor.service("web").state() == ServiceState.RUNNING);

        CompletableFuture<StartReport> first = CompletableFuture.supplyAsync(() -> supervisor.restart("web"),
                EACH_ON_ITS_THREAD);
        await().atMost(PATIENCE).until(() -> supervisor.service("web").state() == ServiceState.STOPPING);
        StartReport second = supervisor.restart("web");

        // Joined into the first one's stop, the second restart's stop ended the first one's new run
        // when it came a moment later (bench/api-load.sh: "did not start, it is stopped").
        assertThat(first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).service().state()).isEqualTo(ServiceState.RUNNING);
        assertThat(second.service().state()).isEqualTo(ServiceState.RUNNING);
        assertThat(eventsOf(supervisor, "web").stream().filter(e -> e.to() == ServiceState.STOPPING)).hasSize(2);
        assertThat(eventsOf(supervisor, "web").stream().filter(e -> e.to() == ServiceState.RUNNING)).hasSize(3);
    }

    @Test
    void childForkingGrandchildrenAndADoubleFork_leavesNothingRunningAfterStop() throws Exception {
        Path ready = stateDir.resolve("ready");
        ServiceSpec forker = sh("(sleep 1000 &); sleep 1000 & sh -c 'sleep 1000 & wait' & touch " + ready + "; wait");
        Supervisor supervisor = supervise(Map.of("forker", forker));
        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> Files.exists(ready));
        // Every process carrying the service's marks, the re-parented one included.
        List<ProcessId> members = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            members.clear();
            ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "forker")
                    .forEach(process -> ProcessId.of(process).ifPresent(members::add));
            return members.size() >= 5;
        });
        assertThat(members.stream().map(ProcessId::pid).filter(pid -> ProcessHandle.of(pid)
                .flatMap(ProcessHandle::parent).map(parent -> parent.pid() == ProcessHandle.current().pid())
                .orElse(false))).as("the double-forked sleep is re-parented to this JVM, the subreaper").hasSize(2);

        supervisor.stop("forker");

        assertThat(members).allSatisfy(member -> assertThat(member.live()).as("%s", member).isEmpty());
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "forker")).isEmpty();
    }

    @Test
    void dependantOfAHealthyCondition_startsOnlyAfterTheFirstHealthyProbe() {
        Path flag = stateDir.resolve("db-up");
        ServiceSpec db = sh("sleep 0.5; touch " + flag + "; exec sleep 1000")
                .withHealth(new HealthSpec(null, null, List.of("test", "-f", flag.toString()), Duration.ofMillis(100),
                        Duration.ofSeconds(10), 1, null, null));
        ServiceSpec api = sh("exec sleep 1000").withDependsOn(new DependsOn(Map.of("db", DependencyCondition.HEALTHY)));
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("api", api);
        specs.put("db", db);
        Supervisor supervisor = supervise(specs);

        supervisor.startAll();

        await().atMost(PATIENCE).until(() -> supervisor.service("api").state() == ServiceState.RUNNING);
        List<ServiceEvent> events = supervisor.events(null);
        int dbHealthy = indexOf(events, "db", ServiceState.HEALTHY);
        int apiRunning = indexOf(events, "api", ServiceState.RUNNING);
        assertThat(dbHealthy).isNotNegative();
        assertThat(apiRunning).isGreaterThan(dbHealthy);
        assertThat(events.get(indexOf(events, "api", ServiceState.STARTING)).reason())
                .isEqualTo("waiting for db (healthy)");
        assertThat(supervisor.service("db").health()).isEqualTo("healthy");
    }

    @Test
    void daemonKilled_newSupervisorAdoptsTheSamePids_andStopsThem() throws Exception {
        Process daemon = fixture(SupervisorFixture.class, stateDir.toString(), "a=exec sleep 1000", "b=exec sleep 1000",
                "c=sleep 1000 & wait");
        String ready = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(ready).startsWith("ready ");
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String pair : ready.substring(6).split(" ")) {
            pids.put(pair.split("=")[0], Long.parseLong(pair.split("=")[1]));
        }
        Map<String, ProcessId> ids = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ids.put(name, ProcessId.of(ProcessHandle.of(pid).orElseThrow()).orElseThrow()));
        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no stop
        daemon.waitFor();
        assertThat(ids.values()).allSatisfy(id -> assertThat(id.live()).isPresent());

        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("a", sh("exec sleep 1000"));
        specs.put("b", sh("exec sleep 1000"));
        specs.put("c", sh("sleep 1000 & wait"));
        Supervisor supervisor = supervise(specs);
        supervisor.startAll();

        await().atMost(PATIENCE).until(() -> supervisor.services().stream().allMatch(s -> s.state() == ServiceState.RUNNING));
        for (ServiceStatus status : supervisor.services()) {
            assertThat(status.pid()).as(status.name()).isEqualTo(pids.get(status.name()));
            assertThat(status.adopted()).isTrue();
            assertThat(status.reason()).startsWith("adopted PID " + status.pid());
        }
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "a")).hasSize(1);
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "c")).hasSize(2);
        assertThat(PidRecord.parse(Files.readString(stateDir.resolve("a.pid"))).childPid()).isEqualTo(pids.get("a"));

        assertThat(supervisor.stop("c").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(ids.get("c").live()).isEmpty();
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "c")).isEmpty();
        supervisor.stopAll();
        // live() also sees through zombies: the orphans were re-parented to this JVM, the subreaper.
        assertThat(ids.values()).allSatisfy(id -> assertThat(id.live()).isEmpty());
    }

    @Test
    void daemonKilledRightAfterARestart_newSupervisorAdoptsTheNewChild_noDuplicate() throws Exception {
        // The first run exits at once, the restart (backoff 0) stays: the daemon is killed as soon
        // as it reports the restarted child running.
        Path flag = stateDir.resolve("ran-once");
        String script = "if [ -e '" + flag + "' ]; then exec sleep 1000; else touch '" + flag + "'; exit 1; fi";
        Process daemon = fixture(SupervisorFixture.class, stateDir.toString(), "--restarted", "svc=" + script);
        String ready = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8)).readLine();
        daemon.destroyForcibly(); // SIGKILL
        daemon.waitFor();
        assertThat(ready).startsWith("ready svc=");
        long restartedPid = Long.parseLong(ready.substring("ready svc=".length()));
        ProcessId restarted = ProcessId.of(ProcessHandle.of(restartedPid).orElseThrow()).orElseThrow();

        Supervisor supervisor = supervise(Map.of("svc", sh(script)));
        ServiceStatus status = supervisor.start("svc").service();

        assertThat(status.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(status.adopted()).isTrue();
        assertThat(status.pid()).isEqualTo(restartedPid);
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "svc")).hasSize(1);
        supervisor.stop("svc");
        assertThat(restarted.live()).isEmpty();
    }

    @Test
    void markedChildMissingFromThePidFile_isAdopted_notStartedTwice() throws Exception {
        // What a daemon killed between spawning a child and recording it leaves: a PID file of a
        // dead holder without that child, and the child, marked, still running.
        ProcessBuilder builder = new ProcessBuilder("sleep", "1000");
        builder.environment().putAll(ServiceMarks.env(stateDir, "svc", "999999.7"));
        Process unrecorded = builder.start();
        fixtures.add(unrecorded);
        PidRecord left = new PidRecord(999_999, Instant.parse("2026-01-01T00:00:00Z"), 0, "warden up", "host", "",
                0, null, "");
        Files.writeString(stateDir.resolve("svc.pid"), left.toFileText());
        Supervisor supervisor = supervise(Map.of("svc", sh("exec sleep 1000")));

        ServiceStatus status = supervisor.start("svc").service();

        assertThat(status.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(status.adopted()).isTrue();
        assertThat(status.pid()).isEqualTo(unrecorded.pid());
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "svc")).hasSize(1);
        assertThat(PidRecord.parse(Files.readString(stateDir.resolve("svc.pid"))).childPid()).isEqualTo(unrecorded.pid());
    }

    @Test
    void restartAtOnce_stopsTheOrphansOfTheExitedRun_notTheNewOne() throws Exception {
        // Each run leaves a worker behind (re-parented to this JVM, the subreaper) and exits; the
        // restart stops the previous runs' workers but keeps its own.
        ServiceSpec leaky = sh("sleep 1000 & sleep 0.3; exit 1").withRestart(new RestartSpec(RestartPolicy.ALWAYS,
                new Backoff(Duration.ZERO, Duration.ZERO, 1.0, 0.0), null, new StartLimit(1000, Duration.ofSeconds(1))));
        Supervisor supervisor = supervise(Map.of("leaky", leaky));

        supervisor.startAll();

        await().atMost(PATIENCE).until(() -> supervisor.service("leaky").restarts() >= 3);
        // The current run's shell and its worker; at most one earlier worker not yet stopped.
        await().atMost(PATIENCE).until(() -> ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "leaky").size() <= 3);
        supervisor.stop("leaky");
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "leaky")).isEmpty();
    }

    @Test
    void stopBetweenRuns_stopsTheOrphansOfTheExitedRun() throws Exception {
        // The run exits leaving a worker (re-parented to this JVM) and waits out its backoff: the
        // stop finds no run to stop, but the worker is still the service's.
        ServiceSpec leaky = sh("sleep 1000 & exit 1").withRestart(new RestartSpec(RestartPolicy.ALWAYS,
                new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(5), 1.0, 0.0), null, null));
        Supervisor supervisor = supervise(Map.of("leaky", leaky));

        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> supervisor.service("leaky").state() == ServiceState.BACKOFF);
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "leaky")).hasSize(1);

        assertThat(supervisor.stop("leaky").state()).isEqualTo(ServiceState.STOPPED);
        assertThat(ServiceMarks.find(ProcessHandle.allProcesses(), stateDir, "leaky")).isEmpty();
    }

    @Test
    void recordedChildWithAnotherStartInstant_isNotAdopted() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "1000").start();
        fixtures.add(stranger);
        Instant wrongStart = stranger.toHandle().info().startInstant().orElseThrow().minusSeconds(3600);
        PidRecord left = new PidRecord(999_999, Instant.parse("2026-01-01T00:00:00Z"), 0, "warden up", "host", "",
                stranger.pid(), wrongStart, "sleep 1000");
        Files.writeString(stateDir.resolve("svc.pid"), left.toFileText());
        Supervisor supervisor = supervise(Map.of("svc", sh("exec sleep 1000")));

        ServiceStatus status = supervisor.start("svc").service();

        assertThat(status.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(status.adopted()).isFalse();
        assertThat(status.pid()).isNotEqualTo(stranger.pid());
        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void lockHeldOutsideTheSupervisor_isReportedAndNotStarted() {
        try (InstanceLock outsider = InstanceLock.acquire(stateDir, "svc",
                PidRecord.ofCurrentProcess("warden run --name svc", 0, ""))) {
            Supervisor supervisor = supervise(Map.of("svc", sh("exec sleep 1000")));

            ServiceStatus status = supervisor.start("svc").service();

            assertThat(status.state()).isEqualTo(ServiceState.FAILED);
            assertThat(status.pid()).isNull();
            assertThat(status.reason()).startsWith("not started: already running outside this daemon: svc is already running (PID "
                    + ProcessHandle.current().pid());
            assertThat(outsider.isHeld()).isTrue();
        }
    }

    @Test
    void eventsAreAppendedAsJsonLines_andUnknownNamesAreRefused() throws Exception {
        Supervisor supervisor = supervise(Map.of("one", sh("exit 0")
                .withRestart(new RestartSpec(RestartPolicy.NO, null, null, null))));
        List<ServiceEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        supervisor.subscribe(seen::add);
        supervisor.startAll();
        await().atMost(PATIENCE).until(() -> supervisor.service("one").state() == ServiceState.EXITED);

        // The file and the listeners are served by the event thread, after the transition.
        await().atMost(PATIENCE).until(() -> seen.size() == supervisor.events(null).size());
        List<String> lines = Files.readAllLines(supervisor.eventsFile());
        assertThat(lines).hasSameSizeAs(supervisor.events(null));
        assertThat(lines.getLast()).contains("\"service\":\"one\"", "\"from\":\"running\"", "\"to\":\"exited\"",
                "\"exitCode\":0");
        assertThat(seen).isEqualTo(supervisor.events(null));
        assertThat(supervisor.service("one").reason()).isEqualTo("exited with code 0; restart policy no does not restart it");
        assertThatThrownBy(() -> supervisor.stop("two"))
                .isInstanceOf(ServiceNotFoundException.class)
                .hasMessage("no service named 'two'. Services: one");
    }

    private static int indexOf(List<ServiceEvent> events, String service, ServiceState to) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).service().equals(service) && events.get(i).to() == to) {
                return i;
            }
        }
        return -1;
    }

    private Process fixture(Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        fixtures.add(process);
        return process;
    }
}
