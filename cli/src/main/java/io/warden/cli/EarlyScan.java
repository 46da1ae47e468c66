package io.warden.cli;

import io.warden.supervisor.doctor.HostScanner;
import io.warden.supervisor.doctor.HostSnapshot;
import io.warden.supervisor.doctor.Listener;
import io.warden.supervisor.doctor.ProcessRow;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A host scanner whose first scan starts at once on its own thread, while the command reads the
 * config (on two cores the two overlap; with OSHI, off Linux, its start-up and the scan take about
 * as long as loading warden.yaml). Later scans (after {@code --fix}) are fresh. Thread safe.
 */
final class EarlyScan implements HostScanner {

    private final CompletableFuture<HostScanner> scanner = new CompletableFuture<>();
    private final CompletableFuture<HostSnapshot> first = new CompletableFuture<>();
    private final AtomicBoolean firstTaken = new AtomicBoolean();

    private EarlyScan() {
    }

    static EarlyScan start() {
        EarlyScan early = new EarlyScan();
        Thread.ofPlatform().daemon().name("warden-doctor-scan").start(() -> {
            try {
                HostScanner platform = HostScanner.platform();
                early.scanner.complete(platform);
                early.first.complete(platform.scan());
            } catch (RuntimeException | Error e) {
                early.scanner.completeExceptionally(e);
                early.first.completeExceptionally(e);
            }
        });
        return early;
    }

    @Override
    public HostSnapshot scan() {
        return firstTaken.compareAndSet(false, true) ? first.join() : scanner.join().scan();
    }

    @Override
    public List<Listener> listeners() {
        return scanner.join().listeners();
    }

    @Override
    public Optional<ProcessRow> process(long pid) {
        return scanner.join().process(pid);
    }
}
