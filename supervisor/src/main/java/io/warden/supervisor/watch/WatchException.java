package io.warden.supervisor.watch;

import io.warden.supervisor.SupervisorException;

/** A watch that cannot start: a path that does not exist, a folder that cannot be registered. */
public final class WatchException extends SupervisorException {

    WatchException(String message) {
        super(message);
    }

    WatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
