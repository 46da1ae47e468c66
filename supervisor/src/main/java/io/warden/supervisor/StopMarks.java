package io.warden.supervisor;

import io.warden.lock.PrivateFiles;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.ServiceSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Function;

/**
 * The unless-stopped record: the stops by hand that outlive the daemon, {@code NAME.stopped}
 * beside the service's PID file, holding when it was stopped. A service with restart policy
 * {@code unless-stopped} that has one is not started with the daemon; a start by hand removes it.
 *
 * <p>Written through a temp file and a rename, so a daemon killed at any instant leaves the old
 * state or the new one, never a part. A mark that cannot be written or removed is logged, not
 * thrown: the stop or start it belongs to has happened. Thread safety: stateless apart from the
 * directory; callers serialise per service.
 */
final class StopMarks {

    private static final String SUFFIX = ".stopped";
    private static final System.Logger LOG = System.getLogger(StopMarks.class.getName());

    private final Path stateDir;
    private final Function<String, ServiceSpec> specs;
    private final InstantSource clock;

    /** {@code specs} gives a service's spec now, null once it was removed. */
    StopMarks(Path stateDir, Function<String, ServiceSpec> specs, InstantSource clock) {
        this.stateDir = stateDir;
        this.specs = specs;
        this.clock = clock;
    }

    /** The reason a service stopped by hand stays stopped at the daemon's start, if it does. */
    Optional<String> keptStopped(String name) {
        if (!unlessStopped(name)) {
            return Optional.empty();
        }
        return read(name).map(mark -> mark + "; restart policy unless-stopped keeps it stopped "
                + "until warden start " + name);
    }

    /** After a stop by hand: an {@code unless-stopped} service remembers it across daemon restarts. */
    void remember(String name) {
        if (!unlessStopped(name)) {
            return;
        }
        try {
            mark(name, clock.instant());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remember the stop of " + name + " in " + file(name)
                    + " (" + e.getMessage() + "): it will be started with the next daemon");
        }
    }

    /** After a start by hand: the stop is forgotten. */
    void forget(String name) {
        try {
            clear(name);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove " + file(name) + " (" + e.getMessage()
                    + "): the next daemon may leave " + name + " stopped");
        }
    }

    private boolean unlessStopped(String name) {
        ServiceSpec spec = specs.apply(name);
        return spec != null && spec.restart().policy() == RestartPolicy.UNLESS_STOPPED;
    }

    /** Remembers that {@code service} was stopped by hand at {@code at}. */
    private void mark(String service, Instant at) throws IOException {
        Path file = file(service);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        PrivateFiles.createDirectories(stateDir);
        try (FileChannel channel = PrivateFiles.create(temp)) {
            channel.write(StandardCharsets.UTF_8.encode("stopped by hand at " + at + "\n"));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forgets the stop; nothing happens when there is none. */
    private void clear(String service) throws IOException {
        Files.deleteIfExists(file(service));
    }

    /** What the mark says ({@code stopped by hand at ...}), or empty when the service has none. */
    private Optional<String> read(String service) {
        try {
            String text = Files.readString(file(service), StandardCharsets.UTF_8).strip();
            return Optional.of(text.isEmpty() ? "stopped by hand" : text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Unreadable but present: the stop by hand still counts.
            return Optional.of("stopped by hand");
        }
    }

    private Path file(String service) {
        return stateDir.resolve(service + SUFFIX);
    }
}
