package io.warden.lock;

/**
 * The root of the lock module's failures: the state directory cannot be created or written, the
 * name is not a valid instance name, or the PID file cannot be written. Unchecked, so an
 * embedding {@code main} decides where to translate it.
 */
public class LockException extends RuntimeException {

    /** A failure with a message that names what failed and why. */
    LockException(String message) {
        super(message);
    }

    /** A failure caused by an I/O error, with a message that names the path. */
    LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
