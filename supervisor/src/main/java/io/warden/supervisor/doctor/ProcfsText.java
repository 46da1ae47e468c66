package io.warden.supervisor.doctor;

import io.warden.supervisor.process.ServiceMarks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsers of the Linux {@code /proc} files only the doctor reads (sockets, command lines,
 * environments, the auxiliary vector), pure so that tests feed them text; {@code /proc/PID/stat}
 * and the boot time are {@code io.warden.os}'s. Only the fields the doctor needs are read.
 * Thread safety: stateless.
 */
final class ProcfsText {

    /** {@code st} of a socket in {@code /proc/net/tcp} and {@code tcp6}: TCP_LISTEN. */
    private static final String LISTEN = "0A";
    /** {@code a_type} of the page size in the auxiliary vector ({@code /proc/PID/auxv}). */
    private static final long AT_PAGESZ = 6;
    private static final byte[] SERVICE = (ServiceMarks.SERVICE + "=").getBytes(StandardCharsets.UTF_8);
    private static final byte[] STATE_DIR = (ServiceMarks.STATE_DIR + "=").getBytes(StandardCharsets.UTF_8);

    private ProcfsText() {
    }

    /** A listening socket of {@code /proc/net/tcp[6]}. */
    record Socket(int port, long inode) {
    }

    /** The service marks of an environment; empty strings when absent. */
    record Marks(String service, String stateDir) {
    }

    /**
     * The arguments of {@code /proc/PID/cmdline}: NUL-separated, NUL-terminated; empty for kernel
     * threads and zombies. A process that rewrote its command line without NULs is one argument.
     */
    static List<String> parseCmdline(byte[] bytes, int length) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) {
                args.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < length) {
            args.add(new String(bytes, start, length - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    /** {@code WARDEN_SERVICE} and {@code WARDEN_STATE_DIR} of a {@code /proc/PID/environ}. */
    static Marks parseMarks(byte[] bytes, int length) {
        String service = "";
        String stateDir = "";
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && bytes[end] != 0) {
                end++;
            }
            if (bytes[start] == 'W') { // cheap filter: most variables are not ours
                if (startsWith(bytes, start, end, SERVICE)) {
                    service = new String(bytes, start + SERVICE.length, end - start - SERVICE.length,
                            StandardCharsets.UTF_8);
                } else if (startsWith(bytes, start, end, STATE_DIR)) {
                    stateDir = new String(bytes, start + STATE_DIR.length, end - start - STATE_DIR.length,
                            StandardCharsets.UTF_8);
                }
            }
            start = end + 1;
        }
        return new Marks(service, stateDir);
    }

    private static boolean startsWith(byte[] bytes, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The listening sockets of {@code /proc/net/tcp} or {@code /proc/net/tcp6}: {@code sl
     * local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...}, the port in hex
     * after the last ':' of the local address, state {@code 0A} for LISTEN.
     */
    static List<Socket> parseListening(String text) {
        List<Socket> sockets = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[3].equals(LISTEN)) {
                continue; // the header, or another state
            }
            int colon = f[1].lastIndexOf(':');
            try {
                sockets.add(new Socket(Integer.parseInt(f[1].substring(colon + 1), 16), Long.parseLong(f[9])));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // A line in a format we do not know: skip it.
            }
        }
        return sockets;
    }

    /** The inode of a {@code /proc/PID/fd/N} link to a socket ({@code socket:[12345]}), else -1. */
    static long socketInode(String link) {
        if (!link.startsWith("socket:[") || !link.endsWith("]")) {
            return -1;
        }
        try {
            return Long.parseLong(link, 8, link.length() - 1, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The page size from an auxiliary vector ({@code /proc/self/auxv}: pairs of native words, type
     * then value, ending with type 0), or -1 when it is not there.
     */
    static long parsePageSize(byte[] auxv, int length, ByteOrder order, int wordBytes) {
        ByteBuffer buffer = ByteBuffer.wrap(auxv, 0, length).order(order);
        while (buffer.remaining() >= 2 * wordBytes) {
            long type = wordBytes == 8 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
            long value = wordBytes == 8 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
            if (type == AT_PAGESZ) {
                return value;
            }
            if (type == 0) {
                break;
            }
        }
        return -1;
    }
}
