package io.warden.supervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.lock.PidRecord;
import io.warden.supervisor.doctor.Diagnosis.ServiceReport;
import io.warden.supervisor.doctor.Diagnosis.Suspect;
import io.warden.supervisor.process.ProcessId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matching rules on fixtures: no processes, no files. */
class DiagnosticianTest {

    private static final String STATE = "/srv/api/.warden";
    private static final String PYTHON = "/usr/bin/python3.11";
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final ServiceTarget API = new ServiceTarget("api", List.of("python3", "main.py"), PYTHON,
            Set.of("python3", "/usr/bin/python3", PYTHON), false, "/srv/api", 8000, null);

    private final List<ProcessRow> rows = new ArrayList<>();
    private final List<Listener> listeners = new ArrayList<>();

    private static Instant started(long pid) {
        return T0.plusSeconds(pid);
    }

    private ProcessRow process(long pid, long parent, String workdir, String... args) {
        ProcessRow row = new ProcessRow(pid, parent, started(pid), PYTHON, List.of(args), workdir, 1024 * pid, "", "");
        rows.add(row);
        return row;
    }

    private void marked(long pid, long parent, String service, String stateDir) {
        rows.add(new ProcessRow(pid, parent, started(pid), "/usr/bin/sleep", List.of("sleep", "60"), "/", 0,
                service, stateDir));
    }

    private Diagnosis diagnose(StateFiles files, Map<String, ServiceView> daemonViews, Integer port) {
        return Diagnostician.diagnose(new Diagnostician.Inputs(List.of(API), STATE, files,
                new HostSnapshot(T0.plusSeconds(10_000), rows, listeners), daemonViews, 1, port));
    }

    private static Map<String, ServiceView> supervising(long root) {
        return Map.of("api", new ServiceView("api", "running", new ProcessId(root, started(root)), "started", null, null));
    }

    private static List<Long> pids(List<Suspect> suspects) {
        return suspects.stream().map(Suspect::pid).toList();
    }

    @Test
    void copiesOutsideTheSupervisedTree_areDuplicates_butNotItsWorkersNorSimilarCommands() {
        process(100, 1, "/srv/api", "java", "-jar", "warden.jar", "up");
        process(200, 100, "/srv/api", "python3", "main.py");          // supervised
        process(201, 200, "/srv/api", "python3", "main.py");          // its reloader worker
        process(300, 1, "/srv/api", "python3", "main.py");            // duplicate
        process(301, 300, "/srv/api", "python3", "main.py");          // covered by stopping 300's tree
        process(400, 1, "/srv/api", "/usr/bin/python3", "main.py");   // duplicate holding the port
        process(500, 1, "/srv/api", "python3", "other.py");           // same interpreter, other script
        process(600, 1, "/elsewhere", "python3", "main.py");          // another checkout
        process(700, 1, "", "python3", "main.py");                    // the OS hides its workdir
        process(800, 1, "/srv/api", "python3", "main.py", "--debug"); // other arguments
        listeners.add(new Listener(8000, 400, "tcp4"));
        listeners.add(new Listener(8000, 400, "tcp6"));

        Diagnosis diagnosis = diagnose(StateFiles.NONE, supervising(200), null);

        ServiceReport api = diagnosis.services().getFirst();
        assertThat(api.supervised()).isEqualTo(new ProcessId(200, started(200)));
        assertThat(pids(api.duplicates())).containsExactly(300L, 400L, 700L);
        assertThat(api.duplicates()).filteredOn(Suspect::holdsServicePort).extracting(Suspect::pid).containsExactly(400L);
        Suspect holder = api.duplicates().get(1);
        assertThat(holder.listening()).containsExactly(8000);
        assertThat(holder.parentPid()).isEqualTo(1);
        assertThat(holder.rssBytes()).isEqualTo(400 * 1024);
        assertThat(holder.why()).isEqualTo("runs the command of service api outside supervision "
                + "(the supervised instance is PID 200)");
        assertThat(api.portOwners()).singleElement().satisfies(owner -> {
            assertThat(owner.pid()).isEqualTo(400);
            assertThat(owner.command()).isEqualTo("/usr/bin/python3 main.py");
            assertThat(owner.supervised()).isFalse();
        });
        assertThat(api.orphans()).isEmpty();
        assertThat(api.problems()).as("3 duplicates; the port holder is one of them").isEqualTo(3);
        assertThat(diagnosis.clean()).isFalse();
    }

    @Test
    void withoutADaemon_thePidFileOfALiveHolderNamesTheSupervisedChild() {
        process(100, 1, "/srv/api", "java", "-jar", "warden.jar", "run", "--name", "api");
        process(200, 100, "/srv/api", "python3", "main.py");
        listeners.add(new Listener(8000, 200, "tcp4"));
        PidRecord record = new PidRecord(100, started(100), 8000, "warden run", "host", "1", 200, started(200), "python3 main.py");

        Diagnosis diagnosis = diagnose(new StateFiles(List.of(PidEntry.valid("api", STATE + "/api.pid", record)), Map.of()),
                null, 8000);

        ServiceReport api = diagnosis.services().getFirst();
        assertThat(api.supervised()).isEqualTo(new ProcessId(200, started(200)));
        assertThat(api.duplicates()).isEmpty();
        assertThat(api.portOwners()).singleElement().satisfies(owner -> {
            assertThat(owner.supervised()).isTrue();
            assertThat(owner.service()).isEqualTo("api");
        });
        assertThat(diagnosis.port().outsideWarden()).isFalse();
        assertThat(diagnosis.files()).isEmpty();
        assertThat(diagnosis.clean()).isTrue();
    }

    @Test
    void childOfADeadHolder_isAnOrphanOfThePreviousRun_andItsPidFileIsStale() {
        process(200, 1, "/srv/api", "python3", "main.py");
        process(201, 200, "/srv/api", "python3", "main.py");
        PidRecord record = new PidRecord(100, started(100), 8000, "warden up", "host", "1", 200, started(200), "python3 main.py");
        PidRecord recycled = new PidRecord(201, started(5), 0, "warden run", "host", "1", 0, null, "");

        Diagnosis diagnosis = diagnose(new StateFiles(List.of(PidEntry.valid("api", STATE + "/api.pid", record),
                PidEntry.corrupt("junk", STATE + "/junk.pid", "first line (the PID) is not a number: x"),
                PidEntry.valid("tool", STATE + "/tool.pid", recycled)), Map.of()),
                null, null);

        ServiceReport api = diagnosis.services().getFirst();
        assertThat(api.supervised()).isNull();
        assertThat(api.duplicates()).as("the orphan's tree is accounted for once").isEmpty();
        assertThat(api.orphans()).singleElement().satisfies(orphan -> {
            assertThat(orphan.kind()).isEqualTo("previous-run");
            assertThat(orphan.pid()).isEqualTo(200);
            assertThat(orphan.why()).startsWith("left running by a previous Warden run: its holder PID 100 (warden up) is gone");
        });
        assertThat(diagnosis.files()).extracting(Diagnosis.FileFinding::name, Diagnosis.FileFinding::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("api", "stale"),
                        org.assertj.core.groups.Tuple.tuple("junk", "corrupt"),
                        org.assertj.core.groups.Tuple.tuple("tool", "stale"));
        assertThat(diagnosis.files().getFirst().detail()).isEqualTo("its holder PID 100 (started "
                + started(100) + ") is gone; its child PID 200 still runs (listed as an orphan)");
        assertThat(diagnosis.problems()).isEqualTo(4);
    }

    @Test
    void markedProcessOutsideTheSupervisedTree_isAReparentedOrphan_listedOncePerTree() {
        process(100, 1, "/srv/api", "java", "-jar", "warden.jar", "up");
        process(200, 100, "/srv/api", "python3", "main.py");
        marked(201, 200, "api", STATE);     // inside the supervised tree
        marked(900, 100, "api", STATE);     // re-parented to the daemon (subreaper)
        marked(901, 900, "api", STATE);     // its child: stopped with it
        marked(902, 1, "api", "/other/.warden");  // another daemon's service of the same name
        marked(903, 1, "web", STATE);       // another service

        ServiceReport api = diagnose(StateFiles.NONE, supervising(200), null).services().getFirst();

        assertThat(api.orphans()).singleElement().satisfies(orphan -> {
            assertThat(orphan.kind()).isEqualTo("reparented");
            assertThat(orphan.pid()).isEqualTo(900);
        });
    }

    @Test
    void failedServiceFromEventsLog_andPortOwnedByAnUnnamedProcess_areProblems() {
        listeners.add(new Listener(8000, 0, "tcp4"));
        ServiceView failed = new ServiceView("api", "failed", null, "start limit reached: 5 starts within 1m", 1, T0);

        Diagnosis diagnosis = diagnose(new StateFiles(List.of(), Map.of("api", failed)), null, 8000);

        ServiceReport api = diagnosis.services().getFirst();
        assertThat(api.state()).isEqualTo("failed");
        assertThat(api.failed()).isEqualTo(new Diagnosis.Failure("start limit reached: 5 starts within 1m", 1, T0));
        assertThat(api.portOwners()).singleElement().satisfies(owner -> {
            assertThat(owner.pid()).isZero();
            assertThat(owner.supervised()).isFalse();
        });
        assertThat(api.problems()).isEqualTo(2);
        assertThat(diagnosis.port().outsideWarden()).isTrue();
    }

    @Test
    void scriptTarget_matchesItsInterpretersCommandLine() {
        ServiceTarget uvicorn = new ServiceTarget("api", List.of("uvicorn", "main:app"), "/usr/local/bin/uvicorn",
                Set.of("uvicorn", "/usr/local/bin/uvicorn"), true, "/srv/api", 0, null);

        assertThat(uvicorn.matches(new ProcessRow(1, 0, T0, PYTHON, List.of("/usr/bin/python3", "/usr/local/bin/uvicorn",
                "main:app"), "/srv/api", 0, "", ""))).isTrue();
        assertThat(uvicorn.matches(new ProcessRow(2, 0, T0, PYTHON, List.of("/usr/bin/python3", "/usr/local/bin/uvicorn",
                "other:app"), "/srv/api", 0, "", ""))).isFalse();
        assertThat(uvicorn.matches(new ProcessRow(3, 0, T0, PYTHON, List.of("/usr/bin/python3", "serve.py",
                "main:app"), "/srv/api", 0, "", ""))).isFalse();
    }

    @Test
    void unknownImage_fallsBackToTheFirstArgument() {
        assertThat(API.matches(new ProcessRow(1, 0, T0, "", List.of("/usr/bin/python3", "main.py"), "", 0, "", "")))
                .isTrue();
        assertThat(API.matches(new ProcessRow(2, 0, T0, "", List.of("python", "main.py"), "", 0, "", ""))).isFalse();
        assertThat(API.matches(new ProcessRow(3, 0, T0, PYTHON + " (deleted)", List.of("python3", "main.py"), "",
                0, "", ""))).as("an upgraded interpreter still runs the old image").isTrue();
    }
}
