package io.warden.supervisor.process;

import java.util.Locale;

/** Which OS family the JVM runs on; read once. */
final class Platform {

    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);

    private Platform() {
    }

    static boolean isWindows() {
        return OS.startsWith("windows");
    }

    static boolean isLinux() {
        return OS.startsWith("linux");
    }
}
