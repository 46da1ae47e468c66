package io.warden.governance;

/** An assessment id that does not exist. The message names the id. */
public class NotFoundException extends GovernanceException {

    /** A failure described by its message. */
    public NotFoundException(String message) {
        super(message);
    }

    /** A failure described by its message, caused by another. */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
