package io.warden.supervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.ServiceState;
import io.warden.supervisor.ServiceStatus;
import io.warden.supervisor.Supervisor;
import io.warden.supervisor.TestHost;
import io.warden.supervisor.doctor.Diagnosis.ServiceReport;
import io.warden.supervisor.doctor.Diagnosis.Suspect;
import io.warden.supervisor.process.ProcessId;
import io.warden.supervisor.process.Signal;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.StopSpec;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The doctor against real processes: a supervised service, copies started by hand, an orphan. */
@EnabledOnOs(OS.LINUX)
class DoctorProcessTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final StopSpec QUICK_STOP = new StopSpec(Signal.TERM, Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final List<Process> byHand = new ArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void cleanUp() {
        if (supervisor != null) {
            supervisor.close();
        }
        byHand.forEach(Process::destroyForcibly);
    }

    private Supervisor supervise(Map<String, ServiceSpec> specs) {
        supervisor = TestHost.supervisor(specs, dir.resolve(".warden")).baseDir(dir).build();
        return supervisor;
    }

    private Doctor doctor(Map<String, ServiceSpec> specs) {
        return Doctor.builder(specs, dir.resolve(".warden")).baseDir(dir).supervisor(supervisor).build();
    }

    private Process byHand(List<String> command, Map<String, String> env) throws Exception {
        Process process = Fixtures.start(command, dir, env);
        byHand.add(process);
        return process;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void threeCopiesByHand_areListedExactly_andFixLeavesOnlyTheSupervisedInstance() throws Exception {
        int port = Fixtures.freePort();
        List<String> command = Fixtures.java(BackendFixture.class, port);
        Map<String, ServiceSpec> specs = Map.of("backend", new ServiceSpec(command, null,
                Map.of("READY_FILE", dir.resolve("ready-supervised").toString()), port, null, null, QUICK_STOP, null, null, null, null));
        supervise(specs).start("backend");
        Process holder = byHand(command, Map.of("LISTEN", "1", "READY_FILE", dir.resolve("ready-1").toString()));
        Process second = byHand(command, Map.of("READY_FILE", dir.resolve("ready-2").toString()));
        Process third = byHand(command, Map.of("READY_FILE", dir.resolve("ready-3").toString()));
        Process unrelated = byHand(Fixtures.java(OtherFixture.class, port), Map.of());
        await().atMost(PATIENCE).until(() -> List.of("ready-supervised", "ready-1", "ready-2", "ready-3").stream()
                .allMatch(name -> Files.exists(dir.resolve(name))) && listening(port));
        ServiceStatus supervised = supervisor.service("backend");

        Diagnosis diagnosis = doctor(specs).diagnose();

        ServiceReport backend = diagnosis.services().getFirst();
        assertThat(backend.supervised().pid()).isEqualTo(supervised.pid());
        assertThat(backend.duplicates()).extracting(Suspect::pid)
                .containsExactlyInAnyOrder(holder.pid(), second.pid(), third.pid())
                .doesNotContain(unrelated.pid());
        assertThat(backend.duplicates()).filteredOn(Suspect::holdsServicePort).extracting(Suspect::pid)
                .containsExactly(holder.pid());
        assertThat(backend.duplicates()).allSatisfy(copy -> {
            assertThat(copy.parentPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(copy.rssBytes()).isPositive();
            assertThat(copy.workdir()).isEqualTo(dir.toRealPath().toString());
            assertThat(copy.command()).isEqualTo(String.join(" ", command));
        });
        assertThat(backend.portOwners()).singleElement().satisfies(owner -> {
            assertThat(owner.pid()).isEqualTo(holder.pid());
            assertThat(owner.supervised()).isFalse();
        });
        assertThat(backend.orphans()).isEmpty();

        FixReport fix = doctor(specs).fix(diagnosis);

        assertThat(fix.actions()).extracting(FixReport.Action::pid)
                .containsExactlyInAnyOrder(holder.pid(), second.pid(), third.pid());
        assertThat(fix.actions()).extracting(FixReport.Action::outcome).containsOnly("stopped");
        assertThat(List.of(holder, second, third)).noneMatch(Process::isAlive);
        assertThat(unrelated.isAlive()).as("a similar process that was not listed").isTrue();
        ServiceStatus after = supervisor.service("backend");
        assertThat(after.state()).isEqualTo(ServiceState.RUNNING);
        assertThat(after.pid()).isEqualTo(supervised.pid());
        assertThat(fix.after().services().getFirst().duplicates()).isEmpty();
        assertThat(fix.after().clean()).isTrue();
    }

    @Test
    void grandchildOfAServiceKilledWithSigkill_isAnOrphan_andFixStopsIt() throws Exception {
        Path grandchildFile = dir.resolve("grandchild.pid");
        ServiceSpec forking = ServiceSpec.of(List.of("/bin/sh", "-c", "sleep 300 & echo $! > " + grandchildFile
                        + "; wait"))
                .withRestart(new RestartSpec(RestartPolicy.NO, null, null, null)).withStop(QUICK_STOP);
        Map<String, ServiceSpec> specs = Map.of("forking", forking);
        supervise(specs).start("forking");
        await().atMost(PATIENCE).until(() -> Files.exists(grandchildFile) && !Files.readString(grandchildFile).isBlank());
        long grandchildPid = Long.parseLong(Files.readString(grandchildFile).strip());
        ProcessId grandchild = ProcessId.of(ProcessHandle.of(grandchildPid).orElseThrow()).orElseThrow();
        ProcessHandle root = ProcessHandle.of(supervisor.service("forking").pid()).orElseThrow();
        root.destroyForcibly();
        await().atMost(PATIENCE).until(() -> supervisor.service("forking").state() == ServiceState.EXITED);

        Doctor doctor = doctor(specs);
        Diagnosis diagnosis = doctor.diagnose();

        ServiceReport report = diagnosis.services().getFirst();
        assertThat(report.supervised()).isNull();
        assertThat(report.orphans()).singleElement().satisfies(orphan -> {
            assertThat(orphan.pid()).isEqualTo(grandchildPid);
            assertThat(orphan.kind()).isEqualTo("reparented");
            assertThat(orphan.started()).isEqualTo(grandchild.started());
        });
        assertThat(report.duplicates()).isEmpty();

        FixReport fix = doctor.fix(diagnosis);

        assertThat(fix.actions()).singleElement().satisfies(action -> {
            assertThat(action.pid()).isEqualTo(grandchildPid);
            assertThat(action.outcome()).isEqualTo("stopped");
        });
        await().atMost(PATIENCE).until(() -> grandchild.live().isEmpty());
        assertThat(fix.after().services().getFirst().orphans()).isEmpty();
    }

    @Test
    void portHeldOutsideWarden_isReportedWithPidAndCommand_andTheServiceStartNamesIt() throws Exception {
        int port = Fixtures.freePort();
        List<String> squatterCommand = Fixtures.java(BackendFixture.class, port);
        Process squatter = byHand(squatterCommand, Map.of("LISTEN", "1"));
        await().atMost(PATIENCE).until(() -> listening(port));
        Map<String, ServiceSpec> specs = Map.of("web", new ServiceSpec(List.of("/bin/sh", "-c", "sleep 300"), null,
                null, port, null, null, QUICK_STOP, null, null, null, null));

        ServiceStatus status = supervise(specs).start("web").service();

        assertThat(status.state()).isEqualTo(ServiceState.FAILED);
        assertThat(status.reason()).startsWith("not started: port " + port + " is held by PID " + squatter.pid()
                + " (" + String.join(" ", squatterCommand) + "), outside this service.")
                .endsWith("warden doctor --port " + port + " tells more");
        Diagnosis diagnosis = doctor(specs).diagnose(port);
        assertThat(diagnosis.port().owners()).singleElement().satisfies(owner -> {
            assertThat(owner.pid()).isEqualTo(squatter.pid());
            assertThat(owner.command()).isEqualTo(String.join(" ", squatterCommand));
            assertThat(owner.supervised()).isFalse();
        });
        assertThat(diagnosis.port().outsideWarden()).isTrue();
        ServiceReport web = diagnosis.services().getFirst();
        assertThat(web.failed().reason()).isEqualTo(status.reason());
        assertThat(web.problems()).as("the conflict and the failure").isEqualTo(2);
    }
}
