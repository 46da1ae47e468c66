package io.warden.api.services;

import io.warden.supervisor.logs.LogLine;
import java.util.List;

/** The recent output of a service, newest last, as the log files hold it. */
@FunctionalInterface
public interface ServiceLogs {

    /** The last {@code lines} lines of the service's log. */
    List<LogLine> tail(String service, int lines);
}
