package io.warden.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.deploy.DeployException;
import io.warden.deploy.InconclusivePolicy;
import io.warden.deploy.UpdateSettings;
import io.warden.deploy.watch.Verdict;
import io.warden.governance.TestBackend;
import io.warden.governance.store.GovernanceStore;
import io.warden.supervisor.spec.HealthSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The deploy history's contract, run against every backend by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeployHistoryContract {

    static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123Z");
    static final ServiceSpec V1 = ServiceSpec.of(List.of("python3", "app.py", "v1")).withEnv(Map.of("MODE", "a"));
    static final ServiceSpec V2 = ServiceSpec.of(List.of("python3", "app.py", "v2")).withHealth(new HealthSpec(
            "http://127.0.0.1:8000/health", null, null, Duration.ofSeconds(2), null, null, null, null));
    static final UpdateSettings SETTINGS = new UpdateSettings(Duration.ofSeconds(30), Duration.ofSeconds(5),
            Duration.ofMinutes(2), Duration.ofSeconds(5), 2, 3, InconclusivePolicy.PAUSE,
            Duration.ofMinutes(30));

    TestBackend backend;
    GovernanceStore store;
    DeployHistory history;
    DeployHistory other;

    abstract TestBackend backend() throws Exception;

    @BeforeAll
    void open() throws Exception {
        backend = backend();
        store = GovernanceStore.open(backend.url());
        history = new DeployHistory(store.jdbi(), "agent-a");
        other = new DeployHistory(store.jdbi(), "agent-b");
    }

    @AfterAll
    void closeAll() throws Exception {
        if (store != null) {
            store.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static DeployRecord pending(String service, Instant at) {
        return pending(service, at, "agent-a");
    }

    private static DeployRecord pending(String service, Instant at, String host) {
        return new DeployRecord(UUID.randomUUID().toString(), service, null, "alice", "production", Phase.PENDING,
                null, "no rule requires an assessment", V1, V2, SETTINGS, at, at, null, host);
    }

    @Test
    void record_roundTripsSpecsAndSettings_andEveryPhaseIsAStep() {
        DeployRecord d = pending("web-" + UUID.randomUUID(), T0);
        history.insert(d);
        DeployRecord applying = d.moved(Phase.APPLYING, null, "applying", T0.plusSeconds(1));
        history.update(applying);
        DeployRecord watching = applying.watching(T0.plusSeconds(3), "watching", T0.plusSeconds(3));
        history.update(watching);
        DeployRecord rolled = watching.moved(Phase.ROLLED_BACK, Verdict.FAILED, "rolled back", T0.plusSeconds(9));
        history.update(rolled);

        assertThat(history.find(d.id())).contains(rolled);
        assertThat(history.steps(d.id())).extracting(step -> step.phase() + ": " + step.detail())
                .containsExactly("PENDING: no rule requires an assessment", "APPLYING: applying",
                        "WATCHING: watching", "ROLLED_BACK: rolled back");
        assertThat(SpecJson.diff(rolled.previous(), rolled.next())).hasSize(3).anyMatch(line -> line.startsWith(
                "command: [\"python3\",\"app.py\",\"v1\"] -> [\"python3\",\"app.py\",\"v2\"]"));
    }

    @Test
    void unfinished_listsWhatARestartMustRecover_andServiceHistoryIsNewestFirst() {
        String service = "api-" + UUID.randomUUID();
        DeployRecord old = pending(service, T0);
        DeployRecord recent = pending(service, T0.plusSeconds(60));
        history.insert(old);
        history.insert(recent);
        history.update(old.moved(Phase.PROMOTED, Verdict.SUCCESSFUL, "promoted", T0.plusSeconds(30)));

        assertThat(history.forService(service)).extracting(DeployRecord::id).containsExactly(recent.id(), old.id());
        assertThat(history.unfinished()).extracting(DeployRecord::id).contains(recent.id()).doesNotContain(old.id());
    }

    @Test
    void agentsSharingTheTable_decideFromTheirOwnDeploys_andListTheFleets() {
        String service = "shared-" + UUID.randomUUID();
        DeployRecord mine = pending(service, T0);
        DeployRecord theirs = pending(service, T0.plusSeconds(10), "agent-b");
        DeployRecord legacy = pending(service, T0.minusSeconds(10), null);
        history.insert(mine);
        other.insert(theirs);
        history.insert(legacy);

        assertThat(history.forService(service)).extracting(DeployRecord::id).containsExactly(mine.id(), legacy.id());
        assertThat(other.forService(service)).extracting(DeployRecord::id).containsExactly(theirs.id(), legacy.id());
        assertThat(history.unfinished()).extracting(DeployRecord::id).contains(mine.id()).doesNotContain(theirs.id());
        assertThat(history.list(10, service, null)).extracting(DeployRecord::id)
                .containsExactly(theirs.id(), mine.id(), legacy.id());
        assertThat(history.list(10, service, "agent-b")).extracting(DeployRecord::id).containsExactly(theirs.id());
        assertThat(history.find(theirs.id())).map(DeployRecord::host).contains("agent-b");
    }

    @Test
    void updateOfAnUnknownDeploy_isRefused() {
        DeployRecord ghost = pending("ghost", T0);
        assertThatThrownBy(() -> history.update(ghost)).isInstanceOf(DeployException.class)
                .hasMessageContaining("deploy " + ghost.id() + " is not stored");
    }
}
