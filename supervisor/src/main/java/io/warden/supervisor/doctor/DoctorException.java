package io.warden.supervisor.doctor;

import io.warden.supervisor.SupervisorException;

/** The doctor could not look: the state directory or the process list is unreadable. */
public final class DoctorException extends SupervisorException {

    DoctorException(String message, Throwable cause) {
        super(message, cause);
    }
}
