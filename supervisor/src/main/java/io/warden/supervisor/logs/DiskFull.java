package io.warden.supervisor.logs;

import java.io.IOException;

/** Whether a write failed for lack of space (ENOSPC, or EDQUOT: a quota is a full disk to its user). */
final class DiskFull {

    private DiskFull() {
    }

    static boolean is(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
