package io.warden.supervisor;

import io.warden.lock.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The stops by hand that outlive the daemon: {@code NAME.stopped} beside the service's PID file,
 * holding when it was stopped. A service with restart policy {@code unless-stopped} that has one
 * is not started with the daemon; {@code warden start NAME} removes it.
 *
 * <p>Written through a temp file and a rename, so a daemon killed at any instant leaves the old
 * state or the new one, never a part. Thread safety: stateless apart from the directory; callers
 * serialise per service.
 */
final class StopMarks {

    private static final String SUFFIX = ".stopped";

    private final Path stateDir;

    StopMarks(Path stateDir) {
        this.stateDir = stateDir;
    }

    /** Remembers that {@code service} was stopped by hand at {@code at}. */
    void mark(String service, Instant at) throws IOException {
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
    void clear(String service) throws IOException {
        Files.deleteIfExists(file(service));
    }

    /** What the mark says ({@code stopped by hand at ...}), or empty when the service has none. */
    Optional<String> read(String service) {
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

    Path file(String service) {
        return stateDir.resolve(service + SUFFIX);
    }
}
