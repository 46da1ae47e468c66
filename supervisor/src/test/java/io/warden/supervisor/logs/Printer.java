package io.warden.supervisor.logs;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child that prints, in one of several ways:
 * <ul>
 *   <li>{@code both N}: N lines to stdout ("out i") and N to stderr ("err i")</li>
 *   <li>{@code lines N}: N lines to stdout ("line i")</li>
 *   <li>{@code tick MS}: "tick i" every MS milliseconds until killed; exits 3 if a write ever
 *       fails (what a broken pipe would do: Python raises BrokenPipeError)</li>
 *   <li>{@code flood BYTES TIMEFILE}: 100-byte numbered lines as fast as it can, then writes the
 *       nanoseconds the writing took to TIMEFILE</li>
 *   <li>{@code long N}: N bytes of "x" without newline, then "\nend\n"</li>
 *   <li>{@code partial TEXT}: "first\n" then TEXT without newline, and exits</li>
 * </ul>
 */
public final class Printer {

    static final int FLOOD_LINE = 100;

    private Printer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "both" -> {
                PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    out.println("out " + i);
                    err.println("err " + i);
                }
            }
            case "lines" -> {
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    out.println("line " + i);
                }
            }
            case "tick" -> {
                long ms = Long.parseLong(args[1]);
                for (long i = 0; ; i++) {
                    out.println("tick " + i);
                    if (out.checkError()) {
                        System.exit(3);
                    }
                    Thread.sleep(ms);
                }
            }
            case "flood" -> flood(Long.parseLong(args[1]), Path.of(args[2]));
            case "long" -> {
                byte[] xs = new byte[Integer.parseInt(args[1])];
                java.util.Arrays.fill(xs, (byte) 'x');
                out.write(xs);
                out.print("\nend\n");
            }
            case "partial" -> {
                out.print("first\n" + args[1]);
                out.flush();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Lines "NNNNNNNNN xxx...x\n" of exactly 100 bytes, numbered from 0. */
    private static void flood(long bytes, Path timeFile) throws Exception {
        byte[] line = new byte[FLOOD_LINE];
        java.util.Arrays.fill(line, (byte) 'x');
        line[9] = ' ';
        line[FLOOD_LINE - 1] = '\n';
        long lines = bytes / FLOOD_LINE;
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024)) {
            for (long i = 0; i < lines; i++) {
                long n = i;
                for (int d = 8; d >= 0; d--) {
                    line[d] = (byte) ('0' + n % 10);
                    n /= 10;
                }
                out.write(line);
            }
        }
        Files.writeString(timeFile, Long.toString(System.nanoTime() - start));
    }
}
