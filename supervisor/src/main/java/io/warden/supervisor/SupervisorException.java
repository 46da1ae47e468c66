package io.warden.supervisor;

/**
 * The root of the supervisor's failures; unchecked, translated once at each edge (HTTP
 * problem+json, CLI exit codes). Sub-types name the concept that failed.
 */
public class SupervisorException extends RuntimeException {

    /** A failure with a message naming what failed, the value and the fix. */
    public SupervisorException(String message) {
        super(message);
    }

    /** A failure caused by another exception. */
    public SupervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
