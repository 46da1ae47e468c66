/**
 * The single-instance guarantee: a kernel file lock and an atomic PID file. JDK only, so that any
 * JVM program can embed it.
 */
module io.warden.lock {
    // The tests only: they read the lock's System.Logger records through java.util.logging.
    requires static java.logging;

    exports io.warden.lock;
}
