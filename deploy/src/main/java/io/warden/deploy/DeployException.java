package io.warden.deploy;

/** Why a deploy or a rollback cannot be done; the message says what and how to proceed. */
public class DeployException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
