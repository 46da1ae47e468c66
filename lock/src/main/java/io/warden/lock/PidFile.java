package io.warden.lock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and atomically writes one PID file. Thread safety: stateless apart from its path. */
final class PidFile {

    /** A PID file is a few hundred bytes; anything far larger is garbage, not worth reading whole. */
    private static final int MAX_BYTES = 64 * 1024;

    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** What the file holds: a record, nothing, or why it could not be parsed. */
    sealed interface Content {
        record Absent() implements Content { }

        record Valid(PidRecord record) implements Content { }

        record Corrupt(String reason) implements Content { }
    }

    Content read() {
        // Asked first: a holder's clean release deletes the file, so the next start usually finds
        // none, and a failed open costs an exception (Files.exists throws none on the JDK >= 20).
        if (!Files.exists(path)) {
            return new Content.Absent();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return new Content.Absent();
        } catch (IOException e) {
            return new Content.Corrupt("unreadable: " + e);
        }
        if (bytes.length == 0) {
            return new Content.Corrupt("empty");
        }
        if (bytes.length > MAX_BYTES) {
            return new Content.Corrupt("larger than " + MAX_BYTES + " bytes");
        }
        try {
            return new Content.Valid(PidRecord.parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return new Content.Corrupt(e.getMessage());
        }
    }

    /** Writes through a temp file and a rename, so readers see the old or the new file, never a part. */
    void write(PidRecord record) {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            // A new file (a link left in its place is removed, not followed), then renamed over the
            // PID file: rename replaces a link there instead of writing through it.
            try (FileChannel channel = PrivateFiles.create(temp)) {
                // String.getBytes, not Charset.encode: no encoder object per write (a service's
                // restart rewrites this file right after the spawn).
                ByteBuffer bytes = ByteBuffer.wrap(record.toFileText().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new LockException("cannot write PID file " + path + ": " + PrivateFiles.message(e), e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // The file is information only; a leftover is replaced by the next holder.
        }
    }
}
