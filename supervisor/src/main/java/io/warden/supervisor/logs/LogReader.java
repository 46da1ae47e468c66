package io.warden.supervisor.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log forwards from a {@link LogCursor}: what a follower that must see every line once, in
 * order, reads, however fast the service prints. Files are found by identity, not by name, so a
 * rotation between two reads moves the reader on to the next newer file instead of skipping or
 * repeating lines. Only whole lines are returned: a line being appended is left for the next read.
 *
 * <p>Stateless; the files are given newest first ({@code NAME.log}, {@code NAME.log.1}, ...).
 */
final class LogReader {

    /** A line is at most 64 KiB plus its prefix, so a read of this much always holds one whole line. */
    static final int MIN_READ = 128 * 1024;

    private LogReader() {
    }

    /** Up to about {@code maxBytes} of whole lines after {@code from}. */
    static LogChunk read(List<Path> newestFirst, LogCursor from, int maxBytes) throws IOException {
        int budget = Math.max(MIN_READ, maxBytes);
        boolean gap = false;
        LogCursor at = from;
        // Each pass either returns or moves to a newer file or retries after a rotation raced it;
        // a rotation per pass is the most there can be, so this bound is never reached in practice.
        for (int pass = 0; pass < 2 * newestFirst.size() + 8; pass++) {
            List<String> ids = identities(newestFirst);
            int i = ids.indexOf(at.file());
            if (i < 0) {
                int oldest = oldest(ids);
                if (oldest < 0) {
                    return new LogChunk(List.of(), at, gap); // no log yet
                }
                gap |= !at.file().isEmpty(); // the cursor's file was rotated away before it was read
                at = new LogCursor(ids.get(oldest), 0);
                i = oldest;
            }
            try (FileChannel channel = FileChannel.open(newestFirst.get(i), StandardOpenOption.READ)) {
                if (!at.file().equals(identity(newestFirst.get(i)))) {
                    continue; // renamed between the listing and the open: list again
                }
                long size = channel.size();
                if (at.offset() > size) {
                    gap = true; // cut back (a torn tail removed after a crash): start the file again
                    at = new LogCursor(at.file(), 0);
                }
                if (at.offset() < size) {
                    int length = (int) Math.min(budget, size - at.offset());
                    ByteBuffer buf = readFully(channel, at.offset(), length);
                    int end = lastNewline(buf) + 1;
                    if (end > 0) {
                        return new LogChunk(parse(buf.array(), end), new LogCursor(at.file(), at.offset() + end), gap);
                    }
                }
                int newer = newer(ids, i);
                if (newer < 0) {
                    return new LogChunk(List.of(), at, gap); // at the end of the current file
                }
                at = new LogCursor(ids.get(newer), 0); // a rotated file read to its end
            } catch (NoSuchFileException rotatedAway) {
                // deleted between the listing and the open: list again
            }
        }
        return new LogChunk(List.of(), at, gap);
    }

    /**
     * The last {@code n} lines of the files and the cursor right after them, so that a follower
     * reading on from it neither misses nor repeats a line written meanwhile.
     */
    static Tail tail(List<Path> newestFirst, int n) throws IOException {
        for (int pass = 0; pass < 8 && !newestFirst.isEmpty(); pass++) {
            Path current = newestFirst.getFirst();
            try (FileChannel channel = FileChannel.open(current, StandardOpenOption.READ)) {
                String id = identity(current);
                if (id == null) {
                    continue;
                }
                long end = endOfLastLine(channel);
                List<LogLine> lines = new TailReader().tail(channel, end, newestFirst.subList(1, newestFirst.size()), n);
                return new Tail(lines, new LogCursor(id, end));
            } catch (NoSuchFileException rotatedAway) {
                // renamed between the listing and the open: the next pass finds the new file
            }
        }
        return new Tail(List.of(), LogCursor.BEGINNING);
    }

    /** The last lines of a log and where to follow it from. */
    record Tail(List<LogLine> lines, LogCursor next) {
    }

    /**
     * A file's identity: its key (device and inode on Unix), else its creation time; null when it
     * is gone.
     */
    static String identity(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
        Object key = attributes.fileKey();
        String text = key != null ? key.toString() : "c" + attributes.creationTime().toMillis();
        return text.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static List<String> identities(List<Path> files) throws IOException {
        List<String> ids = new ArrayList<>(files.size());
        for (Path file : files) {
            ids.add(identity(file));
        }
        return ids;
    }

    private static int oldest(List<String> ids) {
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (ids.get(i) != null) {
                return i;
            }
        }
        return -1;
    }

    private static int newer(List<String> ids, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (ids.get(j) != null) {
                return j;
            }
        }
        return -1;
    }

    private static long endOfLastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        long position = size;
        while (position > 0) {
            int length = (int) Math.min(8192, position);
            position -= length;
            ByteBuffer buf = readFully(channel, position, length);
            int newline = lastNewline(buf);
            if (newline >= 0) {
                return position + newline + 1;
            }
        }
        return 0;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && channel.read(buf, position + buf.position()) > 0) {
            // a positional read may return less than asked
        }
        return buf.flip();
    }

    private static int lastNewline(ByteBuffer buf) {
        for (int i = buf.limit() - 1; i >= 0; i--) {
            if (buf.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static List<LogLine> parse(byte[] bytes, int end) {
        List<LogLine> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                LogLine line = LineFormat.parse(bytes, start, i);
                if (line != null) {
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }
}
