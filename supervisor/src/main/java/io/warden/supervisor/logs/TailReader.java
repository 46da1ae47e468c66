package io.warden.supervisor.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads the last lines of a log backwards, block by block, from the newest file into older
 * ones, so that asking for 100 lines of a 50 MB history reads a few kilobytes.
 *
 * <p>Not thread-safe (it counts what it read); use one per call.
 */
final class TailReader {

    private static final int BLOCK = 64 * 1024;

    private long bytesRead;

    /** The last {@code n} lines of the files (given newest first), oldest line first. */
    List<LogLine> tail(List<Path> newestFirst, int n) throws IOException {
        List<LogLine> reversed = new ArrayList<>();
        for (Path file : newestFirst) {
            if (reversed.size() >= n) {
                break;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                readBackwards(channel, channel.size(), n, reversed);
            } catch (NoSuchFileException rotatedAway) {
                // Deleted by a rotation between listing and opening: it held only older lines.
            }
        }
        Collections.reverse(reversed);
        return reversed;
    }

    /**
     * The last {@code n} lines before {@code firstEnd} in the open file {@code first}, then in the
     * older files (newest first), oldest line first.
     */
    List<LogLine> tail(FileChannel first, long firstEnd, List<Path> older, int n) throws IOException {
        List<LogLine> reversed = new ArrayList<>();
        readBackwards(first, firstEnd, n, reversed);
        List<LogLine> rest = reversed.size() >= n ? List.of() : tail(older, n - reversed.size());
        Collections.reverse(reversed);
        List<LogLine> lines = new ArrayList<>(rest);
        lines.addAll(reversed);
        return lines;
    }

    /** Bytes read by this reader so far. */
    long bytesRead() {
        return bytesRead;
    }

    private void readBackwards(FileChannel channel, long from, int n, List<LogLine> reversed) throws IOException {
        long position = from;
        // Bytes after the last newline seen going backwards: the end of a line whose start is further back.
        byte[] pending = new byte[0];
        boolean fileEnd = true;
        while (position > 0 && reversed.size() < n) {
            int length = (int) Math.min(BLOCK, position);
            position -= length;
            byte[] buf = Arrays.copyOf(readFully(channel, position, length), length + pending.length);
            System.arraycopy(pending, 0, buf, length, pending.length);
            int end = buf.length;
            for (int i = buf.length - 1; i >= 0 && reversed.size() < n; i--) {
                if (buf[i] == '\n') {
                    if (!(fileEnd && i == buf.length - 1)) {
                        add(buf, i + 1, end, reversed);
                    }
                    end = i;
                }
            }
            fileEnd = false;
            pending = Arrays.copyOf(buf, end);
        }
        if (position == 0 && pending.length > 0 && reversed.size() < n) {
            add(pending, 0, pending.length, reversed); // the file's first line
        }
    }

    private byte[] readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining() && channel.read(buf, position + buf.position()) > 0) {
            // keep reading: a positional read may return less than asked
        }
        bytesRead += buf.position();
        return buf.array();
    }

    private static void add(byte[] buf, int from, int to, List<LogLine> reversed) {
        LogLine line = LineFormat.parse(buf, from, to);
        if (line != null) {
            reversed.add(line);
        }
    }
}
