package io.warden.supervisor.process;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the JDK does not offer. Loaded on first use, on POSIX systems only. */
interface LibC extends Library {

    int PR_SET_CHILD_SUBREAPER = 36;
    int PR_GET_CHILD_SUBREAPER = 37;
    int WNOHANG = 1;
    int ESRCH = 3;
    int EPERM = 1;

    int kill(int pid, int signal);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int prctl(int option, int[] arg2, long arg3, long arg4, long arg5);

    int waitpid(int pid, int[] status, int options);

    int getpgrp();

    int tcgetpgrp(int fd);

    /** Lazy holder: loading libc costs a few milliseconds and is not needed on Windows. */
    final class Holder {
        static final LibC INSTANCE = Native.load("c", LibC.class);

        private Holder() {
        }
    }

    static LibC get() {
        return Holder.INSTANCE;
    }
}
