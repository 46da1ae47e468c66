package io.warden.supervisor.process;

import io.warden.supervisor.SupervisorException;

/** The OS refused an action on a process: a signal, or making the daemon a subreaper. */
public final class ProcessControlException extends SupervisorException {

    /** A refusal with a message naming the process, the action and the reason. */
    ProcessControlException(String message) {
        super(message);
    }
}
