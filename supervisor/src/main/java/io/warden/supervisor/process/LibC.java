package io.warden.supervisor.process;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the JDK does not offer. Loaded on first use, on POSIX systems only. */
interface LibC extends Library {

    int PR_SET_CHILD_SUBREAPER = 36;
    int PR_GET_CHILD_SUBREAPER = 37;
    int WNOHANG = 1;
    int P_ALL = 0;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;
    int ESRCH = 3;
    int EPERM = 1;
    int ECHILD = 10;

    int kill(int pid, int signal);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int prctl(int option, int[] arg2, long arg3, long arg4, long arg5);

    int waitpid(int pid, int[] status, int options);

    /** {@code siginfo} is a siginfo_t (128 bytes) as ints; see {@link #SIGINFO_PID}. */
    int waitid(int idType, int id, int[] siginfo, int options);

    /** Index of {@code si_pid} in a siginfo_t read as ints: after three ints, pointer-aligned. */
    int SIGINFO_PID = Native.POINTER_SIZE == 8 ? 4 : 3;

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
