package io.warden.fleet;

/** The fleet registry failed: its database, or the agent id file. The message says what and the fix. */
public class FleetException extends RuntimeException {

    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
