package io.warden.supervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warden.os.OsFamily;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    private final List<Process> started = new ArrayList<>();
    private final ProcessTree tree = ProcessTree.platform();

    @AfterEach
    void killLeftovers() {
        // Orphans of a failed test are this JVM's children (subreaper); kill them by PID, not by name.
        started.forEach(process -> strays(process).forEach(ProcessHandle::destroyForcibly));
        started.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Test
    void stop_childIgnoringTerm_isKilledAfterTimeout() throws Exception {
        assumeTrue(!OsFamily.isWindows());
        Process child = shell("trap '' TERM; echo ready; while :; do sleep 1; done");

        StopReport report = tree.stop(child.toHandle(), Signal.TERM, Duration.ofMillis(300));

        assertThat(report.clean()).isTrue();
        assertThat(report.killed()).extracting(ProcessId::pid).contains(child.pid());
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void stop_childHandlingTerm_exitsWithoutKill() throws Exception {
        assumeTrue(!OsFamily.isWindows());
        Process child = shell("trap 'exit 0' TERM; echo ready; while :; do sleep 0.05; done");

        StopReport report = tree.stop(child.toHandle(), Signal.TERM, Duration.ofSeconds(30));

        assertThat(report.killed()).isEmpty();
        assertThat(report.stopped()).extracting(ProcessId::pid).contains(child.pid());
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stop_treeWithGrandchildrenAndDoubleFork_leavesNothingRunning() throws Exception {
        assumeTrue(OsFamily.isLinux());
        assertThat(Subreaper.enable()).isTrue();
        assertThat(Subreaper.isEnabled()).isTrue();
        // A worker, a nested shell with its own child, and a double fork whose sleep re-parents
        // to this JVM (the subreaper) before "ready" is printed.
        Process child = shell("(sleep 1000 &); sleep 1000 & sh -c 'sleep 1000 & wait' & echo ready; wait");
        // The shells fork and exec on their own schedule: wait until the whole tree exists,
        // the double-forked sleep re-parented to this JVM (the subreaper) included.
        List<ProcessId> before = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            before.clear();
            before.addAll(ProcessTree.members(child.toHandle()));
            List<ProcessHandle> orphans = strays(child);
            orphans.forEach(orphan -> ProcessId.of(orphan).ifPresent(before::add));
            return !orphans.isEmpty() && before.size() >= 5; // sh, sleep, sh, its sleep, the orphan
        });

        StopReport report = tree.stop(child.toHandle(), Signal.TERM, Duration.ofSeconds(5), () -> strays(child));

        assertThat(report.clean()).isTrue();
        assertThat(before).allSatisfy(member -> assertThat(member.live()).as("%s", member).isEmpty());
        // The five long-lived members were stopped by us; a transient subshell seen in `before`
        // (the one that forks the orphan) may have exited on its own before the stop began.
        assertThat(report.size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void liveIdentity_withAnotherStartInstant_isNotTheProcess() throws Exception {
        Process child = shell("echo ready; sleep 1000");
        ProcessId real = ProcessId.of(child.toHandle()).orElseThrow();
        ProcessId recycled = new ProcessId(child.pid(), real.started().minusSeconds(60));

        assertThat(real.live()).isPresent();
        assertThat(recycled.live()).isEmpty();
        StopReport report = tree.stop(child.toHandle(), Signal.TERM, Duration.ofSeconds(30));
        assertThat(report.clean()).isTrue();
        assertThat(real.live()).isEmpty();
    }

    @Test
    void send_toAnExitedProcess_returnsFalse() throws Exception {
        Process child = new ProcessBuilder("true").start();
        ProcessHandle handle = child.toHandle();
        child.waitFor();
        assertThat(ProcessSignals.platform().send(handle, Signal.TERM)).isFalse();
    }

    @Test
    void signal_parsesConfigSpellings() {
        assertThat(Signal.parse("TERM")).isEqualTo(Signal.TERM);
        assertThat(Signal.parse("sigint")).isEqualTo(Signal.INT);
        assertThat(Signal.parse(" HUP ")).isEqualTo(Signal.HUP);
        assertThatThrownBy(() -> Signal.parse("USR9"))
                .hasMessage("'USR9' is not a supported signal: use one of [HUP, INT, QUIT, KILL, TERM]");
    }

    @Test
    void stop_ofAnExitedRoot_isAnEmptyCleanReport() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        StopReport report = tree.stop(child.toHandle(), Signal.TERM, Duration.ofSeconds(1));
        assertThat(report.clean()).isTrue();
        assertThat(report.size()).isZero();
    }

    /** This JVM's children that are not processes this test started: the re-parented orphans. */
    private List<ProcessHandle> strays(Process root) {
        List<Long> ours = started.stream().map(Process::pid).toList();
        return ProcessHandle.current().children()
                .filter(child -> !ours.contains(child.pid()))
                .filter(child -> child.info().startInstant().map(s -> !s.isBefore(startOf(root))).orElse(false))
                .toList();
    }

    private static Instant startOf(Process process) {
        return process.info().startInstant().orElse(Instant.EPOCH);
    }

    /** Starts {@code sh -c script} and waits for its first line, "ready". */
    private Process shell(String script) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", script)
                .redirectErrorStream(true)
                .start();
        started.add(process);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("ready");
        return process;
    }
}
