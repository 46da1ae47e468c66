package io.warden.cluster;

/** The cluster's lease table could not be prepared; the message names the database and the fix. */
public final class ClusterException extends RuntimeException {

    ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
