package io.warden.supervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Spawner} gives a child, run against each implementation with real children
 * ({@code /bin/sh}, {@code /bin/sleep}): POSIX only.
 */
abstract class SpawnerContract {

    /** Generous: two busy cores. */
    static final long PATIENCE_SECONDS = 60;
    /** O_CLOEXEC in the octal flags of /proc/PID/fdinfo. */
    private static final int O_CLOEXEC = 02000000;

    @TempDir
    Path dir;

    final List<Child> spawned = new ArrayList<>();

    abstract Spawner spawner();

    @AfterEach
    void killLeftovers() throws Exception {
        for (Child child : spawned) {
            child.handle().destroyForcibly();
        }
        for (Child child : spawned) {
            child.exit().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    Child spawn(String... command) throws IOException {
        return spawn(Map.of(), command);
    }

    Child spawn(Map<String, String> env, String... command) throws IOException {
        Child child = spawner().spawn(new SpawnRequest(List.of(command), dir, env, dir.resolve("out"),
                dir.resolve("err")));
        spawned.add(child);
        return child;
    }

    static Integer exitCode(Child child) throws Exception {
        return child.exit().toCompletableFuture().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    String out() throws IOException {
        return Files.readString(dir.resolve("out"));
    }

    /** A line of /proc/PID/status, such as SigBlk, as a number. */
    static long status(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> Long.parseUnsignedLong(line.substring(field.length() + 1).strip(), 16))
                .findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 42})
    void exit_byItself_isItsExitStatus(int status) throws Exception {
        assertThat(exitCode(spawn("/bin/sh", "-c", "exit " + status))).isEqualTo(status);
    }

    @Test
    void exit_bySigkill_is137() throws Exception {
        Child child = spawn("/bin/sleep", "1000");

        assertThat(ProcessSignals.platform().send(child.handle(), Signal.KILL)).isTrue();

        assertThat(exitCode(child)).isEqualTo(128 + 9);
    }

    @Test
    void exit_bySigtermNotHandled_is143() throws Exception {
        Child child = spawn("/bin/sleep", "1000");

        assertThat(ProcessSignals.platform().send(child.handle(), Signal.TERM)).isTrue();

        assertThat(exitCode(child)).isEqualTo(128 + 15);
    }

    @Test
    void spawn_workdir_isTheChildsCurrentDirectory() throws Exception {
        assertThat(exitCode(spawn("/bin/sh", "-c", "pwd -P"))).isZero();

        assertThat(out()).isEqualTo(dir.toRealPath() + "\n");
    }

    @Test
    void spawn_environment_isTheDaemonsWithTheRequestsOnTop() throws Exception {
        Map<String, String> env = Map.of("WARDEN_SPAWN_TEST", "a value with spaces", "HOME", "/nowhere");

        assertThat(exitCode(spawn(env, "/bin/sh", "-c", "printf '%s|%s|%s' \"$WARDEN_SPAWN_TEST\" \"$HOME\" \"$PATH\"")))
                .isZero();

        assertThat(out()).isEqualTo("a value with spaces|/nowhere|" + System.getenv("PATH"));
    }

    @Test
    void spawn_programOnThePath_isFoundByName() throws Exception {
        assertThat(exitCode(spawn("sh", "-c", "exit 7"))).isEqualTo(7);
    }

    @Test
    void spawn_executableWithoutInterpreterLine_runsWithTheShell() throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "echo \"$0 $1\"; exit 5\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        assertThat(exitCode(spawn("./script", "arg"))).isEqualTo(5);

        assertThat(out()).isEqualTo("./script arg\n");
    }

    @Test
    void spawn_output_isAppendedToTheFiles_createdWhenMissing() throws Exception {
        Files.writeString(dir.resolve("out"), "before\n");

        assertThat(exitCode(spawn("/bin/sh", "-c", "echo out; echo err >&2"))).isZero();
        assertThat(exitCode(spawn("/bin/sh", "-c", "echo again; echo again >&2"))).isZero();

        assertThat(out()).isEqualTo("before\nout\nagain\n");
        assertThat(Files.readString(dir.resolve("err"))).isEqualTo("err\nagain\n");
    }

    @Test
    void spawn_stdin_isTheNullDevice() throws Exception {
        assertThat(exitCode(spawn("/bin/sh", "-c", "readlink /proc/self/fd/0; cat; echo end"))).isZero();

        assertThat(out()).isEqualTo("/dev/null\nend\n");
    }

    @Test
    void spawn_missingProgram_failsNamingTheCommandTheDirectoryAndTheReason() {
        String missing = dir.resolve("no-such-program").toString();

        assertThatThrownBy(() -> spawn(missing, "arg"))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.getMessage().strip()).isEqualTo("Cannot run program \"" + missing
                        + "\" (in directory \"" + dir + "\"): Exec failed, error: 2 (No such file or directory)"));
        assertThatThrownBy(() -> spawn("no-such-program-on-the-path"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("\"no-such-program-on-the-path\"").hasMessageContaining("No such file or directory");
    }

    @Test
    void spawn_missingWorkdir_failsNamingIt() {
        Path nowhere = dir.resolve("nowhere");

        assertThatThrownBy(() -> spawner().spawn(new SpawnRequest(List.of("/bin/true"), nowhere, Map.of(),
                dir.resolve("out"), dir.resolve("err"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("(in directory \"" + nowhere + "\")")
                .hasMessageContaining("No such file or directory");
    }

    @Test
    void spawn_descriptorTheDaemonHoldsWithoutCloseOnExec_isNotOpenInTheChild() throws Exception {
        Path held = Files.writeString(dir.resolve("held"), "secret");
        try (FileInputStream open = new FileInputStream(held.toFile())) {
            int fd = descriptorOf(held.toRealPath());
            assertThat(Integer.parseInt(Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd)).get(1)
                    .replace("flags:", "").strip(), 8) & O_CLOEXEC).as("held without O_CLOEXEC").isZero();

            assertThat(exitCode(spawn("/bin/sh", "-c", "ls /proc/$$/fd; readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2")))
                    .isZero();

            List<String> lines = Files.readAllLines(dir.resolve("out"));
            assertThat(lines.subList(0, 3)).containsExactly("0", "1", "2");
            Path real = dir.toRealPath();
            assertThat(lines.subList(3, lines.size())).containsExactly("/dev/null", real.resolve("out").toString(),
                    real.resolve("err").toString());
        }
    }

    @Test
    void spawn_signals_noneBlockedOrIgnoredInTheChild() throws Exception {
        Child child = spawn("/bin/sleep", "1000");

        assertThat(status(child.pid(), "SigBlk")).isZero();
        // 1-31: the standard signals (the JDK's child keeps glibc's internal 32 and 33 ignored).
        assertThat(status(child.pid(), "SigIgn") & 0x7fffffffL).isZero();
    }

    private static int descriptorOf(Path file) throws IOException {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the directory stream's own descriptor, closed meanwhile
                }
            }
        }
        throw new AssertionError(file + " is not open");
    }

    // The watchdog of a cluster singleton, over this spawner's tether.

    Child spawnWatched(Duration beatWithin, String... command) throws IOException {
        Watchdog watchdog = Watchdog.platform();
        assertThat(watchdog.tethered()).as("sh, setsid, timeout and head on the PATH").isTrue();
        Child child = spawner().spawn(new SpawnRequest(watchdog.wrap(List.of(command), beatWithin), dir, Map.of(),
                dir.resolve("out"), dir.resolve("err"), true));
        spawned.add(child);
        return child;
    }

    @Test
    void watchdog_passesTheServicesExitCodeOn() throws Exception {
        Child child = spawnWatched(Duration.ofSeconds(30), "/bin/sh", "-c", "exit 7");
        assertThat(exitCode(child)).isEqualTo(7);
    }

    @Test
    void watchdog_tetherClosed_killsTheServicesWholeGroup() throws Exception {
        Path pid = dir.resolve("worker.pid");
        Child child = spawnWatched(Duration.ofSeconds(30), "/bin/sh", "-c",
                "sleep 300 & echo $! > " + pid + "; wait");
        await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).until(() -> Files.exists(pid)
                && !Files.readString(pid).isBlank());
        ProcessHandle worker = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();

        child.tether().close(); // as the kernel does when the daemon dies

        assertThat(exitCode(child)).isEqualTo(128 + 9);
        await().atMost(Duration.ofSeconds(PATIENCE_SECONDS)).until(() -> !worker.isAlive());
    }

    @Test
    void watchdog_beatsKeepTheServiceRunning_withoutThemItIsKilled() throws Exception {
        Child child = spawnWatched(Duration.ofSeconds(3), "/bin/sleep", "300");
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) { // longer than beatWithin: only the beats keep it alive
            child.tether().beat();
            Thread.sleep(200);
        }
        assertThat(child.handle().isAlive()).as("alive while beaten").isTrue();

        assertThat(exitCode(child)).as("killed without beats").isEqualTo(128 + 9);
    }
}
