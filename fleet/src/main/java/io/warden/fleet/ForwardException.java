package io.warden.fleet;

/**
 * A forwarded request got no answer from the owning agent: it refused the connection or could not
 * be reached (status 502), did not answer in time (504), or cannot be asked (503: no
 * {@code fleet.token}). The message names the agent.
 */
public final class ForwardException extends FleetException {

    private final int status;

    ForwardException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** 502 Bad Gateway, 503 Service Unavailable or 504 Gateway Timeout. */
    public int status() {
        return status;
    }
}
