package io.warden.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in config as {@code 512B}, {@code 64KB}, {@code 10MB} or {@code 1GB}.
 * Units are binary (1 KB = 1024 bytes), as in logrotate and supervisord.
 *
 * @param bytes the size in bytes, not negative
 */
public record DataSize(long bytes) {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|K|M|G|KIB|MIB|GIB)?");

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative, was " + bytes);
        }
    }

    /** A size of this many bytes. */
    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    /** A size of this many MB (mebibytes). */
    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(megabytes << 20);
    }

    /**
     * Parses {@code 10MB}-style text.
     *
     * @throws IllegalArgumentException naming the value and the accepted form
     */
    public static DataSize parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size: write a number and a unit, "
                    + "one of B, KB, MB, GB (for example 10MB)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + text + "' is too large");
        }
        return new DataSize(amount << shift);
    }

    @Override
    public String toString() {
        for (var unit : new String[][] {{"GB", "30"}, {"MB", "20"}, {"KB", "10"}}) {
            int shift = Integer.parseInt(unit[1]);
            if (bytes > 0 && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + unit[0];
            }
        }
        return bytes + "B";
    }
}
