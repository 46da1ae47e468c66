package io.warden.supervisor.process;

/** A {@link Tether} over the write end of a pipe, a raw descriptor opened non-blocking. */
final class FdTether implements Tether {

    private static final byte[] BEAT = {'b'};

    private final LibC libc;
    private final Object guard = new Object();
    private int fd; // guarded by guard; -1 once closed

    FdTether(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    @Override
    public void beat() {
        synchronized (guard) { // a non-blocking write: no pinning to speak of
            if (fd >= 0) {
                libc.write(fd, BEAT, BEAT.length);
            }
        }
    }

    @Override
    public void close() {
        synchronized (guard) {
            if (fd >= 0) {
                libc.close(fd);
                fd = -1;
            }
        }
    }
}
