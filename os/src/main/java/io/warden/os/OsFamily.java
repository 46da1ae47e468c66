package io.warden.os;

import java.util.Locale;

/**
 * The family of the operating system the JVM runs on. The only place Warden reads the
 * {@code os.name} system property: code that differs by OS asks here, so a test or a new
 * platform has one place to look.
 */
public enum OsFamily {
    LINUX,
    WINDOWS,
    MAC,
    /** Any other OS (BSDs, Solaris, AIX): the portable JDK paths only. */
    OTHER;

    private static final OsFamily CURRENT = of(System.getProperty("os.name", ""));

    /** The family of this JVM's OS, read once. */
    static OsFamily current() {
        return CURRENT;
    }

    /** The family named by an {@code os.name} value ({@code "Linux"}, {@code "Windows 11"}, {@code "Mac OS X"}). */
    static OsFamily of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return LINUX;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return name.startsWith("mac") ? MAC : OTHER;
    }

    /** Whether this JVM runs on Linux. */
    public static boolean isLinux() {
        return CURRENT == LINUX;
    }

    /** Whether this JVM runs on Windows. */
    public static boolean isWindows() {
        return CURRENT == WINDOWS;
    }
}
