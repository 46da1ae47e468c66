package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.spec.DependencyCondition;
import io.warden.supervisor.spec.DependsOn;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Changing the set of services at runtime: a new spec, a service added, one removed; real processes. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ServiceSetChangeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private Supervisor supervisor;

    @AfterEach
    void close() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private static ServiceSpec sh(String script) {
        return ServiceSpec.of(List.of("/bin/sh", "-c", script));
    }

    private Supervisor supervise(Map<String, ServiceSpec> specs) {
        supervisor = TestHost.supervisor(specs, stateDir).baseDir(stateDir).build();
        supervisor.startAll();
        specs.keySet().forEach(name -> await().atMost(PATIENCE)
                .until(() -> supervisor.service(name).state() == ServiceState.RUNNING));
        return supervisor;
    }

    private static Map<String, ServiceSpec> dbAndApi() {
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        specs.put("db", sh("echo db v1; exec sleep 1000"));
        specs.put("api", sh("exec sleep 1000").withDependsOn(new DependsOn(Map.of("db", DependencyCondition.STARTED))));
        return specs;
    }

    @Test
    void replace_runsTheNewSpec_inANewProcess_whileTheDependantKeepsItsProcess() {
        supervise(dbAndApi());
        long oldDb = supervisor.service("db").pid();
        long api = supervisor.service("api").pid();
        List<String> followed = new CopyOnWriteArrayList<>();
        supervisor.follow("db", (LogLine line) -> followed.add(line.text()));

        StartReport report = supervisor.replace("db", sh("echo db v2; exec sleep 1000"));

        assertThat(report.service().state().isUp()).isTrue();
        await().atMost(PATIENCE).until(() -> supervisor.service("db").state() == ServiceState.RUNNING);
        assertThat(supervisor.service("db").pid()).isNotEqualTo(oldDb);
        assertThat(supervisor.spec("db").command()).contains("echo db v2; exec sleep 1000");
        assertThat(supervisor.service("api").pid()).isEqualTo(api);
        assertThat(ProcessHandle.of(oldDb).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(PATIENCE).until(() -> followed.contains("db v2"));
        assertThat(supervisor.names()).containsExactly("db", "api");
    }

    @Test
    void replace_thatWouldBreakTheGraph_isRefused_andStopsNothing() {
        supervise(dbAndApi());
        long db = supervisor.service("db").pid();

        assertThatThrownBy(() -> supervisor.replace("db", sh("exec sleep 1000")
                .withDependsOn(new DependsOn(Map.of("api", DependencyCondition.STARTED)))))
                .isInstanceOf(SupervisorException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> supervisor.replace("db", sh("exec sleep 1000")
                .withDependsOn(new DependsOn(Map.of("cache", DependencyCondition.STARTED)))))
                .hasMessageContaining("unknown service 'cache'");
        assertThat(supervisor.service("db").pid()).isEqualTo(db);
    }

    @Test
    void add_startsTheNewServiceAfterItsDependency_andRemove_stopsItsTree() {
        supervise(dbAndApi());

        supervisor.add("worker", sh("exec sleep 1000").withDependsOn(new DependsOn(Map.of("db",
                DependencyCondition.STARTED))));
        await().atMost(PATIENCE).until(() -> supervisor.service("worker").state() == ServiceState.RUNNING);
        assertThat(supervisor.names()).containsExactly("db", "api", "worker");
        long worker = supervisor.service("worker").pid();

        assertThatThrownBy(() -> supervisor.add("worker", sh("exec sleep 1")))
                .isInstanceOf(SupervisorException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> supervisor.remove("db"))
                .hasMessageContaining("cannot remove db: api, worker depend on it");

        supervisor.remove("worker");

        assertThat(supervisor.names()).containsExactly("db", "api");
        assertThat(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThatThrownBy(() -> supervisor.service("worker")).isInstanceOf(ServiceNotFoundException.class);
    }
}
