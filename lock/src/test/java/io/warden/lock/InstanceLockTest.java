package io.warden.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceLockTest {

    @TempDir
    Path dir;

    private static PidRecord self(int port) {
        return PidRecord.ofCurrentProcess("test", port, "test");
    }

    @Test
    void acquire_writesPidFileWithOurPidFirst_andCloseRemovesIt() throws Exception {
        try (InstanceLock lock = InstanceLock.acquire(dir, "backend", self(54112))) {
            List<String> lines = Files.readAllLines(lock.pidFile());
            assertThat(lines.getFirst()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(lines).contains("port=54112");
            assertThat(lock.isHeld()).isTrue();
        }
        assertThat(dir.resolve("backend.pid")).doesNotExist();
        try (InstanceLock again = InstanceLock.acquire(dir, "backend", self(0))) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void secondAttemptInSameJvm_isRefusedWithHolderPidPortAndHowToStop() {
        try (InstanceLock lock = InstanceLock.acquire(dir, "backend", self(54112))) {
            assertThatThrownBy(() -> InstanceLock.acquire(dir, "backend", self(54112)))
                    .isInstanceOf(AlreadyRunningException.class)
                    .hasMessageStartingWith("backend is already running (PID " + ProcessHandle.current().pid()
                            + ", port 54112, up since ")
                    .hasMessageContaining("PID file: " + lock.pidFile())
                    .hasMessageEndingWith("Stop it with: kill " + ProcessHandle.current().pid());
        }
    }

    @Test
    void holderThatSaysHowItIsStopped_isQuotedInTheRefusal_andTheRecordKeepsItAcrossUpdates() throws Exception {
        String stop = "warden stop backend --state-dir " + dir.toAbsolutePath();
        try (InstanceLock lock = InstanceLock.acquire(dir, "backend", self(54112).withStop(stop))) {
            lock.update(lock.record().withChild(ProcessHandle.current(), "python3 main.py").withPort(8000));
            assertThat(PidRecord.parse(Files.readString(lock.pidFile())).stop()).isEqualTo(stop);
            assertThatThrownBy(() -> InstanceLock.acquire(dir, "backend", self(54112)))
                    .isInstanceOf(AlreadyRunningException.class)
                    .hasMessageEndingWith("Stop it with: " + stop)
                    .message().doesNotContain("kill");
        }
    }

    @Test
    void hundredThreadsRacing_exactlyOneHolder_othersRefusedWithHolderPid() throws Exception {
        long me = ProcessHandle.current().pid();
        for (int round = 0; round < 20; round++) {
            var holders = new ConcurrentLinkedQueue<InstanceLock>();
            var refusals = new ConcurrentLinkedQueue<AlreadyRunningException>();
            var failures = new ConcurrentLinkedQueue<Throwable>();
            var gate = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(100)) {
                for (int i = 0; i < 100; i++) {
                    pool.submit(() -> {
                        try {
                            gate.await();
                            holders.add(InstanceLock.acquire(dir, "race", self(0)));
                        } catch (AlreadyRunningException e) {
                            refusals.add(e);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                }
                gate.countDown();
            }
            assertThat(failures).isEmpty();
            assertThat(holders).hasSize(1);
            assertThat(refusals).hasSize(99)
                    .allSatisfy(e -> assertThat(e.holder()).hasValueSatisfying(h -> assertThat(h.pid()).isEqualTo(me)));
            holders.forEach(InstanceLock::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty", "garbage", "binary", "negative", "huge", "unrelated-live-pid"})
    void leftoverPidFileWithoutLock_neverBlocksAStart(String kind) throws Exception {
        Path pidFile = dir.resolve("backend.pid");
        switch (kind) {
            case "empty" -> Files.write(pidFile, new byte[0]);
            case "garbage" -> Files.writeString(pidFile, "not a pid\nstarted=yesterday\n");
            case "binary" -> Files.write(pidFile, new byte[] {0, (byte) 0xff, 0x13, 0x37, 0, 0, (byte) 0x80});
            case "negative" -> Files.writeString(pidFile, "-42\n");
            case "huge" -> Files.write(pidFile, "9".repeat(200_000).getBytes(StandardCharsets.US_ASCII));
            case "unrelated-live-pid" -> {
                // PID 1 is alive and is not us: a recycled PID must not be taken for a holder.
                Files.writeString(pidFile, new PidRecord(1, Instant.parse("2001-01-01T00:00:00Z"), 54112,
                        "python main.py", "h", "v", 1, Instant.parse("2001-01-01T00:00:00Z"), "python main.py")
                        .toFileText());
            }
            default -> throw new IllegalArgumentException(kind);
        }
        try (InstanceLock lock = InstanceLock.acquire(dir, "backend", self(54112))) {
            assertThat(lock.survivor()).isEmpty();
            assertThat(Files.readAllLines(pidFile).getFirst()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void previousHoldersChildStillRunning_isRecognisedAsSurvivor_butNotWhenStartInstantDiffers() throws Exception {
        Process orphan = new ProcessBuilder("sleep", "60").start();
        try {
            PidRecord deadWrapper = new PidRecord(Integer.MAX_VALUE - 7, Instant.parse("2020-01-01T00:00:00Z"), 0,
                    "warden run", "h", "v", 0, null, "").withChild(orphan.toHandle(), "sleep 60");
            Files.writeString(dir.resolve("svc.pid"), deadWrapper.toFileText());
            try (InstanceLock lock = InstanceLock.acquire(dir, "svc", self(0))) {
                assertThat(lock.survivor()).map(ProcessHandle::pid).hasValue(orphan.pid());
                assertThat(lock.previous()).map(PidRecord::childCommand).hasValue("sleep 60");
                assertThat(lock.record().childPid()).isEqualTo(orphan.pid());
            }
            // Released while the survivor runs: the PID file keeps naming it for the next holder.
            try (InstanceLock lock = InstanceLock.acquire(dir, "svc", self(0))) {
                assertThat(lock.survivor()).map(ProcessHandle::pid).hasValue(orphan.pid());
                lock.update(lock.record().withoutChild());
            }
            assertThat(dir.resolve("svc.pid")).doesNotExist();
            PidRecord recycled = new PidRecord(deadWrapper.pid(), deadWrapper.started(), 0, "warden run", "h", "v",
                    orphan.pid(), deadWrapper.childStarted().minusSeconds(3600), "sleep 60");
            Files.writeString(dir.resolve("svc.pid"), recycled.toFileText());
            try (InstanceLock lock = InstanceLock.acquire(dir, "svc", self(0))) {
                assertThat(lock.survivor()).isEmpty();
            }
        } finally {
            orphan.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void missingStateDir_isCreated() {
        Path nested = dir.resolve("a/b/state");
        try (InstanceLock lock = InstanceLock.acquire(nested, "x", self(0))) {
            assertThat(nested.resolve("x.lock")).exists();
        }
    }

    @Test
    void stateDirThatCannotBeCreated_namesPathAndReason() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> InstanceLock.acquire(file.resolve("state"), "x", self(0)))
                .isInstanceOf(LockException.class)
                .isNotInstanceOf(AlreadyRunningException.class)
                .hasMessageContaining("cannot create state directory " + file.resolve("state"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/b", "", ".hidden", "with space"})
    void invalidNames_areRefusedWithTheRule(String name) {
        assertThatThrownBy(() -> InstanceLock.acquire(dir, name, self(0)))
                .isInstanceOf(LockException.class)
                .hasMessageContaining("invalid instance name '" + name + "'");
    }

    @Test
    void update_rewritesThePidFileAtomically() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try (InstanceLock lock = InstanceLock.acquire(dir, "svc", self(8000))) {
            lock.update(lock.record().withChild(child.toHandle(), "sleep 30"));
            PidRecord onDisk = PidRecord.parse(Files.readString(lock.pidFile()));
            assertThat(onDisk.childPid()).isEqualTo(child.pid());
            assertThat(onDisk.liveChild()).isPresent();
            assertThat(dir.resolve("svc.pid.tmp")).doesNotExist();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void pidRecord_roundTripsCommandsWithNewlinesAndBackslashes() {
        PidRecord record = new PidRecord(42, Instant.parse("2026-01-02T03:04:05.678Z"), 80, "a\\b\nc=d", "host",
                "1.0", 43, Instant.parse("2026-01-02T03:04:06Z"), "python -c 'print(1)'");
        assertThat(PidRecord.parse(record.toFileText())).isEqualTo(record);
    }

    @Test
    void pidRecord_refusesAPortPast32Bits_insteadOfCuttingIt() {
        // 2^32 + 54112 was read as port 54112: the long was cut to an int.
        assertThatThrownBy(() -> PidRecord.parse("17\nstarted=2026-12-07T21:00:00Z\nport=4295021408\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port must be 0..65535");
    }

    @Test
    void concurrentAcquireAndClose_neverLeavesTheLockStuck() throws Exception {
        var acquired = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> {
                    try (InstanceLock lock = InstanceLock.acquire(dir, "churn", self(0))) {
                        acquired.incrementAndGet();
                    } catch (AlreadyRunningException expected) {
                        // another thread holds it right now
                    }
                }));
            }
            for (var future : futures) {
                future.get();
            }
        }
        assertThat(acquired.get()).isPositive();
        try (InstanceLock lock = InstanceLock.acquire(dir, "churn", self(0))) {
            assertThat(lock.isHeld()).isTrue();
        }
    }
}
