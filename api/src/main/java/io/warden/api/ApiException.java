package io.warden.api;

/** The API cannot be served (for example its port is taken); the message names the address and why. */
public final class ApiException extends RuntimeException {

    /** A failure with its cause. */
    ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
