package io.warden.supervisor.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc calls the JDK does not offer. Loaded on first use, on POSIX systems only. */
interface LibC extends Library {

    int PR_SET_CHILD_SUBREAPER = 36;
    int PR_GET_CHILD_SUBREAPER = 37;
    int WNOHANG = 1;
    int P_ALL = 0;
    /** waitid on a pidfd (Linux >= 5.4). */
    int P_PIDFD = 3;
    int WEXITED = 4;
    int WNOWAIT = 0x01000000;
    int ESRCH = 3;
    int EPERM = 1;
    int EINTR = 4;
    int ENOEXEC = 8;
    int ECHILD = 10;
    int SIGKILL = 9;
    /** si_code of a child that called exit; otherwise it was killed (2) or dumped core (3) by si_status. */
    int CLD_EXITED = 1;

    // Linux values, the same on x86_64 and aarch64 (the two architectures LinuxSpawner runs on).
    int O_RDONLY = 0;
    int O_WRONLY = 01;
    int O_CREAT = 0100;
    int O_APPEND = 02000;
    /** Not the same on the two: refuses to open a symbolic link. */
    int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0100000 : 0400000;
    int EFD_NONBLOCK = 04000;
    int O_NONBLOCK = 04000;
    int O_CLOEXEC = 02000000;
    int F_SETFL = 4;
    int EFD_CLOEXEC = 02000000;
    short POLLIN = 1;
    // glibc's spawn.h.
    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;

    int kill(int pid, int signal);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    int prctl(int option, int[] arg2, long arg3, long arg4, long arg5);

    int waitpid(int pid, int[] status, int options);

    /** {@code siginfo} is a siginfo_t (128 bytes) as ints; see {@link #SIGINFO_PID}. */
    int waitid(int idType, int id, int[] siginfo, int options);

    /** Index of {@code si_code} in a siginfo_t read as ints. */
    int SIGINFO_CODE = 2;
    /** Index of {@code si_pid} in a siginfo_t read as ints: after three ints, pointer-aligned. */
    int SIGINFO_PID = Native.POINTER_SIZE == 8 ? 4 : 3;
    /** Index of {@code si_status} for SIGCHLD: after si_pid and si_uid. */
    int SIGINFO_STATUS = SIGINFO_PID + 2;

    int getpgrp();

    int tcgetpgrp(int fd);

    /** Returns 0 or an error number (not -1 and errno), as every posix_spawn function. */
    int posix_spawnp(int[] pid, String file, Pointer fileActions, Pointer attributes, String[] argv, String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newFd);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

    /** glibc >= 2.29. */
    int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

    /** glibc >= 2.34. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer mask);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

    int sigemptyset(Pointer set);

    /** For system calls glibc may not wrap ({@code pidfd_open} before 2.36). */
    long syscall(long number, long arg1, long arg2);

    /** {@code fds} is an array of struct pollfd: int fd, short events, short revents. */
    int poll(Pointer fds, long count, int timeoutMillis);

    int eventfd(int initialValue, int flags);

    long read(int fd, long[] buffer, long count);

    long write(int fd, long[] buffer, long count);

    long write(int fd, byte[] buffer, long count);

    int pipe2(int[] fds, int flags);

    int fcntl(int fd, int command, int argument);

    int close(int fd);

    String strerror(int errno);

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
