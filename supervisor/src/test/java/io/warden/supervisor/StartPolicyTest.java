package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.DependsOn;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts by hand and with the daemon, with real children: {@code start NAME} brings its
 * dependencies up first, and a stop by hand of an {@code unless-stopped} service outlives the
 * supervisor (a daemon restart is a supervisor closed, then a new one on the same state dir).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StartPolicyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private final List<Supervisor> supervisors = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        supervisors.forEach(Supervisor::close);
    }

    private Supervisor supervise(Map<String, ServiceSpec> specs) {
        Supervisor supervisor = TestHost.supervisor(specs, stateDir).baseDir(stateDir).build();
        supervisors.add(supervisor);
        return supervisor;
    }

    /** A daemon restart: the old supervisor shuts down as the daemon would, a new one starts everything. */
    private Supervisor restartDaemon(Supervisor old, Map<String, ServiceSpec> specs) {
        old.close();
        supervisors.remove(old);
        Supervisor next = supervise(specs);
        next.startAll();
        return next;
    }

    private static ServiceSpec sleeper() {
        return ServiceSpec.of(List.of("/bin/sh", "-c", "exec sleep 1000"));
    }

    private static ServiceSpec withPolicy(ServiceSpec spec, RestartPolicy policy) {
        return spec.withRestart(new RestartSpec(policy, null, null, null));
    }

    /** db turns healthy once its flag file exists, a moment after it starts. */
    private ServiceSpec slowHealthyDb() {
        Path flag = stateDir.resolve("db-up");
        return ServiceSpec.of(List.of("/bin/sh", "-c", "rm -f " + flag + "; sleep 0.3; touch " + flag
                        + "; exec sleep 1000"))
                .withHealth(new HealthSpec(null, null, List.of("test", "-f", flag.toString()), Duration.ofMillis(100),
                        Duration.ofSeconds(10), 1, null, null));
    }

    private static boolean up(Supervisor supervisor, String name) {
        return supervisor.service(name).state().isUp();
    }

    @Test
    void startByHand_startsTheDependenciesFirst_waitingForTheirConditions_andReportsThem() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("api", sleeper().withDependsOn(new DependsOn(Map.of("db", DependencyCondition.HEALTHY,
                "cache", DependencyCondition.STARTED))));
        specs.put("db", slowHealthyDb());
        specs.put("cache", sleeper().withDependsOn(new DependsOn(Map.of("queue", DependencyCondition.STARTED))));
        specs.put("queue", sleeper());
        specs.put("other", sleeper());
        Supervisor supervisor = supervise(specs);
        supervisor.start("queue");
        long queuePid = supervisor.service("queue").pid();

        StartReport report = supervisor.start("api");

        assertThat(report.service().state()).isEqualTo(ServiceState.RUNNING);
        assertThat(report.dependencies()).extracting(ServiceStatus::name)
                .as("queue ran already; cache needs it, api needs db and cache").containsExactlyInAnyOrder("db", "cache");
        assertThat(report.dependencies()).allSatisfy(status -> assertThat(status.state().isUp()).isTrue());
        assertThat(supervisor.service("db").state()).as("api waited for db's first healthy probe")
                .isEqualTo(ServiceState.HEALTHY);
        assertThat(supervisor.service("queue").pid()).as("a running dependency is left alone").isEqualTo(queuePid);
        assertThat(supervisor.service("other").state()).as("not a dependency").isEqualTo(ServiceState.STOPPED);
        List<ServiceEvent> events = supervisor.events(null);
        assertThat(indexOf(events, "api", ServiceState.RUNNING)).isGreaterThan(indexOf(events, "db", ServiceState.HEALTHY));
        assertThat(events).filteredOn(e -> e.service().equals("db") && e.to() == ServiceState.STARTING)
                .extracting(ServiceEvent::reason).containsExactly("started by hand as a dependency of api");

        // Compose semantics: stopping a dependency leaves its dependants running.
        supervisor.stop("db");
        assertThat(up(supervisor, "api")).isTrue();
        // ... and a restart starts it again first.
        StartReport restarted = supervisor.restart("api");
        assertThat(restarted.dependencies()).extracting(ServiceStatus::name).containsExactly("db");
        assertThat(up(supervisor, "db")).isTrue();
    }

    @Test
    void startByHand_whoseDependencyCannotStart_failsNamingIt_andTheDependencyItsReason() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("broken", ServiceSpec.of(List.of(stateDir.resolve("no-such-program").toString())));
        specs.put("middle", sleeper().withDependsOn(new DependsOn(Map.of("broken", DependencyCondition.STARTED))));
        specs.put("api", sleeper().withDependsOn(new DependsOn(Map.of("middle", DependencyCondition.STARTED))));
        Supervisor supervisor = supervise(specs);

        assertThatThrownBy(() -> supervisor.start("api"))
                .isInstanceOf(SupervisorException.class)
                .hasMessageStartingWith("not started: dependency middle failed: not started: dependency broken failed: "
                        + "cannot start [" + stateDir.resolve("no-such-program") + "]");
        assertThat(supervisor.service("api").state()).isEqualTo(ServiceState.FAILED);
        assertThat(supervisor.service("middle").state()).isEqualTo(ServiceState.FAILED);
        assertThat(supervisor.service("api").pid()).isNull();
    }

    @Test
    void aStartAskedForWhileTheDaemonShutsDown_isRefused_andNothingIsLeftRunning() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("web", withPolicy(sleeper(), RestartPolicy.ALWAYS));
        specs.put("worker", sleeper().withDependsOn(new DependsOn(Map.of("web", DependencyCondition.STARTED))));
        Supervisor supervisor = supervise(specs);
        supervisor.start("worker");
        ProcessHandle web = ProcessHandle.of(supervisor.service("web").pid()).orElseThrow();
        ProcessHandle worker = ProcessHandle.of(supervisor.service("worker").pid()).orElseThrow();

        supervisor.close();
        supervisors.remove(supervisor);

        assertThat(web.isAlive() || worker.isAlive()).as("the shutdown stopped both").isFalse();
        assertThatThrownBy(() -> supervisor.start("worker")).isInstanceOf(SupervisorException.class)
                .hasMessage("the daemon is shutting down: worker not started");
        assertThatThrownBy(() -> supervisor.restart("web")).isInstanceOf(SupervisorException.class)
                .hasMessage("the daemon is shutting down: web not started");
        assertThatThrownBy(supervisor::startAllByHand).isInstanceOf(SupervisorException.class)
                .hasMessage("the daemon is shutting down: services not started");
        assertThat(supervisor.services()).as("no child started after the shutdown").allSatisfy(status -> {
            assertThat(status.state()).isEqualTo(ServiceState.STOPPED);
            assertThat(status.pid()).isNull();
        });
    }

    @Test
    void dependencyThatExitsForGood_failsTheStartInsteadOfWaitingForever() {
        Path never = stateDir.resolve("never");
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("once", withPolicy(ServiceSpec.of(List.of("/bin/sh", "-c", "sleep 0.5; exit 3")), RestartPolicy.NO)
                .withHealth(new HealthSpec(null, null, List.of("test", "-f", never.toString()), Duration.ofMillis(100),
                        Duration.ofSeconds(10), 1, null, null)));
        specs.put("api", sleeper().withDependsOn(new DependsOn(Map.of("once", DependencyCondition.HEALTHY))));
        Supervisor supervisor = supervise(specs);

        assertThatThrownBy(() -> supervisor.start("api"))
                .isInstanceOf(SupervisorException.class)
                .hasMessage("not started: dependency once exited: exited with code 3; restart policy no does not "
                        + "restart it");
        assertThat(supervisor.service("api").state()).isEqualTo(ServiceState.FAILED);
    }

    @Test
    void unlessStopped_stoppedByHand_staysStoppedAcrossADaemonRestart_untilStartedByHand() throws Exception {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("keeper", withPolicy(sleeper(), RestartPolicy.UNLESS_STOPPED));
        specs.put("always", withPolicy(sleeper(), RestartPolicy.ALWAYS));
        specs.put("needsKeeper", sleeper().withDependsOn(new DependsOn(Map.of("keeper", DependencyCondition.STARTED))));
        Supervisor first = supervise(specs);
        first.startAll();
        await().atMost(PATIENCE).until(() -> specs.keySet().stream().allMatch(name -> up(first, name)));

        first.stop("keeper");
        first.stop("always");
        assertThat(Files.readString(stateDir.resolve("keeper.stopped"))).startsWith("stopped by hand at ");
        assertThat(stateDir.resolve("always.stopped")).as("only unless-stopped remembers").doesNotExist();

        Supervisor second = restartDaemon(first, specs);

        await().atMost(PATIENCE).until(() -> up(second, "always"));
        ServiceStatus keeper = second.service("keeper");
        assertThat(keeper.state()).isEqualTo(ServiceState.STOPPED);
        assertThat(keeper.reason()).startsWith("stopped by hand at ")
                .endsWith("restart policy unless-stopped keeps it stopped until warden start keeper");
        assertThat(keeper.pid()).isNull();
        await().atMost(PATIENCE).until(() -> second.service("needsKeeper").reason()
                .equals("waiting for keeper (started), which stays stopped until warden start keeper"));
        assertThat(second.service("needsKeeper").state()).isEqualTo(ServiceState.STARTING);

        // Started by hand: the stop is forgotten, and the dependant that waited for it follows.
        second.start("keeper");
        assertThat(stateDir.resolve("keeper.stopped")).doesNotExist();
        await().atMost(PATIENCE).until(() -> up(second, "needsKeeper"));

        Supervisor third = restartDaemon(second, specs);
        await().atMost(PATIENCE).alias("a daemon shutdown is no stop by hand")
                .until(() -> specs.keySet().stream().allMatch(name -> up(third, name)));
    }

    @Test
    void stopAllByHand_isRemembered_andStartAllByHandForgetsIt() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("a", withPolicy(sleeper(), RestartPolicy.UNLESS_STOPPED));
        specs.put("b", withPolicy(sleeper(), RestartPolicy.ON_FAILURE));
        Supervisor first = supervise(specs);
        first.startAll();
        await().atMost(PATIENCE).until(() -> up(first, "a") && up(first, "b"));

        first.stopAll();
        Supervisor second = restartDaemon(first, specs);

        await().atMost(PATIENCE).until(() -> up(second, "b"));
        assertThat(second.service("a").state()).isEqualTo(ServiceState.STOPPED);
        second.startAllByHand().join();
        assertThat(up(second, "a")).isTrue();
        assertThat(stateDir.resolve("a.stopped")).doesNotExist();
    }

    @Test
    void serviceStoppedWhileWaitingForItsDependency_isNotStartedWhenTheDependencyComesUp() throws Exception {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("db", withPolicy(sleeper(), RestartPolicy.UNLESS_STOPPED));
        specs.put("api", sleeper().withDependsOn(new DependsOn(Map.of("db", DependencyCondition.STARTED))));
        Supervisor first = supervise(specs);
        first.startAll();
        await().atMost(PATIENCE).until(() -> up(first, "api"));
        first.stop("db");
        first.close();
        supervisors.remove(first);
        Supervisor second = supervise(specs);
        CompletableFuture<Void> boot = second.startAll();
        await().atMost(PATIENCE).until(() -> second.service("api").state() == ServiceState.STARTING);

        second.stop("api");
        second.start("db");
        // The daemon's start of api went on once db was up: it must have seen the stop.
        boot.get(60, TimeUnit.SECONDS);

        assertThat(up(second, "db")).isTrue();
        List<ServiceEvent> apiEvents = second.events(null).stream().filter(e -> e.service().equals("api")).toList();
        assertThat(apiEvents.getLast().to()).isEqualTo(ServiceState.STOPPED);
        assertThat(second.service("api").state()).isEqualTo(ServiceState.STOPPED);
    }

    private static int indexOf(List<ServiceEvent> events, String service, ServiceState to) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).service().equals(service) && events.get(i).to() == to) {
                return i;
            }
        }
        return -1;
    }
}
