package io.warden.os;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reading Linux {@code /proc} files into reused buffers, the boot time of {@code /proc/stat}, and
 * the number scanner the byte parsers share. Thread safety: stateless; buffers are the caller's.
 */
public final class Procfs {

    private Procfs() {
    }

    /** The boot time in epoch seconds from {@code /proc/stat}'s {@code btime} line, or -1. */
    public static long parseBootTime(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("btime ")) {
                try {
                    return Long.parseLong(line.substring(6).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * The decimal number in {@code text[from, to)}, spaces around it ignored; -1 if there is none
     * (or it is negative, or too long to be a counter).
     */
    public static long parseLong(byte[] text, int from, int to) {
        while (from < to && text[from] == ' ') {
            from++;
        }
        while (to > from && text[to - 1] == ' ') {
            to--;
        }
        if (from == to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * Reads a /proc file whole into {@code buffer} (as much as fits); its length, or -1 if it
     * cannot be read (it does not exist, the process exited, it is another user's).
     */
    public static int readBytes(String path, byte[] buffer) {
        try (FileInputStream in = new FileInputStream(path)) {
            int length = 0;
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
            return length;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads a small /proc file whole into the caller's buffer as text; null if it cannot be read.
     * FileInputStream into a reused buffer: a quarter of the cost of Files.readString here.
     */
    public static String read(String path, byte[] buffer) {
        int length = readBytes(path, buffer);
        return length < 0 ? null : new String(buffer, 0, length, StandardCharsets.US_ASCII);
    }
}
