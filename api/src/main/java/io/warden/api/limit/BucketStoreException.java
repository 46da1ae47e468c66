package io.warden.api.limit;

/** A shared bucket store could not be reached in time; the message names the store and the cause. */
public final class BucketStoreException extends RuntimeException {

    public BucketStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
