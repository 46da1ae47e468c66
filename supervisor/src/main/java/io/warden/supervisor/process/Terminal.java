package io.warden.supervisor.process;

import io.warden.os.OsFamily;

/**
 * Whether this process runs in the foreground of the terminal on its standard input. Then a
 * Ctrl-C from that terminal reaches every process of the group, its children included, so a
 * wrapper that forwarded SIGINT as well would deliver it twice.
 */
public final class Terminal {

    private Terminal() {
    }

    /** True when stdin is a terminal whose foreground process group is ours (POSIX only). */
    public static boolean isForegroundProcessGroup() {
        if (OsFamily.isWindows()) {
            return false;
        }
        LibC libc = LibC.get();
        int foreground = libc.tcgetpgrp(0);
        return foreground > 0 && foreground == libc.getpgrp();
    }
}
