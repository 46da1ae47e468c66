package io.warden.supervisor.process;

import com.sun.jna.Native;

/** Signals through libc's {@code kill(2)}. */
final class PosixSignals implements ProcessSignals {

    @Override
    public boolean send(ProcessHandle process, Signal signal) {
        long pid = process.pid();
        if (pid <= 1 || pid > Integer.MAX_VALUE) {
            // kill(0 | -1 | 1, ...) would reach a process group, everything, or init.
            throw new ProcessControlException("refusing to signal PID " + pid);
        }
        if (LibC.get().kill((int) pid, signal.number()) == 0) {
            return true;
        }
        int errno = Native.getLastError();
        if (errno == LibC.ESRCH) {
            return false;
        }
        throw new ProcessControlException("cannot send SIG" + signal + " to PID " + pid + ": "
                + (errno == LibC.EPERM ? "permission denied (the process belongs to another user)" : "errno " + errno));
    }
}
