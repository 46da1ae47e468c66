package io.warden.supervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.supervisor.process.ServiceMarks;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The /proc scanner: on a fixture tree (any OS with symbolic links), and on this Linux host against the JDK and OSHI. */
class ProcfsHostScannerTest {

    private static final long BOOT = 1_763_764_257L;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private static String stat(long pid, String name, char state, long ppid, long startTicks, long rssPages) {
        return pid + " (" + name + ") " + state + " " + ppid + " " + pid + " " + ppid
                + " 0 -1 4194560 500 0 0 0 150 25 0 0 20 0 1 0 " + startTicks + " 987654321 " + rssPages
                + " 18446744073709551615 1 1 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
    }

    private Path process(long pid, String stat, String cmdline, String environ, String exe, String cwd)
            throws Exception {
        Path p = Files.createDirectories(dir.resolve(Long.toString(pid)));
        Files.writeString(p.resolve("stat"), stat);
        Files.writeString(p.resolve("cmdline"), cmdline, StandardCharsets.UTF_8);
        Files.writeString(p.resolve("environ"), environ, StandardCharsets.UTF_8);
        if (exe != null) {
            Files.createSymbolicLink(p.resolve("exe"), Path.of(exe));
        }
        if (cwd != null) {
            Files.createSymbolicLink(p.resolve("cwd"), Path.of(cwd));
        }
        Files.createDirectories(p.resolve("fd"));
        return p;
    }

    @Test
    void fixtureTree_rowsListenersAndZombiesLeftOut() throws Exception {
        Files.createDirectories(dir.resolve("net"));
        Files.writeString(dir.resolve("net/tcp"), ProcfsTextTest.fixture("net-tcp.txt"));
        Files.writeString(dir.resolve("net/tcp6"), ProcfsTextTest.fixture("net-tcp6.txt"));
        Files.createDirectories(dir.resolve("self"));
        Path app = process(4242, stat(4242, "python3", 'S', 1, 413_691, 2500),
                "python3\0-m\0uvicorn\0main:app\0",
                "PATH=/usr/bin\0" + ServiceMarks.SERVICE + "=api\0" + ServiceMarks.STATE_DIR + "=/srv/app/.warden\0",
                "/usr/bin/python3.12", "/srv/app");
        Files.createSymbolicLink(app.resolve("fd/0"), Path.of("/dev/null"));
        Files.createSymbolicLink(app.resolve("fd/3"), Path.of("socket:[55501]"));
        Files.createSymbolicLink(app.resolve("fd/4"), Path.of("socket:[99999]"));
        Path worker = process(4250, stat(4250, "python3", 'S', 4242, 413_700, 1000), "python3\0worker\0", "",
                "/usr/bin/python3.12", "/srv/app");
        Files.createSymbolicLink(worker.resolve("fd/3"), Path.of("socket:[55501]"));
        process(4243, stat(4243, "defunct", 'Z', 4242, 413_800, 0), "", "", null, null);
        process(2, stat(2, "kthreadd", 'S', 0, 0, 0), "", "", null, null); // a kernel thread: no links

        ProcfsHostScanner scanner = new ProcfsHostScanner(dir.toString(), BOOT, 4096, false);
        HostSnapshot snapshot = scanner.scan();

        assertThat(snapshot.processes()).extracting(ProcessRow::pid).containsExactlyInAnyOrder(2L, 4242L, 4250L);
        assertThat(scanner.process(4242)).contains(new ProcessRow(4242, 1,
                Instant.ofEpochMilli(BOOT * 1000 + 4_136_910), "/usr/bin/python3.12",
                List.of("python3", "-m", "uvicorn", "main:app"), "/srv/app", 2500L * 4096, "api", "/srv/app/.warden"));
        assertThat(scanner.process(2)).contains(new ProcessRow(2, 0, Instant.ofEpochSecond(BOOT), "", List.of(), "",
                0, "", ""));
        assertThat(scanner.process(4243)).isEmpty();
        assertThat(scanner.process(999)).isEmpty();
        assertThat(snapshot.listeners()).containsExactlyInAnyOrder(new Listener(3306, 0, "tcp4"),
                new Listener(8080, 4242, "tcp4"), new Listener(8080, 4250, "tcp4"), new Listener(6379, 0, "tcp6"),
                new Listener(54194, 0, "tcp6"));
        assertThat(scanner.listeners()).containsExactlyInAnyOrderElementsOf(snapshot.listeners());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisHost_startInstantsEqualTheJdks_forEveryProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        started.add(sleeper);
        ProcfsHostScanner scanner = ProcfsHostScanner.open();
        assertThat(scanner).isNotNull();
        assertThat(scanner.computesStarts()).as("start instants computed, not asked of the JDK").isTrue();

        Optional<Instant> jdk = sleeper.toHandle().info().startInstant();
        assertThat(jdk).isPresent();
        assertThat(scanner.process(sleeper.pid()).map(ProcessRow::started)).isEqualTo(jdk);
        assertThat(scanner.process(ProcessHandle.current().pid()).map(ProcessRow::started))
                .isEqualTo(ProcessHandle.current().info().startInstant());

        HostSnapshot snapshot = scanner.scan();
        assertThat(snapshot.processes()).extracting(ProcessRow::pid).contains(sleeper.pid(),
                ProcessHandle.current().pid());
        int compared = 0;
        for (ProcessRow row : snapshot.processes()) {
            Optional<Instant> theirs = ProcessHandle.of(row.pid()).flatMap(h -> h.info().startInstant());
            if (theirs.isPresent()) { // gone meanwhile otherwise
                assertThat(row.started()).as("start of PID %d", row.pid()).isEqualTo(theirs.get());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(1);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisHost_sameRowsAsOshi_andOwnListeningSocket() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "61").directory(dir.toFile());
        builder.environment().putAll(Map.of(ServiceMarks.SERVICE, "api", ServiceMarks.STATE_DIR, "/x/.warden"));
        Process sleeper = builder.start();
        started.add(sleeper);
        ProcfsHostScanner procfs = ProcfsHostScanner.open();
        HostScanner oshi = OshiHostScanner.create();

        ProcessRow ours = procfs.process(sleeper.pid()).orElseThrow();
        ProcessRow theirs = oshi.process(sleeper.pid()).orElseThrow();
        assertThat(ours).usingRecursiveComparison().ignoringFields("rssBytes").isEqualTo(theirs);
        assertThat(ours.markService()).isEqualTo("api");
        assertThat(ours.workdir()).isEqualTo(dir.toRealPath().toString());
        assertThat(ours.arguments()).containsExactly("sleep", "61");
        assertThat(ours.rssBytes()).isPositive();

        try (ServerSocket socket = new ServerSocket(0)) {
            long self = ProcessHandle.current().pid();
            assertThat(procfs.listeners()).anyMatch(l -> l.port() == socket.getLocalPort() && l.pid() == self);
            assertThat(procfs.scan().listeners())
                    .anyMatch(l -> l.port() == socket.getLocalPort() && l.pid() == self);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void platform_onLinux_isTheProcfsScanner() {
        assertThat(HostScanner.platform()).isInstanceOf(ProcfsHostScanner.class);
    }
}
