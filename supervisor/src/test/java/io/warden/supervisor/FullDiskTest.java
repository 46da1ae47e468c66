package io.warden.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state dir on a real 2 MB tmpfs, filled up while a service prints: the service keeps
 * running (its spool writes land in blocks reserved ahead), its output is dropped while there is
 * no space, and one marker line says how much once space returns (journald's promise); its events
 * say when the dropping began and ended. A start on the full disk backs off and retries until
 * there is space again, never failed for it. Skipped where this machine does not let the test mount.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Test
    void aFullStateDir_dropsAndCountsOutput_andTheServiceKeepsRunning() throws Exception {
        onTmpfs("size=2m", this::printWhileTheDiskFills);
    }

    @Test
    void aStartOnAFullDisk_backsOff_andRunsByItselfOnceSpaceReturns() throws Exception {
        onTmpfs("size=2m,nr_inodes=64", this::restartOnAFullDisk);
    }

    private interface StateDirTest {
        void run(Path state) throws Exception;
    }

    /** Runs {@code test} with a fresh tmpfs mounted with {@code options} as its state dir. */
    private void onTmpfs(String options, StateDirTest test) throws Exception {
        Path state = Files.createDirectory(dir.resolve("state"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", options + ",mode=0700", "tmpfs", state.toString()) == 0,
                "cannot mount a tmpfs here (needs root): skipped");
        try {
            test.run(state);
        } finally {
            run("umount", "-l", state.toString());
        }
    }

    private void restartOnAFullDisk(Path state) throws Exception {
        ServiceSpec sleeper = ServiceSpec.of(List.of("python3", "-u", "-c", "import time\nprint('up', flush=True)\n"
                + "time.sleep(300)")).withRestart(new RestartSpec(null, new Backoff(Duration.ofMillis(200),
                Duration.ofSeconds(1), 2.0, 0.0), null, null));
        try (Supervisor supervisor = TestHost.supervisor(Map.of("sleeper", sleeper), state).build()) {
            supervisor.startAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.service("sleeper").state() == ServiceState.RUNNING);
            // No block and no inode left: the start's new spool files cannot be made.
            Path filler = state.resolve("filler");
            fill(filler);
            Path inodes = Files.createDirectory(state.resolve("inodes"));
            fillInodes(inodes);
            supervisor.restart("sleeper"); // runs: its spool files were made ahead, after the last start
            supervisor.restart("sleeper"); // needs new ones
            // Many tries while the disk stays full (the default start limit is 5 in 10 s): each
            // one backs off again, none fails the service.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ServiceStatus now = supervisor.service("sleeper");
                assertThat(now.restarts()).as(now.toString()).isGreaterThanOrEqualTo(6);
            });
            ServiceStatus waiting = supervisor.service("sleeper");
            assertThat(waiting.state()).isIn(ServiceState.BACKOFF, ServiceState.STARTING);
            assertThat(supervisor.events(null)).extracting(ServiceEvent::to).doesNotContain(ServiceState.FAILED);
            assertThat(supervisor.events(null)).anySatisfy(event -> {
                assertThat(event.to()).isEqualTo(ServiceState.BACKOFF);
                assertThat(event.reason()).contains("cannot prepare the output files", "No space left on device",
                        "retry");
            });

            Files.delete(filler);
            try (var files = Files.list(inodes)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.service("sleeper").state() == ServiceState.RUNNING);
        }
    }

    private void printWhileTheDiskFills(Path state) throws Exception {
        ServiceSpec printer = ServiceSpec.of(List.of("python3", "-u", "-c",
                "import time\ni = 0\nwhile True:\n    print('line %d %s' % (i, 'x' * 100), flush=True)\n"
                        + "    i += 1\n    time.sleep(0.005)"));
        Path log = state.resolve("logs/printer.log");
        try (Supervisor supervisor = TestHost.supervisor(Map.of("printer", printer), state).build()) {
            supervisor.startAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(log) && lines(log) > 20);
            long pid = supervisor.service("printer").pid();

            Path filler = state.resolve("filler");
            fill(filler);
            // The disk stays full for a while: a service that dies writing would die now.
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            assertThat(supervisor.service("printer").state()).isEqualTo(ServiceState.RUNNING);
            assertThat(supervisor.service("printer").pid()).isEqualTo(pid);

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log, StandardCharsets.UTF_8)
                    .matches("(?s).*\\[warden] \\d+ bytes of output dropped: no space left on device\\n.*line \\d+ x+\\n.*"));
            // A marker each time some space came back (the spool's punched blocks free a little
            // while the disk is full): never a torn or partial line in between.
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertThat(all).allMatch(line -> line.matches("\\S+ (out|err) (line \\d+ x{100}|\\[warden] \\d+ bytes of "
                    + "output dropped: no space left on device)"));
            assertThat(supervisor.service("printer").pid()).isEqualTo(pid);
            // The events say when the output began to be dropped and when it was logged again.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(supervisor.events(null))
                    .filteredOn(event -> event.from() == ServiceState.RUNNING && event.to() == ServiceState.RUNNING)
                    .extracting(ServiceEvent::reason)
                    .anyMatch(reason -> reason.startsWith("output dropped: no space left on device"))
                    .anyMatch(reason -> reason.matches("output logged again: \\d+ bytes were dropped for lack of space")));
        }
    }

    private static long lines(Path log) throws IOException {
        try (var stream = Files.lines(log, StandardCharsets.UTF_8)) {
            return stream.count();
        }
    }

    /** Creates empty files until the file system refuses: it has no inode left then. */
    private static void fillInodes(Path inodes) {
        try {
            for (int i = 0; i < 1_000; i++) {
                Files.createFile(inodes.resolve("i" + i));
            }
            throw new AssertionError("a tmpfs of 64 inodes took 1,000 files");
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }

    /** Writes until the file system refuses: it is full then. */
    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(block);
            }
            throw new AssertionError("a 2 MB tmpfs took 64 MB");
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }
}
