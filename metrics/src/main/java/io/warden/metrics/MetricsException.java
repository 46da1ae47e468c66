package io.warden.metrics;

/**
 * The root of the metrics module's failures, such as a sampler used after it was closed.
 * Unchecked: callers translate it once at their edge.
 */
public class MetricsException extends RuntimeException {

    /** A failure with a message that names what failed and why. */
    MetricsException(String message) {
        super(message);
    }

    /** A failure caused by another, with a message that names what failed. */
    MetricsException(String message, Throwable cause) {
        super(message, cause);
    }
}
