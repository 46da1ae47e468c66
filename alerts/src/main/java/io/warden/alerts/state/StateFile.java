package io.warden.alerts.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warden.alerts.silence.Silence;
import io.warden.config.ConfigMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The alert states, silences and delivered notifications in one JSON file in the state dir
 * ({@code alerts.json}), so that a restart neither re-notifies nor restarts {@code for}. Written
 * whole each time: to a temporary file, forced to disk, renamed over the old one, the directory
 * forced, so a crash leaves either the old or the new file, never half of one. Thread safe.
 */
public final class StateFile {

    /** What the file holds. */
    public record Stored(int version, List<Instance> alerts, List<Silence> silences, List<String> handled,
                         List<PostedState> posted) {

        public Stored {
            alerts = alerts == null ? List.of() : List.copyOf(alerts);
            posted = posted == null ? List.of() : List.copyOf(posted); // absent in files of before posted alerts
            silences = silences == null ? List.of() : List.copyOf(silences);
            handled = handled == null ? List.of() : List.copyOf(handled);
        }

        static Stored empty() {
            return new Stored(VERSION, List.of(), List.of(), List.of(), List.of());
        }
    }

    static final int VERSION = 1;
    private static final System.Logger LOG = System.getLogger(StateFile.class.getName());

    private final Path file;
    private final ObjectMapper json = ConfigMapper.create().jsonMapper();
    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: the write blocks on I/O

    public StateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /**
     * The stored state; empty when there is no file. A file that cannot be read is moved aside
     * to {@code NAME.corrupt} (kept for a look) and the alerts start afresh, with a warning:
     * losing alert state must not keep the daemon from starting.
     */
    public Stored load() {
        try {
            Stored stored = json.readValue(Files.readAllBytes(file), Stored.class);
            return stored.version() == VERSION ? stored : Stored.empty();
        } catch (NoSuchFileException e) {
            return Stored.empty();
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            LOG.log(System.Logger.Level.WARNING, "cannot read alert state " + file + " (" + e.getMessage()
                    + "); moved it to " + aside + " and starting with no alerts");
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.log(System.Logger.Level.WARNING, "cannot move " + file + " aside: " + moveFailed.getMessage());
            }
            return Stored.empty();
        }
    }

    /**
     * Replaces the file with the state {@code current} gives, atomically and durably. The state
     * is taken under the file's lock, so of two savers the later write holds the later state.
     */
    public void save(java.util.function.Supplier<Stored> current) {
        lock.lock();
        try {
            Stored state = current.get();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert state " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    // The rename is durable only once the directory entry is; Windows cannot open a directory.
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
