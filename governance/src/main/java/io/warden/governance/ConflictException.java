package io.warden.governance;

/** A concurrent change won: the assessment's version moved between read and write. Retry with the current version. */
public class ConflictException extends GovernanceException {

    /** A failure described by its message. */
    public ConflictException(String message) {
        super(message);
    }

    /** A failure described by its message, caused by another. */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
