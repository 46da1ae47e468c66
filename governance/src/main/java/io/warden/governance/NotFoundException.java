package io.warden.governance;

/** An assessment id that does not exist. The message names the id. */
public class NotFoundException extends GovernanceException {

    /** A failure described by its message. */
    NotFoundException(String message) {
        super(message);
    }

    /** A failure described by its message, caused by another. */
    NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
