package io.warden.supervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinuxSpawnerTest extends SpawnerContract {

    private Spawner spawner;

    @BeforeEach
    void linux() {
        Optional<Spawner> linux = LinuxSpawner.create();
        assumeTrue(linux.isPresent(), "needs Linux >= 5.4 on x86_64 or aarch64 and glibc >= 2.34");
        spawner = linux.get();
    }

    @Override
    Spawner spawner() {
        return spawner;
    }

    @Test
    void platform_onThisLinux_isTheLinuxSpawner() {
        assertThat(Spawner.platform()).isInstanceOf(LinuxSpawner.class);
    }

    /** The signal calls a test needs to make the daemon ignore and block a signal. */
    interface Signals extends Library {
        int SIGWINCH = 28;
        int SIG_BLOCK = 0;
        int SIG_SETMASK = 2;

        Pointer signal(int signal, Pointer handler);

        int sigemptyset(Pointer set);

        int sigaddset(Pointer set, int signal);

        int pthread_sigmask(int how, Pointer set, Pointer old);
    }

    @Test
    void spawn_signalTheDaemonIgnoresAndBlocks_isDefaultAndUnblockedInTheChild() throws Exception {
        Signals signals = Native.load("c", Signals.class);
        // SIGWINCH: its default is to be ignored and the JVM does not handle it, so nothing changes
        // for the test JVM while it is ignored and blocked.
        Pointer previous = signals.signal(Signals.SIGWINCH, Pointer.createConstant(1)); // SIG_IGN
        try {
            CompletableFuture<Child> spawned = new CompletableFuture<>();
            // Blocked in the spawning thread only: a platform thread of the test's own.
            Thread spawning = Thread.ofPlatform().start(() -> {
                Memory set = new Memory(128);
                Memory old = new Memory(128);
                signals.sigemptyset(set);
                signals.sigaddset(set, Signals.SIGWINCH);
                signals.pthread_sigmask(Signals.SIG_BLOCK, set, old);
                try {
                    spawned.complete(spawn("/bin/sleep", "1000"));
                } catch (Exception | Error e) {
                    spawned.completeExceptionally(e);
                } finally {
                    signals.pthread_sigmask(Signals.SIG_SETMASK, old, null);
                }
            });
            spawning.join();
            Child child = spawned.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(status(ProcessHandle.current().pid(), "SigIgn") & (1L << (Signals.SIGWINCH - 1)))
                    .as("ignored by the daemon").isNotZero();

            assertThat(status(child.pid(), "SigBlk")).isZero();
            assertThat(status(child.pid(), "SigIgn")).isZero();
        } finally {
            signals.signal(Signals.SIGWINCH, previous);
        }
    }

    @Test
    void spawn_fiftyChildren_addNoThreadPerChild() throws Exception {
        exitCode(spawn("/bin/true")); // the reaper's thread exists from here on
        spawned.clear();
        Map<String, Long> before = threadNames();
        int countBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        for (int i = 0; i < 50; i++) {
            spawn("/bin/sleep", "1000");
        }

        Map<String, Long> after = threadNames();
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(countBefore + 2);
        assertThat(after.values().stream().mapToLong(Long::longValue).sum())
                .isLessThanOrEqualTo(before.values().stream().mapToLong(Long::longValue).sum() + 2);
        assertThat(after.getOrDefault("process reaper", 0L)).isEqualTo(before.getOrDefault("process reaper", 0L));
        assertThat(after.get("warden-reaper")).isEqualTo(1L);
        assertThat(spawned).allSatisfy(child -> assertThat(child.handle().isAlive()).isTrue());
    }

    /** Live platform threads by name. */
    private static Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(Thread::getName, Collectors.counting()));
    }

    @Test
    void reaper_burstOf200ShortChildren_reportsEveryExitCodeOnce() throws Exception {
        Map<Long, Integer> expected = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> reports = new ConcurrentHashMap<>();
        Map<Long, Integer> reported = new ConcurrentHashMap<>();
        List<CompletableFuture<Integer>> exits = new ArrayList<>();
        ExecutorService spawners = Executors.newFixedThreadPool(4);
        try {
            List<Future<Child>> starts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int code = i % 256;
                starts.add(spawners.submit(() -> {
                    Child child = spawn("/bin/sh", "-c", "exit " + code);
                    expected.put(child.pid(), code);
                    return child;
                }));
            }
            for (Future<Child> start : starts) {
                Child child = start.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
                reports.put(child.pid(), new AtomicInteger());
                exits.add(child.exit().toCompletableFuture().whenComplete((code, error) -> {
                    reports.get(child.pid()).incrementAndGet();
                    reported.put(child.pid(), code);
                }));
            }
        } finally {
            spawners.shutdown();
        }

        CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(PATIENCE_SECONDS, TimeUnit.SECONDS);

        assertThat(reported).hasSize(200).isEqualTo(expected);
        assertThat(reports.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        Set<Long> pids = expected.keySet();
        assertThat(pids).noneMatch(PidfdReaper::watches);
        // Reaped: none of them is left a zombie child of this JVM.
        assertThat(DaemonChildren.list().map(ProcessHandle::pid).filter(pids::contains)
                .filter(ProcessId::isZombie)).isEmpty();
    }
}
