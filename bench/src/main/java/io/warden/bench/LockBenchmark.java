package io.warden.bench;

import io.warden.lock.InstanceLock;
import io.warden.lock.PidRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process cost of taking and releasing an instance lock: open + tryLock + atomic PID file write
 * (temp + rename) + delete + release. Sampled, so the report has the median and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LockBenchmark {

    private Path dir;
    private PidRecord record;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("warden-lock-bench");
        record = PidRecord.ofCurrentProcess("bench", 54112, "bench");
    }

    @Benchmark
    public boolean acquireAndRelease() {
        try (InstanceLock lock = InstanceLock.acquire(dir, "bench", record)) {
            return lock.isHeld();
        }
    }
}
