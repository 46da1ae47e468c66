package io.warden.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Races and crashes between real OS processes. */
class InstanceLockProcessTest {

    @TempDir
    Path dir;

    @Test
    void sixteenProcessesRacing_exactlyOneHolds_everyOtherIsRefusedWithItsPid() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path gate = dir.resolve("go-" + round);
            List<Process> racers = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    racers.add(Fixtures.java(LockHolderFixture.class, dir.toString(), "race", gate.toString()));
                }
                Files.createFile(gate);
                List<String> answers = new ArrayList<>();
                for (Process racer : racers) {
                    answers.add(Fixtures.firstLine(racer));
                }
                List<String> acquired = answers.stream().filter(a -> a.startsWith("ACQUIRED ")).toList();
                assertThat(acquired).as("answers: %s", answers).hasSize(1);
                String winnerPid = acquired.getFirst().substring("ACQUIRED ".length());
                assertThat(answers.stream().filter(a -> a.startsWith("REFUSED ")))
                        .hasSize(15)
                        .allSatisfy(a -> assertThat(a).contains("(PID " + winnerPid + ", port 4000"));
                for (Process racer : racers) {
                    if (racer.pid() != Long.parseLong(winnerPid)) {
                        assertThat(racer.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        assertThat(racer.exitValue()).isEqualTo(3);
                    }
                }
            } finally {
                for (Process racer : racers) {
                    racer.getOutputStream().close();
                    racer.waitFor(30, TimeUnit.SECONDS);
                    racer.destroyForcibly();
                }
            }
            assertThat(dir.resolve("race.pid")).doesNotExist();
        }
    }

    @Test
    void killMinus9OfTheHolder_nextAttemptSucceedsAtOnce_andLogsTheReplacement() throws Exception {
        Process holder = Fixtures.java(LockHolderFixture.class, dir.toString(), "victim");
        assertThat(Fixtures.firstLine(holder)).isEqualTo("ACQUIRED " + holder.pid());
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> logged = new ArrayList<>();
        Handler capture = capture(logged);
        try (InstanceLock lock = InstanceLock.acquire(dir, "victim", PidRecord.ofCurrentProcess("t", 0, "t"))) {
            assertThat(lock.previous()).map(PidRecord::pid).hasValue(holder.pid());
            assertThat(Files.readAllLines(lock.pidFile()).getFirst())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(logged).anySatisfy(line -> assertThat(line)
                    .contains("replaced stale PID file " + lock.pidFile())
                    .contains("PID " + holder.pid()));
        } finally {
            Logger.getLogger(InstanceLock.class.getName()).removeHandler(capture);
        }
    }

    @Test
    void holderInAnotherProcess_refusesThisJvm_untilItExits() throws Exception {
        Process holder = Fixtures.java(LockHolderFixture.class, dir.toString(), "shared");
        try {
            assertThat(Fixtures.firstLine(holder)).startsWith("ACQUIRED");
            var refusal = org.assertj.core.api.Assertions.catchThrowableOfType(AlreadyRunningException.class,
                    () -> InstanceLock.acquire(dir, "shared", PidRecord.ofCurrentProcess("t", 0, "t")));
            assertThat(refusal.holder()).map(PidRecord::pid).hasValue(holder.pid());
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (InstanceLock lock = InstanceLock.acquire(dir, "shared", PidRecord.ofCurrentProcess("t", 0, "t"))) {
                    assertThat(lock.previous()).isEmpty();
                }
            });
        } finally {
            holder.destroyForcibly();
        }
    }

    private static Handler capture(List<String> sink) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (sink) {
                    sink.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(InstanceLock.class.getName()).addHandler(handler);
        return handler;
    }

}
