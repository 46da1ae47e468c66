package io.warden.supervisor.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The signals Warden sends to services, with their POSIX numbers. Written in config as
 * {@code TERM}, {@code SIGTERM} or {@code term}.
 */
public enum Signal {
    HUP(1),
    INT(2),
    QUIT(3),
    KILL(9),
    TERM(15);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The POSIX signal number (Linux, macOS and the BSDs agree on these five). */
    public int number() {
        return number;
    }

    /**
     * Parses {@code TERM}, {@code SIGTERM} or {@code term}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    @JsonCreator
    public static Signal parse(String text) {
        String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        for (Signal signal : values()) {
            if (signal.name().equals(name)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a supported signal: use one of "
                + Arrays.toString(values()));
    }

    @JsonValue
    String configName() {
        return name();
    }
}
