package io.warden.governance;

/** The database failed or could not be opened; the message names the URL (without secrets) and the cause. */
public class StorageException extends GovernanceException {

    /** A failure described by its message. */
    public StorageException(String message) {
        super(message);
    }

    /** A failure described by its message, caused by another. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
