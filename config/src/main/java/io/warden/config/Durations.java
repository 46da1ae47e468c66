package io.warden.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration with a unit.
     *
     * @throws IllegalArgumentException naming the value and the accepted form
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write a number and a unit, "
                    + "one of ms, s, m, h, d (for example 500ms, 5s, 2m)");
        }
        double amount = Double.parseDouble(m.group(1));
        long millisPerUnit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        return Duration.ofNanos(Math.round(amount * millisPerUnit * 1_000_000));
    }

    /** The shortest exact form: {@code 1500ms}, {@code 5s}, {@code 2m}. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
